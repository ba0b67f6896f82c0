import { PGlite } from '@electric-sql/pglite';

/** The agency's own embedded store (PGlite). Amounts in øre as bigint, read back as numbers. */
export async function openStore(dataDir: string | undefined): Promise<PGlite> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.exec(`
    create table if not exists meta (key text primary key, value text not null);
    create table if not exists processed_events (id bigint primary key, type text not null, client_id text not null, invoice_id text not null,
      amount bigint not null, remaining_amount bigint not null, is_write_off boolean not null, sim_day text not null);
    create table if not exists cases (case_number text primary key, client_id text not null, customer_id text not null, customer_name text not null,
      status text not null, status_text text, state text not null, created_on text not null, next_step_on text, dispute_until text,
      profile text not null, pay_on text, pay2_on text, payments_done int not null default 0, dispute_on text,
      salaer bigint not null default 0, salaer_paid bigint not null default 0, vat_due bigint not null default 0, vat_registered boolean not null,
      reported boolean not null default false, report_seq int not null default 0, history jsonb not null default '[]');
    create table if not exists case_invoices (invoice_id text primary key, client_id text not null, invoice_number int not null, customer_id text,
      due_date text, case_number text, state text not null, claim bigint not null, original_claim bigint not null, ledger_remaining bigint not null,
      paid_direct bigint not null default 0, credited bigint not null default 0, written_off bigint not null default 0,
      collected bigint not null default 0, held bigint not null default 0, refund_due bigint not null default 0,
      interest_accrued bigint not null default 0, interest_from text);
    create table if not exists debtor_payments (id serial primary key, case_number text not null, paid_on text not null, amount bigint not null,
      salaer bigint not null, interest bigint not null, principal bigint not null, reference text not null);
    create table if not exists settlements (reference text primary key, client_id text not null, case_number text not null, body jsonb not null,
      status text not null, bank_amount bigint not null, innfri_status text);
  `);
  return db;
}

export type Store = PGlite;
export type Tx = Parameters<Parameters<PGlite['transaction']>[0]>[0];
export type Q = Pick<PGlite, 'query'> | Tx;

export async function rows<T>(q: Q, text: string, params: unknown[] = []): Promise<T[]> {
  return (await q.query<T>(text, params)).rows;
}
export async function meta(q: Q, key: string): Promise<string | undefined> {
  return (await rows<{ value: string }>(q, 'select value from meta where key = $1', [key]))[0]?.value;
}
export async function setMeta(q: Q, key: string, value: string): Promise<void> {
  await q.query(
    'insert into meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [key, value],
  );
}
export const n = (v: unknown): number => Number(v);
