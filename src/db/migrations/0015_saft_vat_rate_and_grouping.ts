import { type Kysely, sql } from 'kysely';

/**
 * For the SAF-T Financial export (issue 17):
 * - `postings.vat_rate`: the VAT rate a sales line or an output-VAT line was posted at (invoices
 *   and credit notes), so the export's `TaxInformation` needs no guessing. Filled
 *   here from the lines already posted, whose descriptions the code wrote in one fixed form
 *   («Salg 25 % mva», «Utgående mva 25 %», «Kreditert …»); the append-only trigger is off for
 *   that one statement only.
 * - `accounts.grouping_category` / `grouping_code`: the company's own mapping of an account to the
 *   næringsspesifikasjon code list; null means the NS 4102 default (`tenancy/grouping.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table postings add column vat_rate smallint check (vat_rate in (0, 12, 15, 25));

alter table postings disable trigger postings_append_only;
update postings p set vat_rate = substring(p.description from '([0-9]+) %')::smallint
  from vouchers v
  where v.company_id = p.company_id and v.id = p.voucher_id
    and v.type in ('invoice', 'credit_note')
    and p.customer_id is null
    and p.description ~ '^(Kreditert )?(salg|Salg|utgående mva|Utgående mva) (0|12|15|25) %';
alter table postings enable trigger postings_append_only;

alter table accounts add column grouping_category text, add column grouping_code text,
  add constraint accounts_grouping_both check ((grouping_category is null) = (grouping_code is null));
`.execute(db);
}
