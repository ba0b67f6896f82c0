import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { pdfFile, pdfResponse } from '../http/schemas.js';
import { letterPdf } from './letter-pdf.js';
import { accountantRoute } from '../tenancy/company-route.js';

const LetterParams = CompanyParams.extend({
  letterId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'letterId', in: 'path' } }),
});

const letterPdfRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/letters/{letterId}/pdf',
  operationId: 'getLetterPdf',
  tags: ['Reminder list'],
  summary: 'A reminder or collection notice as the PDF that was sent',
  access: 'read',
  request: { params: LetterParams },
  responses: { 200: pdfResponse },
});

export function letterPdfRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    letterPdfRoute,
    async (c) => pdfFile(await letterPdf(c.var.db, c.var.companyId, c.req.valid('param').letterId)) as never,
  );
}
