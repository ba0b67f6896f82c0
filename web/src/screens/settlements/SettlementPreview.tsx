/** The voucher a pending settlement would post, as debit and credit columns, and what stops it. */
import { useI18n } from '../../i18n/i18n.js';
import { problemDetail } from '../../i18n/problem.js';
import type { SettlementPreview } from '../overview/api.js';

export function SettlementPreviewView({ preview }: { preview: SettlementPreview }) {
  const i18n = useI18n();
  const { t, money, date } = i18n;
  const debit = preview.postings.reduce((s, p) => s + (p.amount > 0 ? p.amount : 0), 0);
  const credit = preview.postings.reduce((s, p) => s + (p.amount < 0 ? -p.amount : 0), 0);
  return (
    <div className="voucher-preview">
      {preview.problems.length > 0 && (
        <div className="notice notice-error" role="alert">
          <div className="notice-body">
            <strong>{t('settlement.preview.problems')}</strong>
            <ul className="problem-list">
              {preview.problems.map((p) => (
                <li key={p.detail}>{problemDetail(p.code, p, i18n) ?? p.detail}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <p className="small muted">
        {t('settlement.preview.voucherDate')} {date(preview.date)} · {preview.description}
      </p>
      <table className="table table-compact sub-table voucher-table" aria-label={t('settlement.preview.title')}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('settlement.preview.account')}
            </th>
            <th scope="col">{t('settlement.preview.text')}</th>
            <th scope="col" className="num">
              {t('settlement.preview.debit')}
            </th>
            <th scope="col" className="num">
              {t('settlement.preview.credit')}
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.postings.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.account}</td>
              <td>{p.description}</td>
              <td className="num money">{p.amount > 0 ? money(p.amount) : ''}</td>
              <td className="num money">{p.amount < 0 ? money(-p.amount) : ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('settlement.preview.sum')}
            </th>
            <td className="num money">{money(debit)}</td>
            <td className="num money">{money(credit)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
