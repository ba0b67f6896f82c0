/**
 * A refusal from the API said in the UI's language: the server gives a `reason` code and its
 * figures beside its English `detail`, and the catalogue has `error.reason.<code>.<reason>` (or
 * `error.detail.<code>` for a code whose figures say it all). Kept free of React and the DOM.
 */
import type { Params } from './message.js';
import { isMessageKey, type MessageKey } from './nb.js';

/** What saying a problem needs of the UI's language: its messages and its money and date formats. */
export interface ProblemI18n {
  t(key: MessageKey, params?: Params): string;
  /** øre → `kr 1 234,50` */
  money(amountOre: number): string;
  /** `YYYY-MM-DD` → `dd.mm.yyyy` */
  date(isoDate: string): string;
}

/** A figure that is money: `amount` or a name ending in `Amount` (whole øre in the API). */
const MONEY_FIGURE = /(?:^a|A)mount$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A problem's own figures as message parameters: ISO dates shown as dd.mm.yyyy, and amounts
 * (`amount`, `openAmount`, `capAmount`, …, all øre) as money in the UI's language (`kr 1 234,50`).
 */
export function reasonParams(problem: Record<string, unknown>, i18n: Pick<ProblemI18n, 'money' | 'date'>): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(problem)) {
    if (typeof value === 'number')
      params[name] = MONEY_FIGURE.test(name) && Number.isSafeInteger(value) ? i18n.money(value) : value;
    else if (typeof value === 'string') params[name] = ISO_DATE.test(value) ? i18n.date(value) : value;
  }
  return params;
}

/**
 * The sentence that says why: from the problem's reason code and figures in the UI's language
 * (`error.reason.<code>.<reason>`, or `error.detail.<code>` when it has no reason); where the
 * catalogue has neither, the server's own (English) `detail`.
 */
export function problemDetail(code: string, problem: Record<string, unknown>, i18n: ProblemI18n): string | null {
  const reason = problem.reason;
  const reasonKey = `error.reason.${code}.${String(reason)}`;
  if (typeof reason === 'string' && isMessageKey(reasonKey)) return i18n.t(reasonKey, reasonParams(problem, i18n));
  const detailKey = `error.detail.${code}`;
  if (reason === undefined && isMessageKey(detailKey)) return i18n.t(detailKey, reasonParams(problem, i18n));
  return typeof problem.detail === 'string' ? problem.detail : null;
}
