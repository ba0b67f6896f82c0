import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { InvoiceParams } from '../http/params.js';
import { problemResponses } from '../http/schemas.js';
import { requireCompany, requireSession } from '../http/session.middleware.js';
import { invoicePdf, letterPdf } from './document.service.js';

const read = [requireSession, requireCompany];
const pdfResponse = {
  description: 'The PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
};
const LetterParams = InvoiceParams.omit({ invoiceId: true }).extend({
  letterId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'letterId', in: 'path' } }),
});

const invoicePdfRoute = createRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}/pdf',
  operationId: 'getInvoicePdf',
  tags: ['Invoices'],
  summary: 'The invoice as a PDF',
  middleware: read,
  request: { params: InvoiceParams },
  responses: { 200: pdfResponse, ...problemResponses },
});
const letterPdfRoute = createRoute({
  method: 'get',
  path: '/companies/{companyId}/letters/{letterId}/pdf',
  operationId: 'getLetterPdf',
  tags: ['Reminder list'],
  summary: 'A reminder or collection notice as the PDF that was sent',
  middleware: read,
  request: { params: LetterParams },
  responses: { 200: pdfResponse, ...problemResponses },
});

function pdf(file: { filename: string; pdf: Buffer }): Response {
  return new Response(new Uint8Array(file.pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

export function documentRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    invoicePdfRoute,
    async (c) => pdf(await invoicePdf(c.var.db, c.var.companyId, c.req.valid('param').invoiceId)) as never,
  );
  app.openapi(
    letterPdfRoute,
    async (c) => pdf(await letterPdf(c.var.db, c.var.companyId, c.req.valid('param').letterId)) as never,
  );
}
