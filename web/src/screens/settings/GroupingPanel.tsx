/**
 * SAF-T-gruppering: each account's GroupingCategory / GroupingCode (næringsspesifikasjon) as the
 * SAF-T Financial file carries it — the company's own choice or the NS 4102 default. An admin picks
 * another code for an account (PUT …/accounts/{n}/grouping) or sets it back to the default; everyone
 * sees the mapping.
 */
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Loading } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLoad } from '../overview/api.js';
import { type AccountGrouping, type GroupingCode, groupingApi } from './api.js';

export function GroupingPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const accounts = useLoad(`${companyId}:account-groupings`, (signal) => groupingApi.accounts(companyId, signal));
  const codes = useLoad('grouping-codes', (signal) => groupingApi.codes(signal));
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const [error, setError] = useState<unknown>(null);
  const byCode = useMemo(() => new Map((codes.data?.data ?? []).map((c) => [c.code, c])), [codes.data]);

  const saved = (account: AccountGrouping) => {
    if (accounts.data)
      accounts.set({ data: accounts.data.data.map((a) => (a.number === account.number ? account : a)) });
    setEditing(null);
    setMessage(t('settings.grouping.saved', { account: account.number, code: account.groupingCode }));
  };

  return (
    <SettingsPanel
      titleId="grouping-title"
      title={t('settings.grouping.title')}
      intro={t('settings.grouping.intro')}
      introKind="note"
      testId="grouping"
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={accounts.error ?? codes.error}
      onRetry={accounts.error !== null ? accounts.reload : codes.reload}
    >
      {!accounts.data || !codes.data ? (
        (accounts.loading || codes.loading) && <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table grouping-table">
            <thead>
              <tr>
                <th scope="col">{t('settings.grouping.account')}</th>
                <th scope="col">{t('settings.grouping.code')}</th>
                <th scope="col">{t('settings.grouping.category')}</th>
                {isAdmin && (
                  <th scope="col">
                    <span className="visually-hidden">{t('settings.grouping.change')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {accounts.data.data.map((a) => (
                <tr key={a.number} data-account={a.number}>
                  <td>
                    <strong>{a.number}</strong> {a.name}
                  </td>
                  <td>
                    {editing === a.number ? (
                      <GroupingEditor
                        account={a}
                        codes={codes.data!.data}
                        onCancel={() => setEditing(null)}
                        onSaved={saved}
                        onError={setError}
                      />
                    ) : (
                      <>
                        <span className="grouping-code">{a.groupingCode}</span>{' '}
                        {byCode.get(a.groupingCode)?.description ?? ''}
                        <span className={`badge ${a.custom ? 'badge-status-payment' : 'badge-ok'}`}>
                          {a.custom ? t('settings.grouping.custom') : t('settings.grouping.default')}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="small muted">{a.groupingCategory}</td>
                  {isAdmin && (
                    <td>
                      {editing !== a.number && (
                        <Button
                          onClick={() => {
                            setError(null);
                            setEditing(a.number);
                          }}
                          aria-label={t('settings.grouping.changeAccount', { account: a.number })}
                        >
                          {t('settings.grouping.change')}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SettingsPanel>
  );
}

function GroupingEditor({
  account,
  codes,
  onCancel,
  onSaved,
  onError,
}: {
  account: AccountGrouping;
  codes: GroupingCode[];
  onCancel(): void;
  onSaved(account: AccountGrouping): void;
  onError(error: unknown): void;
}) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const [code, setCode] = useState(account.groupingCode);
  const [busy, setBusy] = useState(false);
  // The codes by category, in the list's order (one <optgroup> each).
  const groups = useMemo(() => {
    const m = new Map<string, GroupingCode[]>();
    for (const c of codes) m.set(c.category, [...(m.get(c.category) ?? []), c]);
    return [...m];
  }, [codes]);
  const run = async (grouping: { category: string; code: string } | null) => {
    setBusy(true);
    onError(null);
    try {
      onSaved(await groupingApi.set(companyId, account.number, grouping));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = codes.find((c) => c.code === code);
    if (chosen) void run({ category: chosen.category, code: chosen.code });
  };
  const id = `grouping-${account.number}`;
  return (
    <form className="grouping-editor" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('settings.grouping.select', { account: account.number })}
      </label>
      <select id={id} value={code} onChange={(e) => setCode(e.target.value)}>
        {groups.map(([category, list]) => (
          <optgroup key={category} label={category}>
            {list.map((c) => (
              <option key={`${category}/${c.code}`} value={c.code}>
                {c.code} {c.description}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Button type="submit" variant="primary" busy={busy} disabled={code === account.groupingCode}>
        {t('settings.save')}
      </Button>
      {account.custom && (
        <Button disabled={busy} onClick={() => void run(null)}>
          {t('settings.grouping.reset')}
        </Button>
      )}
      <Button disabled={busy} onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}
