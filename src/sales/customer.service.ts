import type { Db, Trx } from '../db/database.js';
import { isValidBirthDate, isValidOrganizationNumber, normalizeOrganizationNumber } from '../formats/orgnr.js';
import { nextInSeries, reserveInSeries } from '../ledger/number-series.repository.js';
import { chunks } from '../shared/chunks.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Customer, customerFromRow } from './customer.js';

export interface CustomerInput {
  customerNumber?: number | undefined;
  type: 'person' | 'company';
  name: string;
  organizationNumber?: string | null | undefined;
  birthDate?: string | null | undefined;
  address?:
    | {
        line?: string | null | undefined;
        postalCode?: string | null | undefined;
        city?: string | null | undefined;
        country?: string | undefined;
      }
    | undefined;
  email?: string | null | undefined;
  electronicNoticesAgreedOn?: string | null | undefined;
  notToCollection?: boolean | undefined;
}

function checkIdentity(type: 'person' | 'company', organizationNumber: string | null, birthDate: string | null): void {
  if (type === 'company' && birthDate) throw new AppError('validation_failed', 'a company has no birth date');
  if (type === 'person' && organizationNumber)
    throw new AppError('validation_failed', 'a person has no organisation number; give the birth date');
  if (organizationNumber && !isValidOrganizationNumber(organizationNumber)) {
    throw new AppError(
      'invalid_organization_number',
      `${organizationNumber} is not a valid organisation number (9 digits, MOD11)`,
      { value: organizationNumber },
    );
  }
  if (birthDate && !isValidBirthDate(birthDate))
    throw new AppError('validation_failed', `${birthDate} is not a valid birth date`);
}

export async function createCustomer(trx: Trx, companyId: string, input: CustomerInput): Promise<Customer> {
  const orgnr = input.organizationNumber ? normalizeOrganizationNumber(input.organizationNumber) : null;
  checkIdentity(input.type, orgnr, input.birthDate ?? null);
  let customerNumber: number;
  if (input.customerNumber !== undefined) {
    const taken = await trx
      .selectFrom('customers')
      .select('id')
      .where('company_id', '=', companyId)
      .where('customer_number', '=', input.customerNumber)
      .executeTakeFirst();
    if (taken) throw new AppError('already_exists', `customer number ${input.customerNumber} is taken`);
    await reserveInSeries(trx, companyId, 'customer', input.customerNumber);
    customerNumber = input.customerNumber;
  } else {
    // Skip numbers chosen by hand earlier, so the series never collides with them.
    do {
      customerNumber = await nextInSeries(trx, companyId, 'customer', 0, 10001);
    } while (
      await trx
        .selectFrom('customers')
        .select('id')
        .where('company_id', '=', companyId)
        .where('customer_number', '=', customerNumber)
        .executeTakeFirst()
    );
  }
  const row = await trx
    .insertInto('customers')
    .values({
      company_id: companyId,
      customer_number: customerNumber,
      type: input.type,
      name: input.name,
      organization_number: orgnr,
      birth_date: input.birthDate ?? null,
      address_line: input.address?.line ?? null,
      postal_code: input.address?.postalCode ?? null,
      city: input.address?.city ?? null,
      country: input.address?.country ?? 'NO',
      email: input.email ?? null,
      electronic_notices_agreed_on: input.electronicNoticesAgreedOn ?? null,
      not_to_collection: input.notToCollection ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return customerFromRow(row);
}

/** How many customers the company has. */
export async function countCustomers(db: Db | Trx, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** These customers of the company, by id (for other modules' lists: one query per chunk, not per row). */
export async function customersByIds(
  db: Db | Trx,
  companyId: string,
  customerIds: readonly string[],
): Promise<Map<string, Customer>> {
  const result = new Map<string, Customer>();
  for (const chunk of chunks([...new Set(customerIds)], 1000)) {
    const rows = await db
      .selectFrom('customers')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) result.set(r.id, customerFromRow(r));
  }
  return result;
}

export async function getCustomer(db: Db | Trx, companyId: string, customerId: string): Promise<Customer> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw notFound('the customer');
  return customerFromRow(row);
}

export async function updateCustomer(
  trx: Trx,
  companyId: string,
  customerId: string,
  changes: Partial<Omit<CustomerInput, 'customerNumber' | 'type'>>,
): Promise<Customer> {
  const current = await getCustomer(trx, companyId, customerId);
  const orgnr =
    changes.organizationNumber === undefined
      ? current.organizationNumber
      : changes.organizationNumber
        ? normalizeOrganizationNumber(changes.organizationNumber)
        : null;
  const birthDate = changes.birthDate === undefined ? current.birthDate : changes.birthDate;
  checkIdentity(current.type, orgnr, birthDate);
  const row = await trx
    .updateTable('customers')
    .set({
      name: changes.name ?? current.name,
      organization_number: orgnr,
      birth_date: birthDate,
      address_line: changes.address?.line !== undefined ? changes.address.line : current.address.line,
      postal_code: changes.address?.postalCode !== undefined ? changes.address.postalCode : current.address.postalCode,
      city: changes.address?.city !== undefined ? changes.address.city : current.address.city,
      country: changes.address?.country ?? current.address.country,
      email: changes.email !== undefined ? changes.email : current.email,
      electronic_notices_agreed_on:
        changes.electronicNoticesAgreedOn !== undefined
          ? changes.electronicNoticesAgreedOn
          : current.electronicNoticesAgreedOn,
      not_to_collection: changes.notToCollection ?? current.notToCollection,
    })
    .where('company_id', '=', companyId)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return customerFromRow(row);
}

/** Customers by number, keyset-paged, with an optional name/number search. */
export async function listCustomers(
  db: Db,
  companyId: string,
  options: { limit: number; afterNumber?: number | undefined; search?: string | undefined },
): Promise<Customer[]> {
  let q = db
    .selectFrom('customers')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('customer_number')
    .limit(options.limit);
  if (options.afterNumber !== undefined) q = q.where('customer_number', '>', options.afterNumber);
  if (options.search) {
    const s = options.search;
    const asNumber = /^\d+$/.test(s) ? Number(s) : null;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', `%${s.replace(/[%_\\]/g, '\\$&')}%`),
        ...(asNumber !== null ? [eb('customer_number', '=', asNumber)] : []),
      ]),
    );
  }
  return (await q.execute()).map(customerFromRow);
}
