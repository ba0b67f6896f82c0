/**
 * An agency's remittance statement (remisseoppstilling): its lines in the order the agency sent
 * them, a sum as money (øre), a text as given.
 */
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { statementLabel } from '../collection/recordText.js';

export interface StatementLine {
  label: string;
  amount?: number | undefined;
  text?: string | undefined;
}

export function Statement({ statement, label }: { statement: StatementLine[] | null; label: string }) {
  const { t, money } = useI18n();
  if (!statement || statement.length === 0) return <p className="muted small">{t('settlement.statement.empty')}</p>;
  return (
    <dl className="statement" aria-label={label}>
      {statement.map((line, i) => (
        <div key={i} className="statement-row">
          <dt>{statementLabel(t, isMessageKey, line.label)}</dt>
          <dd className={line.amount !== undefined ? 'money' : undefined}>
            {line.amount !== undefined ? money(line.amount) : (line.text ?? '')}
          </dd>
        </div>
      ))}
    </dl>
  );
}
