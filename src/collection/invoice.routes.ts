import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { InvoiceParams } from '../http/params.js';
import { jsonResponse } from '../http/schemas.js';
import { getInvoice } from '../sales/invoice.service.js';
import { handoversOfInvoice } from './handover.service.js';
import { InvoiceDetailSchema } from './handover.schemas.js';
import { accountantRoute } from '../tenancy/company-route.js';

/**
 * The invoice as the accountant opens it: sales' invoice (lines, matches, credit notes, events)
 * with its handovers to agencies. It lives here, above sales, because it reads both.
 */
const getInvoiceRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}',
  operationId: 'getInvoice',
  tags: ['Invoices'],
  summary: 'An invoice with lines, matched entries, credit notes and events',
  access: 'read',
  request: { params: InvoiceParams },
  responses: { 200: jsonResponse(InvoiceDetailSchema, 'The invoice') },
});

export function invoiceDetailRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getInvoiceRoute, async (c) => {
    const { invoiceId } = c.req.valid('param');
    const [invoice, handovers] = await Promise.all([
      getInvoice(c.var.db, c.var.companyId, invoiceId),
      handoversOfInvoice(c.var.db, c.var.companyId, invoiceId),
    ]);
    return c.json({ ...invoice, handovers }, 200);
  });
}
