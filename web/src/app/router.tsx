/**
 * A tiny history router: the path is the state. `navigate` pushes (or replaces) an entry and
 * every `useLocation` re-renders; `<Link>` is a real link (open in a new tab works) that
 * navigates in place on a plain click.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useCallback, useSyncExternalStore } from 'react';

const CHANGE = 'innfri:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  pathname: string;
  search: URLSearchParams;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  if (!options.replace) window.scrollTo(0, 0);
}

export function useNavigate(): typeof navigate {
  return useCallback(navigate, []);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target
    )
      return;
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** `/c/{companyId}/{screen}/{...rest}` */
export interface CompanyPath {
  companyId: string;
  screen: string;
  rest: string[];
}

export function parseCompanyPath(pathname: string): CompanyPath | null {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  if (parts[0] !== 'c' || !parts[1]) return null;
  return { companyId: parts[1], screen: parts[2] ?? '', rest: parts.slice(3) };
}

export function companyPath(companyId: string, ...segments: string[]): string {
  return ['', 'c', companyId, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}
