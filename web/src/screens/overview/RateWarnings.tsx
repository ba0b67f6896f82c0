/**
 * A banner for each half-year or year up to today without a legal figure of its own (the server's
 * `GET /legal-rates` `warnings`): the earlier figure is then in use, and the accountant should know.
 * Shown on Oversikt and the reminder list; nothing when all is registered.
 */
import { Notice } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { moreApi, useLoad } from './api.js';

export function RateWarnings() {
  const { t, money, date, lang } = useI18n();
  const rates = useLoad('legal-rates', (signal) => moreApi.legalRates(signal));
  const warnings = rates.data?.warnings ?? [];
  if (warnings.length === 0) return null;
  const percent = (bp: number) =>
    new Intl.NumberFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { minimumFractionDigits: 2 }).format(bp / 100);
  return (
    <div className="rate-warnings">
      {warnings.map((w) => (
        <Notice key={`${w.kind} ${w.missingFrom}`} tone="warning">
          {w.kind === 'late_payment_interest'
            ? t('rates.warning.interest', {
                from: date(w.missingFrom),
                inUse: w.inUse ? `${percent(w.inUse.value)} %` : '–',
                inUseFrom: w.inUse ? date(w.inUse.validFrom) : '–',
              })
            : t('rates.warning.inkassosats', {
                year: w.missingFrom.slice(0, 4),
                inUse: w.inUse ? money(w.inUse.value) : '–',
                inUseFrom: w.inUse ? date(w.inUse.validFrom) : '–',
              })}
        </Notice>
      ))}
    </div>
  );
}
