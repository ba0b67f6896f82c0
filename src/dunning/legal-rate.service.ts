import { recordAudit } from '../audit/audit.service.js';
import type { Db, Trx } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import type { LegalRateKind } from './dunning.table.js';
import { type LegalRate, RateTable } from './legal-rate.js';

export async function loadRates(db: Db | Trx): Promise<RateTable> {
  const rows = await db.selectFrom('legal_rates').selectAll().orderBy('kind').orderBy('valid_from').execute();
  return new RateTable(rows.map((r) => ({ kind: r.kind, validFrom: r.valid_from, value: r.value, source: r.source })));
}

/** Adds a figure from a date on (a new inkassosats, the next half-year's interest rate). */
export async function addRate(trx: Trx, rate: LegalRate): Promise<LegalRate> {
  if (rate.kind === 'late_payment_interest' && !/-(01|07)-01$/.test(rate.validFrom)) {
    throw new AppError(
      'validation_failed',
      'the late-payment interest is set per half-year: it takes effect on 1 January or 1 July',
      { reason: 'interest_not_half_year', validFrom: rate.validFrom },
    );
  }
  const exists = await trx
    .selectFrom('legal_rates')
    .select('value')
    .where('kind', '=', rate.kind)
    .where('valid_from', '=', rate.validFrom)
    .executeTakeFirst();
  if (exists)
    throw new AppError('already_exists', `${rate.kind} from ${rate.validFrom} is registered already (${exists.value})`);
  await trx
    .insertInto('legal_rates')
    .values({ kind: rate.kind, valid_from: rate.validFrom, value: rate.value, source: rate.source })
    .execute();
  // The figures are the operator's, not one company's: the row has no company.
  await recordAudit(trx, { companyId: null, kind: 'rates.added', subjectIds: [rate.kind], after: rate });
  return rate;
}

export type { LegalRateKind };
