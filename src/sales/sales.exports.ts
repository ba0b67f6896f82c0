/** The payments as CSV or XLSX, newest first, with the list's filters. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { ExportQuery, exportResponse, exportResponses } from '../http/export.js';
import { CompanyParams } from '../http/params.js';
import { Search } from '../http/schemas.js';
import { parseListSearch } from '../shared/search.js';
import { requireCompany, requireSession } from '../tenancy/session.middleware.js';
import { allPages, type Column } from '../shared/table-export.js';
import { listPayments, type PaymentListItem, type PaymentListPosition } from './payment.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const PAGE = 1000;

const COLUMNS: ReadonlyArray<Column<PaymentListItem>> = [
  { nb: 'Betalingsdato', en: 'Payment date', kind: 'date', value: (p) => p.paymentDate },
  { nb: 'Kundenr', en: 'Customer no.', kind: 'integer', value: (p) => p.customerNumber },
  { nb: 'Kunde', en: 'Customer', kind: 'text', value: (p) => p.customerName },
  { nb: 'Fakturanr', en: 'Invoice no.', kind: 'integer', value: (p) => p.invoiceNumber },
  { nb: 'KID', en: 'KID', kind: 'text', value: (p) => p.kid },
  { nb: 'Beløp', en: 'Amount', kind: 'money', value: (p) => p.amount },
  { nb: 'Referanse', en: 'Reference', kind: 'text', value: (p) => p.reference },
];

const route = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/payments/export',
  operationId: 'exportPayments',
  tags: ['Exports'],
  summary: 'The payments as CSV or XLSX, newest first',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({
      customerId: z.string().uuid().optional(),
      invoiceId: z.string().uuid().optional(),
      q: Search,
    }),
  },
  responses: exportResponses,
});

export function salesExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const search = parseListSearch(q.q);
    const pages = allPages(async (after: PaymentListPosition | undefined) => {
      const { data, next } = await listPayments(c.var.db, c.var.companyId, {
        limit: PAGE,
        after,
        customerId: q.customerId,
        invoiceId: q.invoiceId,
        search,
      });
      return { rows: data, next };
    });
    return (await exportResponse(c, q, 'innbetalinger', COLUMNS, pages)) as never;
  });
}
