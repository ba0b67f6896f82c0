import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { InvoiceParams } from '../http/params.js';
import { pdfFile, pdfResponse } from '../http/schemas.js';
import { invoicePdf } from './invoice-pdf.js';
import { accountantRoute } from '../tenancy/company-route.js';

const invoicePdfRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}/pdf',
  operationId: 'getInvoicePdf',
  tags: ['Invoices'],
  summary: 'The invoice as a PDF',
  access: 'read',
  request: { params: InvoiceParams },
  responses: { 200: pdfResponse },
});

export function invoicePdfRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    invoicePdfRoute,
    async (c) => pdfFile(await invoicePdf(c.var.db, c.var.companyId, c.req.valid('param').invoiceId)) as never,
  );
}
