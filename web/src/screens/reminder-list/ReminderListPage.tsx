/**
 * Purreliste: overdue invoices not with an agency, each with its next action (GET …/reminder-list,
 * paged by cursor and sorted on the server by the column headers). One invoice at a time from its
 * row, or many at once with the bulk bar. The filter (`neste`) and the sort (`sortering`) live in
 * the URL.
 */
import { useEffect, useRef, useState } from 'react';
import { api, type ReminderListSort } from '../../api/endpoints.js';
import type { BulkActionKind, NextAction, ReminderListItem } from '../../api/types.js';
import { companyPath, Link, navigate, useLocation } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { LoadMore, PageHeader } from '../../components/Page.js';
import { EmptyState, Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { Menu } from '../../components/Menu.js';
import { useI18n } from '../../i18n/i18n.js';
import { type ActionOutcome, ActionDialog, type PendingAction } from './ActionDialog.js';
import { BulkResults } from './BulkResults.js';
import { NextActionCell } from './NextAction.js';
import { RateWarnings } from '../overview/RateWarnings.js';
import { ExportLinks } from '../../components/Export.js';
import { SEARCH_PARAM, SearchBox, useListSearch } from '../../components/SearchBox.js';

const FILTERS: NextAction[] = ['reminder', 'collection_notice', 'collection', 'wait'];
const ROW_ACTIONS: Array<Exclude<BulkActionKind, 'next' | 'clear'>> = [
  'reminder',
  'collection_notice',
  'collection',
  'wait',
];

function isNextAction(value: string | null): value is NextAction {
  return value !== null && (FILTERS as string[]).includes(value);
}

type SortKey = Exclude<ReminderListSort, `-${string}`>;
const SORT_KEYS: SortKey[] = ['dueDate', 'openAmount', 'customerName', 'invoiceNumber'];
const DEFAULT_SORT: ReminderListSort = 'dueDate';
/** A column's first click: largest amounts first, everything else ascending (oldest due date first). */
const FIRST_DESCENDING: ReadonlySet<SortKey> = new Set(['openAmount']);

function parseSort(value: string | null): ReminderListSort {
  if (!value) return DEFAULT_SORT;
  const key = value.startsWith('-') ? value.slice(1) : value;
  return (SORT_KEYS as string[]).includes(key) ? (value as ReminderListSort) : DEFAULT_SORT;
}

function sortKeyOf(sort: ReminderListSort): SortKey {
  return (sort.startsWith('-') ? sort.slice(1) : sort) as SortKey;
}

export function ReminderListPage(_: ScreenProps) {
  const { t } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  const { search, pathname } = useLocation();
  const raw = search.get('neste');
  const filter = isNextAction(raw) ? raw : null;
  const sort = parseSort(search.get('sortering'));
  const q = useListSearch();
  useDocumentTitle(t('reminders.title'), membership.companyName);

  // A new sort or filter starts again from the first page (the cursor belongs to its sort).
  const list = usePagedList<ReminderListItem>(`${companyId}:${filter ?? ''}:${sort}:${q}`, (cursor, signal) =>
    api.reminderList(companyId, { cursor, nextAction: filter, sort, q }, signal),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new company, filter or sort clears the selection (triggers, not values read)
  useEffect(() => setSelected(new Set()), [companyId, filter, sort]);
  // The table is replaced while the new order loads: give the focus back to the header that sorted it.
  const refocus = useRef<SortKey | null>(null);
  useEffect(() => {
    if (list.loading || !refocus.current) return;
    document.querySelector<HTMLButtonElement>(`.reminder-table button[data-sort="${refocus.current}"]`)?.focus();
    refocus.current = null;
  }, [list.loading]);
  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), 2500);
    return () => window.clearTimeout(timer);
  }, [flash]);

  const setQuery = (next: { neste?: NextAction | null; sortering?: ReminderListSort }) => {
    const params = new URLSearchParams();
    const n = next.neste === undefined ? filter : next.neste;
    const s = next.sortering ?? sort;
    if (n) params.set('neste', n);
    if (s !== DEFAULT_SORT) params.set('sortering', s);
    if (q) params.set(SEARCH_PARAM, q);
    const query = params.toString();
    navigate(query ? `${pathname}?${query}` : pathname, { replace: true });
  };
  const setFilter = (next: NextAction | null) => setQuery({ neste: next });
  /** The column's header clicked: the other direction if it is the sort already, else its first direction. */
  const sortBy = (key: SortKey) => {
    const descending = sortKeyOf(sort) === key ? !sort.startsWith('-') : FIRST_DESCENDING.has(key);
    refocus.current = key;
    setQuery({ sortering: (descending ? `-${key}` : key) as ReminderListSort });
  };
  const header = (key: SortKey, label: string) => (
    <SortButton
      sortKey={key}
      label={label}
      active={sortKeyOf(sort) === key}
      descending={sort.startsWith('-')}
      onClick={() => sortBy(key)}
    />
  );
  const ariaSort = (key: SortKey) =>
    sortKeyOf(sort) !== key ? 'none' : sort.startsWith('-') ? 'descending' : 'ascending';

  const open = (action: BulkActionKind, items: ReminderListItem[], bulk: boolean) => {
    setOutcome(null);
    setRowError(null);
    setPending({ action, items, bulk });
  };

  const done = async (result: ActionOutcome) => {
    setPending(null);
    setOutcome(result);
    if (result.bulk) {
      setSelected(new Set());
      list.reload();
      return;
    }
    // The row is read again and updated in place, so the list does not jump under the user.
    const { item } = result;
    try {
      const state = await api.invoiceDunning(companyId, item.invoiceId);
      if (state.onList && state.item) {
        const fresh = state.item;
        list.setItems((items) => items.map((i) => (i.invoiceId === item.invoiceId ? fresh : i)));
        setFlash(item.invoiceId);
      } else {
        list.setItems((items) => items.filter((i) => i.invoiceId !== item.invoiceId));
      }
      setSelected((s) => {
        const next = new Set(s);
        next.delete(item.invoiceId);
        return next;
      });
    } catch (e) {
      setRowError(e);
    }
  };

  const items = list.items;
  const selectedItems = items.filter((i) => selected.has(i.invoiceId));
  const allSelected = items.length > 0 && selectedItems.length === items.length;
  const toggle = (invoiceId: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(invoiceId)) next.delete(invoiceId);
      else next.add(invoiceId);
      return next;
    });

  return (
    <section className="screen" aria-labelledby="reminders-title">
      <PageHeader id="reminders-title" title={t('reminders.title')} intro={t('reminders.intro')}>
        <ExportLinks
          path={`/companies/${companyId}/reminder-list/export`}
          query={{ sort, nextAction: filter ?? undefined }}
          label={t('reminders.title')}
        />
      </PageHeader>
      <RateWarnings />

      <div className="toolbar">
        <SearchBox />
        <div className="segmented" role="group" aria-label={t('reminders.filter')}>
          <span className="segmented-label">{t('reminders.filter')}</span>
          <button type="button" className="segment" aria-pressed={filter === null} onClick={() => setFilter(null)}>
            {t('reminders.filterAll')}
          </button>
          {FILTERS.map((f) => (
            <button key={f} type="button" className="segment" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`next.${f}`)}
            </button>
          ))}
        </div>
        {!list.loading && items.length > 0 && (
          <span className="muted small">
            {t(list.hasMore ? 'reminders.showingMore' : 'reminders.showing', { count: items.length })}
          </span>
        )}
      </div>

      {outcome && !outcome.bulk && (
        <OutcomeNotice outcome={outcome} companyId={companyId} onClose={() => setOutcome(null)} />
      )}
      {outcome?.bulk && (
        <BulkResults
          action={outcome.action}
          items={outcome.items}
          result={outcome.result}
          onClose={() => setOutcome(null)}
        />
      )}
      {rowError !== null && <ProblemMessage error={rowError} onClose={() => setRowError(null)} />}

      {canWrite && selectedItems.length > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('bulk.selected', { count: selectedItems.length })}>
          <strong className="bulk-count">{t('bulk.selected', { count: selectedItems.length })}</strong>
          <Button size="sm" variant="primary" onClick={() => open('next', selectedItems, true)}>
            {t('action.next')}
          </Button>
          {ROW_ACTIONS.map((a) => (
            <Button key={a} size="sm" onClick={() => open(a, selectedItems, true)}>
              {t(`action.${a}`)}
            </Button>
          ))}
          <Menu
            label={t('common.more')}
            items={[{ label: t('action.clear'), onSelect: () => open('clear', selectedItems, true) }]}
          />
          <Button size="sm" variant="ghost" className="bulk-clear" onClick={() => setSelected(new Set())}>
            {t('bulk.clearSelection')}
          </Button>
        </div>
      )}

      {list.error !== null && (
        <ProblemMessage error={list.error} onRetry={items.length === 0 ? list.reload : list.loadMore} />
      )}
      {list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        list.error === null &&
        (q ? (
          <EmptyState title={t('search.none', { q })} />
        ) : filter ? (
          <EmptyState title={t('reminders.emptyFiltered.title', { action: t(`next.${filter}`) })}>
            {t('reminders.emptyFiltered.body')}
          </EmptyState>
        ) : (
          <EmptyState title={t('reminders.empty.title')}>{t('reminders.empty.body')}</EmptyState>
        ))
      ) : (
        <div className="table-wrap">
          <table className="table reminder-table">
            <thead>
              <tr>
                {canWrite && (
                  <th scope="col" className="col-select">
                    <SelectAll
                      checked={allSelected}
                      indeterminate={selectedItems.length > 0 && !allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.invoiceId)))}
                      label={t('reminders.selectAll')}
                    />
                  </th>
                )}
                <th scope="col" className="num" aria-sort={ariaSort('invoiceNumber')}>
                  {header('invoiceNumber', t('reminders.col.invoice'))}
                </th>
                <th scope="col" aria-sort={ariaSort('customerName')}>
                  {header('customerName', t('reminders.col.customer'))}
                </th>
                <th scope="col" aria-sort={ariaSort('dueDate')}>
                  {header('dueDate', t('reminders.col.dueDate'))}
                </th>
                <th scope="col" className="num">
                  <abbr title={t('reminders.col.daysOverdueLong')}>{t('reminders.col.daysOverdue')}</abbr>
                </th>
                <th scope="col" className="num" aria-sort={ariaSort('openAmount')}>
                  {header('openAmount', t('reminders.col.openAmount'))}
                </th>
                <th scope="col" className="num">
                  {t('reminders.col.interest')}
                </th>
                <th scope="col">{t('reminders.col.letters')}</th>
                <th scope="col">{t('reminders.col.next')}</th>
                {canWrite && (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <ReminderRow
                  key={item.invoiceId}
                  item={item}
                  companyId={companyId}
                  canWrite={canWrite}
                  selected={selected.has(item.invoiceId)}
                  flash={flash === item.invoiceId}
                  onToggle={() => toggle(item.invoiceId)}
                  onAction={(action) => open(action, [item], false)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      {pending && (
        <ActionDialog companyId={companyId} pending={pending} onDone={done} onClose={() => setPending(null)} />
      )}
    </section>
  );
}

/** A sortable column's header: the label and an arrow (▲ ascending, ▼ descending, ↕ not sorted by it). */
function SortButton({
  sortKey,
  label,
  active,
  descending,
  onClick,
}: {
  sortKey: SortKey;
  label: string;
  active: boolean;
  descending: boolean;
  onClick(): void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={active ? 'sort-button is-sorted' : 'sort-button'}
      data-sort={sortKey}
      onClick={onClick}
      title={t('reminders.sortBy', { column: label })}
    >
      {label}
      <span className="sort-arrow" aria-hidden="true">
        {active ? (descending ? '▼' : '▲') : '↕'}
      </span>
    </button>
  );
}

function SelectAll({
  checked,
  indeterminate,
  onChange,
  label,
}: {
  checked: boolean;
  indeterminate: boolean;
  onChange(): void;
  label: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" checked={checked} onChange={onChange} aria-label={label} />;
}

interface RowProps {
  item: ReminderListItem;
  companyId: string;
  canWrite: boolean;
  selected: boolean;
  flash: boolean;
  onToggle(): void;
  onAction(action: Exclude<BulkActionKind, 'next'>): void;
}

function ReminderRow({ item, companyId, canWrite, selected, flash, onToggle, onAction }: RowProps) {
  const { t, money, date } = useI18n();
  const suggested = item.next.nextAction === 'wait' ? null : item.next.nextAction;
  const letters = [...item.letters].sort((a, b) => a.sentDate.localeCompare(b.sentDate) || a.sequence - b.sequence);
  const menu = [
    ...ROW_ACTIONS.filter((a) => a !== suggested).map((a) => ({
      label: t(`action.${a}`),
      onSelect: () => onAction(a),
    })),
    ...(item.decision?.nextAction ? [{ label: t('action.clear'), onSelect: () => onAction('clear') }] : []),
  ];
  const classes = [selected ? 'is-selected' : '', flash ? 'is-flash' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes || undefined} data-invoice-id={item.invoiceId} data-invoice-number={item.invoiceNumber}>
      {canWrite && (
        <td className="col-select">
          <input
            type="checkbox"
            checked={selected}
            onChange={onToggle}
            aria-label={t('reminders.selectRow', { invoice: item.invoiceNumber })}
          />
        </td>
      )}
      <td className="num strong">{item.invoiceNumber}</td>
      <td className="col-customer">
        <span className="customer-name" title={item.customerName}>
          {item.customerName}
        </span>
        {item.notToCollection && <span className="tag">{t('reminders.notToCollection')}</span>}
      </td>
      <td className="date">{date(item.dueDate)}</td>
      <td className="num">{item.daysOverdue}</td>
      <td className="num money">{money(item.openAmount)}</td>
      <td className="num money muted-money">{money(item.interestAmount)}</td>
      <td className="col-letters">
        {letters.length === 0 ? (
          <span className="muted">{t('common.none')}</span>
        ) : (
          <ul className="letter-list">
            {letters.map((l) => (
              <li key={l.id}>
                {/* The accessible name starts with the visible text (WCAG 2.5.3), and says it is a PDF. */}
                <a
                  href={api.letterPdfUrl(companyId, l.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={`${t('letter.link', { type: t(`letter.short.${l.type}`), date: date(l.sentDate) })}${t('letter.pdfSuffix')}`}
                >
                  {t('letter.link', { type: t(`letter.short.${l.type}`), date: date(l.sentDate) })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="col-next">
        <NextActionCell item={item} onAct={canWrite ? onAction : undefined} />
      </td>
      {canWrite && (
        <td className="col-actions">
          <Menu label={t('common.moreFor', { invoice: item.invoiceNumber })} items={menu} />
        </td>
      )}
    </tr>
  );
}

function OutcomeNotice({
  outcome,
  companyId,
  onClose,
}: {
  outcome: Extract<ActionOutcome, { bulk: false }>;
  companyId: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const invoice = outcome.item.invoiceNumber;
  return (
    <Notice tone="success" onClose={onClose}>
      <span>{t(`result.${outcome.action}`, { invoice })}</span>
      {outcome.letter && (
        <a href={api.letterPdfUrl(companyId, outcome.letter.id)} target="_blank" rel="noopener noreferrer">
          {t('result.openLetter')}
        </a>
      )}
      {outcome.action === 'collection' && (
        <Link to={companyPath(companyId, 'inkasso', 'utkast')}>{t('result.goToDrafts')}</Link>
      )}
    </Notice>
  );
}
