/** The open items (åpne poster) as CSV or XLSX, oldest first, with the list's filters. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { ExportQuery, exportResponse, exportResponses } from '../http/export.js';
import { CompanyParams } from '../http/params.js';
import { Search } from '../http/schemas.js';
import { type ListSearch, parseListSearch } from '../shared/search.js';
import { requireCompany, requireSession } from '../tenancy/session.middleware.js';
import { allPages, type Column } from '../shared/table-export.js';
import { listOpenItems, type OpenItem } from './open-item.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const PAGE = 1000;

export const OPEN_ITEM_COLUMNS: ReadonlyArray<Column<OpenItem>> = [
  { nb: 'Bilag', en: 'Voucher', kind: 'text', value: (o) => o.voucherNumber },
  { nb: 'Dato', en: 'Date', kind: 'date', value: (o) => o.entryDate },
  { nb: 'Forfallsdato', en: 'Due date', kind: 'date', value: (o) => o.dueDate },
  { nb: 'Kundenr', en: 'Customer no.', kind: 'integer', value: (o) => o.customerNumber },
  { nb: 'Kunde', en: 'Customer', kind: 'text', value: (o) => o.customerName },
  { nb: 'Konto', en: 'Account', kind: 'integer', value: (o) => o.account },
  { nb: 'Bilagsart', en: 'Voucher type', kind: 'text', value: (o) => o.voucherType },
  { nb: 'Tekst', en: 'Text', kind: 'text', value: (o) => o.description },
  { nb: 'Fakturanr', en: 'Invoice no.', kind: 'integer', value: (o) => o.invoiceNumber ?? o.claimInvoiceNumber },
  { nb: 'KID', en: 'KID', kind: 'text', value: (o) => o.kid },
  { nb: 'Beløp', en: 'Amount', kind: 'money', value: (o) => o.amount },
  { nb: 'Åpent beløp', en: 'Open amount', kind: 'money', value: (o) => o.openAmount },
];

const route = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/open-items/export',
  operationId: 'exportOpenItems',
  tags: ['Exports'],
  summary: 'The open items (every entry with includeClosed) as CSV or XLSX',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({
      customerId: z.string().uuid().optional(),
      includeClosed: z.enum(['true', 'false']).optional(),
      q: Search,
    }),
  },
  responses: exportResponses,
});

/** Every open item of the company (with the list's filters), a page at a time. */
export function openItemPages(
  db: Parameters<typeof listOpenItems>[0],
  companyId: string,
  filter: { customerId?: string | undefined; includeClosed?: boolean; search?: ListSearch | null },
) {
  return allPages(async (after: { entryDate: string; entryId: number } | undefined) => {
    const rows = await listOpenItems(db, companyId, {
      limit: PAGE,
      customerId: filter.customerId,
      includeClosed: filter.includeClosed ?? false,
      search: filter.search ?? null,
      after,
    });
    const last = rows.at(-1);
    return { rows, next: rows.length === PAGE && last ? { entryDate: last.entryDate, entryId: last.entryId } : null };
  });
}

export function ledgerExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const pages = openItemPages(c.var.db, c.var.companyId, {
      customerId: q.customerId,
      includeClosed: q.includeClosed === 'true',
      search: parseListSearch(q.q),
    });
    return (await exportResponse(c, q, 'apne-poster', OPEN_ITEM_COLUMNS, pages)) as never;
  });
}
