import { recordAudit } from '../audit/audit.service.js';
import { checkedGrouping, defaultGrouping, type Grouping } from './grouping.js';
import type { Db, Trx } from '../db/database.js';
import { isUnitOfWork, slot } from '../db/unit-of-work.js';
import { isValidBankAccount, normalizeBankAccount } from '../formats/bank-account.js';
import { isValidOrganizationNumber, normalizeOrganizationNumber } from '../formats/orgnr.js';
import { AppError, notFound } from '../shared/errors.js';
import { ACCOUNT_COLUMNS, type Company, type CompanyAccounts, companyFromRow, STANDARD_ACCOUNTS } from './company.js';

export interface NewCompany {
  name: string;
  organizationNumber: string;
  vatRegistered?: boolean | undefined;
  bankAccount: string;
  kidAlgorithm?: 'mod10' | 'mod11' | undefined;
  address?:
    | { line?: string | null | undefined; postalCode?: string | null | undefined; city?: string | null | undefined }
    | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

export interface CompanyChanges {
  name?: string | undefined;
  vatRegistered?: boolean | undefined;
  bankAccount?: string | undefined;
  kidAlgorithm?: 'mod10' | 'mod11' | undefined;
  address?: NewCompany['address'];
  phone?: string | null | undefined;
  email?: string | null | undefined;
  accounts?: Partial<CompanyAccounts> | undefined;
}

/** A telephone number as stored: digits and single spaces, an optional leading +, 4 to 18 characters. */
function checkedPhone(value: string | null): string | null {
  if (value === null) return null;
  const phone = value.trim().replace(/\s+/g, ' ');
  if (phone === '') return null;
  if (!/^\+?[0-9][0-9 ]{2,15}[0-9]$/.test(phone))
    throw new AppError(
      'validation_failed',
      `body.phone: "${value}" is not a telephone number (digits, spaces, a leading +; at most 18 characters)`,
      {
        reason: 'invalid_phone',
      },
    );
  return phone;
}

/** An e-mail address as stored (a plain shape check; the address is not verified). */
function checkedEmail(value: string | null): string | null {
  if (value === null) return null;
  const email = value.trim();
  if (email === '') return null;
  if (email.length > 200 || !/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(email))
    throw new AppError('validation_failed', `body.email: "${value}" is not an e-mail address`, {
      reason: 'invalid_email',
    });
  return email;
}

function checkedOrgnr(value: string): string {
  const orgnr = normalizeOrganizationNumber(value);
  if (!isValidOrganizationNumber(orgnr)) {
    throw new AppError('invalid_organization_number', `${value} is not a valid organisation number (9 digits, MOD11)`, {
      value,
    });
  }
  return orgnr;
}

function checkedBankAccount(value: string): string {
  const account = normalizeBankAccount(value);
  if (!isValidBankAccount(account)) {
    throw new AppError(
      'invalid_bank_account',
      `${value} is not a valid Norwegian bank account number (11 digits, MOD11)`,
      { value },
    );
  }
  return account;
}

/** Creates a company with its chart of accounts; the creator becomes its admin. */
export async function createCompany(trx: Trx, input: NewCompany, adminUserId: string | null): Promise<Company> {
  const orgnr = checkedOrgnr(input.organizationNumber);
  const exists = await trx
    .selectFrom('companies')
    .select('id')
    .where('organization_number', '=', orgnr)
    .executeTakeFirst();
  if (exists)
    throw new AppError('already_exists', `a company with organisation number ${orgnr} exists already`, {
      reason: 'company_exists',
      organizationNumber: orgnr,
    });
  const row = await trx
    .insertInto('companies')
    .values({
      name: input.name,
      organization_number: orgnr,
      vat_registered: input.vatRegistered ?? true,
      bank_account: checkedBankAccount(input.bankAccount),
      kid_algorithm: input.kidAlgorithm ?? 'mod10',
      address_line: input.address?.line ?? null,
      postal_code: input.address?.postalCode ?? null,
      city: input.address?.city ?? null,
      phone: checkedPhone(input.phone ?? null),
      email: checkedEmail(input.email ?? null),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('accounts')
    .values(STANDARD_ACCOUNTS.map(([number, name]) => ({ company_id: row.id, number, name })))
    .execute();
  if (adminUserId) {
    await trx.insertInto('memberships').values({ company_id: row.id, user_id: adminUserId, role: 'admin' }).execute();
  }
  return companyFromRow(row);
}

// A transaction reads a company's settings once: posting a payment needs them in three places.
const COMPANIES = slot('companies', () => new Map<string, Company>());

/** Keeps a company read by another query (joined to an invoice, say) for the rest of the transaction. */
export function rememberCompany(trx: Trx, company: Company): void {
  trx.unit.slot(COMPANIES).set(company.id, company);
}

export async function getCompany(db: Db | Trx, companyId: string): Promise<Company> {
  const cache = isUnitOfWork(db) ? db.unit.slot(COMPANIES) : undefined;
  const cached = cache?.get(companyId);
  if (cached) return cached;
  const row = await db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
  if (!row) throw notFound('the company');
  const company = companyFromRow(row);
  cache?.set(companyId, company);
  return company;
}

/** What another module may show of companies (an agency its clients): by name. */
export async function companySummaries(
  db: Db | Trx,
  companyIds: string[],
): Promise<Array<{ id: string; name: string; organizationNumber: string; vatRegistered: boolean }>> {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name', 'organization_number', 'vat_registered'])
    .where('id', 'in', companyIds)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organizationNumber: r.organization_number,
    vatRegistered: r.vat_registered,
  }));
}

/** Whether any company exists (a fresh database has none). */
export async function anyCompany(db: Db | Trx): Promise<boolean> {
  return (await db.selectFrom('companies').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every company's id, oldest first (the daily run goes through them all). */
export async function allCompanyIds(db: Db | Trx): Promise<string[]> {
  const rows = await db.selectFrom('companies').select('id').orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

export async function findCompanyByOrganizationNumber(db: Db | Trx, orgnr: string): Promise<Company | null> {
  const row = await db
    .selectFrom('companies')
    .selectAll()
    .where('organization_number', '=', normalizeOrganizationNumber(orgnr))
    .executeTakeFirst();
  return row ? companyFromRow(row) : null;
}

export async function updateCompany(trx: Trx, companyId: string, changes: CompanyChanges): Promise<Company> {
  const accountChanges = Object.entries(changes.accounts ?? {}) as Array<[keyof CompanyAccounts, number]>;
  if (accountChanges.length > 0) {
    const numbers = [...new Set(accountChanges.map(([, n]) => n))];
    const known = await trx
      .selectFrom('accounts')
      .select('number')
      .where('company_id', '=', companyId)
      .where('number', 'in', numbers)
      .execute();
    const missing = numbers.filter((n) => !known.some((k) => k.number === n));
    if (missing.length > 0)
      throw new AppError('invalid_account', `account ${missing.join(', ')} is not in the chart of accounts`, {
        reason: 'unknown_account',
        account: missing[0],
        accounts: missing,
      });
  }
  const values: Record<string, unknown> = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.vatRegistered !== undefined) values.vat_registered = changes.vatRegistered;
  if (changes.bankAccount !== undefined) values.bank_account = checkedBankAccount(changes.bankAccount);
  if (changes.kidAlgorithm !== undefined) values.kid_algorithm = changes.kidAlgorithm;
  if (changes.address?.line !== undefined) values.address_line = changes.address.line;
  if (changes.address?.postalCode !== undefined) values.postal_code = changes.address.postalCode;
  if (changes.address?.city !== undefined) values.city = changes.address.city;
  if (changes.phone !== undefined) values.phone = checkedPhone(changes.phone);
  if (changes.email !== undefined) values.email = checkedEmail(changes.email);
  for (const [key, number] of accountChanges) values[ACCOUNT_COLUMNS[key]] = number;
  trx.unit.slot(COMPANIES).delete(companyId);
  if (Object.keys(values).length > 0) {
    const updated = await trx.updateTable('companies').set(values).where('id', '=', companyId).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw notFound('the company');
  }
  return getCompany(trx, companyId);
}

export async function listAccounts(db: Db | Trx, companyId: string): Promise<Array<{ number: number; name: string }>> {
  return db
    .selectFrom('accounts')
    .select(['number', 'name'])
    .where('company_id', '=', companyId)
    .orderBy('number')
    .execute();
}

/** An account with its SAF-T grouping: the company's own, or the NS 4102 default (`custom` false). */
export interface AccountWithGrouping {
  number: number;
  name: string;
  grouping: Grouping;
  custom: boolean;
}

/** The chart of accounts with each account's næringsspesifikasjon grouping (for SAF-T and settings). */
export async function chartOfAccounts(db: Db | Trx, companyId: string): Promise<AccountWithGrouping[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['number', 'name', 'grouping_category', 'grouping_code'])
    .where('company_id', '=', companyId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    name: r.name,
    grouping:
      r.grouping_category !== null && r.grouping_code !== null
        ? { category: r.grouping_category, code: r.grouping_code }
        : defaultGrouping(r.number),
    custom: r.grouping_category !== null,
  }));
}

/** Sets an account's grouping (null: back to the NS 4102 default). 404 for an unknown account. */
export async function setAccountGrouping(
  trx: Trx,
  companyId: string,
  number: number,
  grouping: Grouping | null,
): Promise<AccountWithGrouping> {
  const g = grouping === null ? null : checkedGrouping(grouping);
  const before = (await chartOfAccounts(trx, companyId)).find((a) => a.number === number);
  const updated = await trx
    .updateTable('accounts')
    .set({ grouping_category: g?.category ?? null, grouping_code: g?.code ?? null })
    .where('company_id', '=', companyId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw notFound(`account ${number}`);
  const after = (await chartOfAccounts(trx, companyId)).find((a) => a.number === number)!;
  await recordAudit(trx, {
    companyId,
    kind: 'company.settings_changed',
    subjectIds: [String(number)],
    before: before && { account: number, grouping: before.grouping, custom: before.custom },
    after: { account: number, grouping: after.grouping, custom: after.custom },
  });
  return after;
}

export async function createAccount(
  trx: Trx,
  companyId: string,
  number: number,
  name: string,
): Promise<{ number: number; name: string }> {
  const exists = await trx
    .selectFrom('accounts')
    .select('number')
    .where('company_id', '=', companyId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (exists)
    throw new AppError('already_exists', `account ${number} exists already`, {
      reason: 'account_exists',
      account: number,
    });
  await trx.insertInto('accounts').values({ company_id: companyId, number, name }).execute();
  return { number, name };
}
