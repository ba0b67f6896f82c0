/**
 * A server-paged list (`{ data, nextCursor }`): the first page when the key changes, more pages on
 * request, and the rows kept in state so a screen can update one row in place after an action.
 */
import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types.js';

export interface PagedList<T> {
  items: T[];
  setItems: Dispatch<SetStateAction<T[]>>;
  /** True until the first page has come (or failed). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function usePagedList<T>(
  key: string,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const moreController = useRef<AbortController | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the deps are the list's key: the fetcher sits in a ref so a new closure does not refetch
  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setLoading(true);
    setError(null);
    fetchRef
      .current(null, controller.signal)
      .then((page) => {
        setItems(page.data);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setItems([]);
          setCursor(null);
          setError(e);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    setError(null);
    fetchRef
      .current(cursor, controller.signal)
      .then((page) => {
        setItems((current) => [...current, ...page.data]);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoadingMore(false);
      });
  }, [cursor, loadingMore]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, setItems, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload };
}
