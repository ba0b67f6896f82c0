import { useEffect } from 'react';

export function useDocumentTitle(...parts: Array<string | null | undefined>): void {
  const title = [...parts.filter(Boolean), 'Innfri'].join(' – ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
