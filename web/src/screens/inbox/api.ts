/** The inbox's call over the typed client (GET …/inbox), and the count the navigation shows. */
import { useEffect, useState } from 'react';
import { client, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import { useLocation } from '../../app/router.js';

export type Inbox = components['schemas']['Inbox'];
export type InboxItem = components['schemas']['InboxItem'];
export type InboxKind = InboxItem['kind'];

export const inboxApi = {
  inbox: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/inbox', { params: { path: { companyId } }, signal })),
};

/** How often the navigation's count is read again while the user stays on one page. */
const REFRESH_MS = 60_000;

/**
 * The number of items waiting, for the navigation: read when the company or the page changes (a
 * decision made on another screen shows on the way back) and every minute; null until known.
 */
export function useInboxCount(companyId: string): { total: number; truncated: boolean } | null {
  const { pathname } = useLocation();
  const [count, setCount] = useState<{ total: number; truncated: boolean } | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page and the tick are triggers to read again
  useEffect(() => {
    const controller = new AbortController();
    inboxApi
      .inbox(companyId, controller.signal)
      .then((inbox) => setCount({ total: inbox.total, truncated: inbox.truncated }))
      .catch(() => {
        // the count is a hint: the inbox page itself shows any error
      });
    return () => controller.abort();
  }, [companyId, pathname, tick]);
  return count;
}
