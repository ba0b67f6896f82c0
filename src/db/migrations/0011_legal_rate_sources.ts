import { type Kysely, sql } from 'kysely';

/**
 * Every seeded legal figure carries a source that was checked; the unsourced ones go.
 *
 * `legal_rates` is not append-only (no guard trigger): a figure seeded wrongly is corrected by a
 * migration like this one, never by editing an applied migration. Letters already sent keep the
 * fee they were sent with (`reminders.document`); only letters from now on use the corrected table.
 *
 * - inkassosats 750 kr from 2026-01-01 (seeded by 0002 with the unchecked text «Inkassoforskriften
 *   § 2-1, 2026») is removed: no source gives it. The inkassosats has been 700 kr since 2017-01-01
 *   (forskrift om inkassosatsen FOR-2002-12-13-1641 § 1 as amended by FOR-2016-12-14-1635, in force
 *   2017-01-01; now inkassoforskriften FOR-1989-07-14-562 § 1-1 third paragraph, «Inkassosatsen er
 *   kr 700»). Seeded: 2017-01-01 (the change) and one row a year from 2025 confirming the figure for
 *   that year, so a new year without a row is noticed (`rateWarnings`).
 * - late-payment interest: 12.50 % from 2025-01-01 is FOR-2024-12-19-3279 § 1 (Finansdepartementet,
 *   19.12.2024). That regulation was repealed by FOR-2025-06-23-1321 (in force 2025-07-01), whose
 *   rate follows from forsinkelsesrenteloven § 3 first paragraph (Norges Bank's policy rate on
 *   1 July + 8 points): the policy rate was 4.25 % from Norges Bank's decision of 18 June 2025, so
 *   12.25 %. For 2026 H1: 4.00 % from the decision of 17 September 2025, kept on 17 December 2025,
 *   so 12.00 %; the regulation's number for 2026 H1 was not found and the source says so.
 *   2026 H2 is not seeded: no source was found (the warning asks for `innfri rates add`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
delete from legal_rates where kind = 'inkassosats' and valid_from = '2026-01-01' and value = 75000;

insert into legal_rates (kind, valid_from, value, source) values
  ('inkassosats', '2017-01-01', 70000,
   'Forskrift om inkassosatsen (FOR-2002-12-13-1641) § 1 as amended by FOR-2016-12-14-1635, in force 2017-01-01: 700 kroner'),
  ('inkassosats', '2026-01-01', 70000,
   'Inkassoforskriften (FOR-1989-07-14-562) § 1-1 third paragraph: «Inkassosatsen er kr 700»; unchanged since 2017-01-01 (FOR-2016-12-14-1635)')
on conflict (kind, valid_from) do nothing;

update legal_rates set source =
  'Inkassoforskriften (FOR-1989-07-14-562) § 1-1 third paragraph: «Inkassosatsen er kr 700»; unchanged since 2017-01-01 (FOR-2016-12-14-1635)'
where kind = 'inkassosats' and valid_from = '2025-01-01' and value = 70000;

update legal_rates set source =
  'FOR-2024-12-19-3279 § 1 (Finansdepartementet 19.12.2024, in force 2025-01-01): 12,5 prosent p.a.'
where kind = 'late_payment_interest' and valid_from = '2025-01-01' and value = 1250;

update legal_rates set source =
  'FOR-2025-06-23-1321 (in force 2025-07-01); rate per forsinkelsesrenteloven § 3: Norges Bank policy rate 4.25 % (decision 18.06.2025) + 8 points'
where kind = 'late_payment_interest' and valid_from = '2025-07-01' and value = 1225;

update legal_rates set source =
  'Forsinkelsesrenteloven § 3: Norges Bank policy rate 4.00 % on 2026-01-01 (decisions 17.09.2025 and 17.12.2025) + 8 points; the regulation''s number not found'
where kind = 'late_payment_interest' and valid_from = '2026-01-01' and value = 1200;
`.execute(db);
}
