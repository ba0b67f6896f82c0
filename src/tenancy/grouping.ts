import { AppError } from '../shared/errors.js';
import { GROUPING_CODES } from './grouping-codes.js';

/** An account's place in the næringsspesifikasjon (SAF-T 1.30 `GroupingCategory` + `GroupingCode`). */
export interface Grouping {
  category: string;
  code: string;
}

const BY_CODE = new Map(GROUPING_CODES.map(([category, code, description]) => [code, { category, description }]));
/** Banks and insurers have their own categories; an ordinary company's NS 4102 accounts never default to them. */
const ORDINARY = GROUPING_CODES.filter(
  ([category]) =>
    !/^(bankOgForsikring|balanseverdiForBankOgForsikring|gjeldInnenBank|endringIEgenkapitalInnenBank)/.test(category),
)
  .map(([category, code]) => ({ category, code, n: Number(code) }))
  .sort((a, b) => a.n - b.n);

/**
 * Where NS 4102's number is not itself a code and the nearest lower code of its class would say
 * something else: VAT accounts go to the VAT settlement code, goods to cost of goods, office and
 * other costs to their codes.
 */
const NS4102_EXCEPTIONS: ReadonlyMap<number, string> = new Map([
  [2700, '2740'],
  [2701, '2740'],
  [2710, '2740'],
  [2711, '2740'],
  [4000, '4005'],
  [4300, '4005'],
  [6800, '6995'],
  [6900, '6995'],
  [7770, '7700'],
  [7790, '7700'],
]);

/**
 * The default grouping of an NS 4102 account: its own number where that is a code, the listed
 * exceptions, else the nearest lower code of the same class (first digit), else the class's first.
 */
export function defaultGrouping(account: number): Grouping {
  const own = BY_CODE.get(String(account));
  const exception = NS4102_EXCEPTIONS.get(account);
  if (exception) return { category: BY_CODE.get(exception)!.category, code: exception };
  if (own && ORDINARY.some((o) => o.code === String(account))) return { category: own.category, code: String(account) };
  const cls = String(account)[0];
  const sameClass = ORDINARY.filter((o) => o.code[0] === cls);
  const lower = sameClass.filter((o) => o.n <= account).at(-1) ?? sameClass[0] ?? ORDINARY[0]!;
  return { category: lower.category, code: lower.code };
}

/** Refuses a grouping that is not in the code list (422 `validation_failed`, reason `unknown_grouping`). */
export function checkedGrouping(g: Grouping): Grouping {
  const known = BY_CODE.get(g.code);
  if (!known || known.category !== g.category)
    throw new AppError(
      'validation_failed',
      `${g.category}/${g.code} is not in the næringsspesifikasjon code list`,
      { reason: 'unknown_grouping', category: g.category, code: g.code },
      422,
    );
  return g;
}
