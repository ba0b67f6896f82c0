/** The collection lists as CSV or XLSX: the handover lists, cases (open/archived) and settlements. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { ExportQuery, exportResponse, exportResponses } from '../http/export.js';
import { CompanyParams } from '../http/params.js';
import { Search } from '../http/schemas.js';
import { getCustomer } from '../sales/customer.service.js';
import { parseListSearch } from '../shared/search.js';
import { requireCompany, requireSession } from '../tenancy/session.middleware.js';
import { addOre, ore } from '../shared/money.js';
import { allPages, type Column } from '../shared/table-export.js';
import { type CaseView, listCases } from './case.service.js';
import { listCustomerCases } from './customer-cases.read.js';
import { type Handover, listHandovers } from './handover.service.js';
import { LIST_STATES } from './handover.routes.js';
import { listSettlements } from './settlement.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const PAGE = 500;
type Position = { createdAt: string; id: string };

const HANDOVER_COLUMNS: ReadonlyArray<Column<Handover>> = [
  { nb: 'Fakturanr', en: 'Invoice no.', kind: 'integer', value: (h) => h.invoiceNumber },
  { nb: 'Kunde', en: 'Customer', kind: 'text', value: (h) => h.customerName },
  { nb: 'Forfallsdato', en: 'Due date', kind: 'date', value: (h) => h.dueDate },
  { nb: 'Fakturabeløp', en: 'Invoice amount', kind: 'money', value: (h) => h.totalAmount },
  { nb: 'Åpent beløp', en: 'Open amount', kind: 'money', value: (h) => h.openAmount },
  { nb: 'Inkassobyrå', en: 'Agency', kind: 'text', value: (h) => h.agencyName },
  { nb: 'Status', en: 'State', kind: 'text', value: (h) => h.state },
  { nb: 'Lagt til', en: 'Added', kind: 'date', value: (h) => h.createdAt.slice(0, 10) },
  { nb: 'Godkjent', en: 'Approved', kind: 'date', value: (h) => h.approvedAt?.slice(0, 10) ?? null },
  { nb: 'Inkassovarsel sendt av', en: 'Collection notice by', kind: 'text', value: (h) => h.collectionNoticeBy },
];

const CASE_COLUMNS: ReadonlyArray<Column<CaseView>> = [
  { nb: 'Saksnr', en: 'Case no.', kind: 'text', value: (k) => k.caseNumber },
  { nb: 'Kundenr', en: 'Customer no.', kind: 'integer', value: (k) => k.customer.customerNumber },
  { nb: 'Kunde', en: 'Customer', kind: 'text', value: (k) => k.customer.name },
  { nb: 'Status', en: 'Status', kind: 'text', value: (k) => k.status },
  { nb: 'Statustekst', en: 'Status text', kind: 'text', value: (k) => k.statusText },
  { nb: 'Fakturaer', en: 'Invoices', kind: 'text', value: (k) => k.invoices.map((i) => i.invoiceNumber).join(', ') },
  {
    nb: 'Opprinnelig beløp',
    en: 'Original amount',
    kind: 'money',
    value: (k) => addOre(ore(0), ...k.invoices.map((i) => i.originalAmount)),
  },
  {
    nb: 'Gjenstående',
    en: 'Remaining',
    kind: 'money',
    value: (k) => addOre(ore(0), ...k.invoices.map((i) => i.remainingAmount)),
  },
  { nb: 'Saldo hos byrået', en: 'Agency balance', kind: 'money', value: (k) => k.agencyBalance },
  { nb: 'Opprettet', en: 'Created', kind: 'date', value: (k) => k.createdAt.slice(0, 10) },
  { nb: 'Arkivert', en: 'Archived', kind: 'date', value: (k) => k.archivedAt?.slice(0, 10) ?? null },
];

type SettlementRow = Awaited<ReturnType<typeof listSettlements>>['data'][number];
const SETTLEMENT_COLUMNS: ReadonlyArray<Column<SettlementRow>> = [
  { nb: 'Oppgjørsdato', en: 'Settlement date', kind: 'date', value: (s) => s.settlementDate },
  { nb: 'Referanse', en: 'Reference', kind: 'text', value: (s) => s.reference },
  { nb: 'Inkassobyrå', en: 'Agency', kind: 'text', value: (s) => s.agencyName },
  { nb: 'Status', en: 'Status', kind: 'text', value: (s) => s.status },
  { nb: 'Utbetalt til bank', en: 'Paid to the bank', kind: 'money', value: (s) => s.bankAmount },
  { nb: 'Linjer', en: 'Lines', kind: 'integer', value: (s) => s.lines.length },
  { nb: 'Mottatt', en: 'Received', kind: 'date', value: (s) => s.createdAt.slice(0, 10) },
  { nb: 'Avgjort', en: 'Decided', kind: 'date', value: (s) => s.decidedAt?.slice(0, 10) ?? null },
  { nb: 'Avvisningsgrunn', en: 'Reject reason', kind: 'text', value: (s) => s.rejectReason },
];

const handoversExport = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/handovers/export',
  operationId: 'exportHandovers',
  tags: ['Exports'],
  summary: 'A handover list (draft, approved, in cases, ended) as CSV or XLSX',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({
      list: z.enum(['draft', 'approved', 'in_case', 'ended']),
      agencyId: z.string().uuid().optional(),
      q: Search,
    }),
  },
  responses: exportResponses,
});
const casesExport = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/cases/export',
  operationId: 'exportCases',
  tags: ['Exports'],
  summary: 'Cases (open, archived or all) as CSV or XLSX',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({
      state: z.enum(['open', 'archived']).optional(),
      agencyId: z.string().uuid().optional(),
      customerId: z.string().uuid().optional(),
      q: Search,
    }),
  },
  responses: exportResponses,
});
const settlementsExport = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/settlements/export',
  operationId: 'exportSettlements',
  tags: ['Exports'],
  summary: 'Settlements as CSV or XLSX',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({ status: z.enum(['pending_approval', 'posted', 'rejected']).optional() }),
  },
  responses: exportResponses,
});

function keyset<R extends Position>(rows: R[]): { rows: R[]; next: Position | null } {
  const last = rows.at(-1);
  return { rows, next: rows.length === PAGE && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export function collectionExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(handoversExport, async (c) => {
    const q = c.req.valid('query');
    const search = parseListSearch(q.q);
    const pages = allPages(async (after: Position | undefined) =>
      keyset(
        await listHandovers(c.var.db, c.var.companyId, {
          states: LIST_STATES[q.list],
          agencyId: q.agencyId,
          limit: PAGE,
          after,
          search,
        }),
      ),
    );
    const name = { draft: 'utkastliste', approved: 'godkjentliste', in_case: 'i-sak', ended: 'avsluttet' }[q.list];
    return (await exportResponse(c, q, name, HANDOVER_COLUMNS, pages)) as never;
  });
  app.openapi(casesExport, async (c) => {
    const q = c.req.valid('query');
    const search = parseListSearch(q.q);
    const customerId = q.customerId;
    if (customerId) await getCustomer(c.var.db, c.var.companyId, customerId); // 404 for another company's
    const pages = allPages(async (after: Position | undefined) => {
      const options = { state: q.state, agencyId: q.agencyId, limit: PAGE, after, search };
      return keyset(
        customerId
          ? await listCustomerCases(c.var.db, c.var.companyId, customerId, options)
          : await listCases(c.var.db, c.var.companyId, options),
      );
    });
    const name = q.state === 'archived' ? 'saker-arkivert' : q.state === 'open' ? 'saker-apne' : 'saker';
    return (await exportResponse(c, q, name, CASE_COLUMNS, pages)) as never;
  });
  app.openapi(settlementsExport, async (c) => {
    const q = c.req.valid('query');
    const pages = allPages(async (after: Position | undefined) => {
      const { data, next } = await listSettlements(c.var.db, c.var.companyId, { status: q.status, limit: PAGE, after });
      return { rows: data, next };
    });
    return (await exportResponse(c, q, 'oppgjor', SETTLEMENT_COLUMNS, pages)) as never;
  });
}
