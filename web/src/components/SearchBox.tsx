/**
 * The search box of a working list (Fakturaer, Purreliste, Utkast/Godkjent, Inkasso, Reskontro,
 * Innbetalinger). What is typed goes into the URL (`?sok=`) after a short pause, so a search can be
 * shared, survives a reload and goes back with the browser; the list reads it with `useListSearch`
 * and asks the server (`q`), which searches invoice number, customer, KID, case number and amount.
 */
import { useEffect, useId, useState } from 'react';
import { navigate, useLocation } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';

export const SEARCH_PARAM = 'sok';
const PAUSE_MS = 300;

/**
 * The list's search as the URL has it, trimmed ('' for none). A second list on the same screen (the
 * bank's unmatched queue beside Innbetalinger) keeps its search under its own parameter.
 */
export function useListSearch(param: string = SEARCH_PARAM): string {
  const { search } = useLocation();
  return (search.get(param) ?? '').trim();
}

/** The current URL with the search set (or removed), every other parameter kept. */
function withSearch(param: string, text: string): string {
  const url = new URL(window.location.href);
  if (text) url.searchParams.set(param, text);
  else url.searchParams.delete(param);
  return url.pathname + url.search;
}

export function SearchBox({
  param = SEARCH_PARAM,
  placeholder,
  label,
}: {
  param?: string;
  placeholder?: string;
  label?: string;
} = {}) {
  const { t } = useI18n();
  const id = useId();
  const current = useListSearch(param);
  const [text, setText] = useState(current);
  // The URL changed elsewhere (back, a link, another tab of the list): show what it says.
  useEffect(() => setText(current), [current]);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === current) return;
    const timer = window.setTimeout(() => navigate(withSearch(param, wanted), { replace: true }), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text, current, param]);
  return (
    <div className="list-search" role="search">
      <label className="visually-hidden" htmlFor={id}>
        {label ?? t('search.label')}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        maxLength={100}
        placeholder={placeholder ?? t('search.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') navigate(withSearch(param, text.trim()), { replace: true });
        }}
      />
    </div>
  );
}
