import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { InvoiceParams } from '../http/params.js';
import { pdfFile, pdfResponse, problemResponses } from '../http/schemas.js';
import { requireCompany, requireSession } from '../tenancy/session.middleware.js';
import { invoicePdf } from './invoice-pdf.js';

const invoicePdfRoute = createRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}/pdf',
  operationId: 'getInvoicePdf',
  tags: ['Invoices'],
  summary: 'The invoice as a PDF',
  middleware: [requireSession, requireCompany],
  request: { params: InvoiceParams },
  responses: { 200: pdfResponse, ...problemResponses },
});

export function invoicePdfRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    invoicePdfRoute,
    async (c) => pdfFile(await invoicePdf(c.var.db, c.var.companyId, c.req.valid('param').invoiceId)) as never,
  );
}
