import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { makeBankAccount } from '../../src/formats/bank-account.js';
import { makeOrganizationNumber } from '../../src/formats/orgnr.js';
import { createCustomer } from '../../src/sales/customer.service.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { ore } from '../../src/shared/money.js';
import type { VatRate } from '../../src/sales/invoice.table.js';
import { createCompany } from '../../src/tenancy/company.service.js';
import { createUser, setMembership } from '../../src/tenancy/user.service.js';
import type { Role } from '../../src/tenancy/user.table.js';

let counter = 0;

/** A valid, unique organisation number for a test company. */
export function uniqueOrgnr(): string {
  for (;;) {
    counter += 1;
    const body = `9${String((Date.now() % 1_000_000) * 10 + counter)
      .padStart(7, '0')
      .slice(-7)}`;
    const n = makeOrganizationNumber(body);
    if (n) return n;
  }
}

export function validBankAccount(): string {
  for (let i = 0; ; i++) {
    const n = makeBankAccount(`15031234${String(i).padStart(2, '0')}`);
    if (n) return n;
  }
}

/**
 * A test company. `sendsOwnCollectionNotice: false` leaves the inkassovarsel to the agency, so an
 * overdue invoice may be handed over without a notice of the company's own (the collection rule):
 * for tests about what happens once an invoice is with an agency.
 */
export async function makeCompany(
  db: Db,
  options: {
    vatRegistered?: boolean;
    kidAlgorithm?: 'mod10' | 'mod11';
    name?: string;
    sendsOwnCollectionNotice?: boolean;
  } = {},
) {
  return inTransaction(db, async (trx) => {
    const company = await createCompany(
      trx,
      {
        name: options.name ?? 'Testfirma AS',
        organizationNumber: uniqueOrgnr(),
        bankAccount: validBankAccount(),
        vatRegistered: options.vatRegistered,
        kidAlgorithm: options.kidAlgorithm,
      },
      null,
    );
    if (options.sendsOwnCollectionNotice !== undefined)
      await updateDunningSettings(
        trx,
        company.id,
        { sendsOwnCollectionNotice: options.sendsOwnCollectionNotice },
        '2026-01-01',
      );
    return company;
  });
}

export async function makeUser(
  db: Db,
  companyId: string,
  role: Role,
  email = `user${++counter}-${Date.now()}@example.no`,
  password = 'correct horse battery',
) {
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, { email, name: `Test ${role}`, password });
    await setMembership(trx, companyId, user.id, role);
    return { ...user, password };
  });
}

export async function makeCustomer(
  db: Db,
  companyId: string,
  options: { notToCollection?: boolean; name?: string } = {},
) {
  return inTransaction(db, (trx) =>
    createCustomer(trx, companyId, {
      type: 'company',
      name: options.name ?? 'Kunde AS',
      notToCollection: options.notToCollection,
    }),
  );
}

/** An invoice of one line: `net` øre at `vatRate` %. */
export async function makeInvoice(
  db: Db,
  companyId: string,
  customerId: string,
  net: number,
  options: { vatRate?: VatRate; issueDate?: string; dueDate?: string } = {},
) {
  return inTransaction(db, (trx) =>
    createInvoice(
      trx,
      companyId,
      {
        customerId,
        issueDate: options.issueDate ?? '2026-03-01',
        dueDate: options.dueDate ?? '2026-03-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: ore(net), vatRate: options.vatRate ?? 25 }],
      },
      null,
    ),
  );
}

/** Balance per account, as a plain object (account → signed øre). */
export async function balances(db: Db, companyId: string): Promise<Record<number, number>> {
  const rows = await db
    .selectFrom('postings')
    .select((eb) => ['account', eb.fn.sum<string>('amount').as('sum')])
    .where('company_id', '=', companyId)
    .groupBy('account')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.sum)]));
}

export async function openAmountOf(db: Db, postingId: number): Promise<number> {
  const row = await db
    .selectFrom('open_items')
    .select('open_amount')
    .where('posting_id', '=', postingId)
    .executeTakeFirstOrThrow();
  return row.open_amount;
}
