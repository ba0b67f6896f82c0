/** An agency's remittance statement (remisseoppstilling) as it sent it: numbers are øre. */
import { useI18n } from '../../i18n/i18n.js';

export function Statement({ statement, label }: { statement: Record<string, unknown>; label: string }) {
  const { t, money } = useI18n();
  const entries = Object.entries(statement);
  if (entries.length === 0) return <p className="muted small">{t('settlement.statement.empty')}</p>;
  const show = (value: unknown): string => {
    if (typeof value === 'number') return Number.isInteger(value) ? money(value) : String(value);
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.map(show).join(', ');
    if (value === null || value === undefined) return t('common.none');
    return JSON.stringify(value);
  };
  return (
    <dl className="statement" aria-label={label}>
      {entries.map(([key, value]) => (
        <div key={key} className="statement-row">
          <dt>{key}</dt>
          <dd className={typeof value === 'number' ? 'money' : undefined}>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
