/** The reminder list (purreliste) as CSV or XLSX, in the list's own order and with its filters. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { ExportQuery, exportResponse, exportResponses } from '../http/export.js';
import { CompanyParams } from '../http/params.js';
import { Search } from '../http/schemas.js';
import { parseListSearch } from '../shared/search.js';
import { requireCompany, requireSession } from '../tenancy/session.middleware.js';
import { allPages, type Column } from '../shared/table-export.js';
import { NextActionSchema, ReminderListSortSchema } from './dunning.schemas.js';
import { type ReminderListCursor, type ReminderListItem, reminderList } from './dunning.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const PAGE = 200;

const COLUMNS: ReadonlyArray<Column<ReminderListItem>> = [
  { nb: 'Fakturanr', en: 'Invoice no.', kind: 'integer', value: (r) => r.invoiceNumber },
  { nb: 'Kundenr', en: 'Customer no.', kind: 'integer', value: (r) => r.customerNumber },
  { nb: 'Kunde', en: 'Customer', kind: 'text', value: (r) => r.customerName },
  { nb: 'Fakturadato', en: 'Issue date', kind: 'date', value: (r) => r.issueDate },
  { nb: 'Forfallsdato', en: 'Due date', kind: 'date', value: (r) => r.dueDate },
  { nb: 'Dager forfalt', en: 'Days overdue', kind: 'integer', value: (r) => r.daysOverdue },
  { nb: 'KID', en: 'KID', kind: 'text', value: (r) => r.kid },
  { nb: 'Fakturabeløp', en: 'Invoice amount', kind: 'money', value: (r) => r.totalAmount },
  { nb: 'Åpent beløp', en: 'Open amount', kind: 'money', value: (r) => r.openAmount },
  { nb: 'Forsinkelsesrente', en: 'Late-payment interest', kind: 'money', value: (r) => r.interestAmount },
  { nb: 'Åpne gebyrer', en: 'Open fees', kind: 'money', value: (r) => r.feesOpenAmount },
  { nb: 'Brev sendt', en: 'Letters sent', kind: 'integer', value: (r) => r.letters.length },
  { nb: 'Neste handling', en: 'Next action', kind: 'text', value: (r) => r.next.nextAction },
  { nb: 'Ikke til inkasso', en: 'Not to collection', kind: 'text', value: (r) => (r.notToCollection ? 'ja' : '') },
];

const route = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/reminder-list/export',
  operationId: 'exportReminderList',
  tags: ['Exports'],
  summary: 'The whole reminder list as CSV or XLSX (same order and filters as the list)',
  access: 'read',
  request: {
    params: CompanyParams,
    query: ExportQuery.extend({
      sort: ReminderListSortSchema.default('dueDate'),
      customerId: z.string().uuid().optional(),
      nextAction: NextActionSchema.optional(),
      q: Search,
    }),
  },
  responses: exportResponses,
});

export function dunningExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const today = c.var.config.today();
    const search = parseListSearch(q.q);
    const pages = allPages(async (after: ReminderListCursor<typeof q.sort> | undefined) => {
      const { items, next } = await reminderList(c.var.db, c.var.companyId, {
        today,
        limit: PAGE,
        sort: q.sort,
        after,
        customerId: q.customerId,
        nextAction: q.nextAction,
        search,
      });
      return { rows: items, next };
    });
    return (await exportResponse(c, q, 'purreliste', COLUMNS, pages)) as never;
  });
}
