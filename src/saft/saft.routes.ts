import { PassThrough, Readable } from 'node:stream';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { IsoDate } from '../http/schemas.js';
import { getCompany } from '../tenancy/company.service.js';
import { checkedPeriod, saftFileName, saftLineCount, writeSaft } from './saft.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const saftRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/saf-t',
  operationId: 'exportSaft',
  tags: ['Exports'],
  summary: 'The SAF-T Financial 1.30 file of the period, streamed',
  description:
    'The books of the period as SAF-T Financial 1.30 (the Tax Administration’s format): the header with the selection, the chart of accounts with opening and closing balances and næringsspesifikasjon groupings, the customers with their balances, the VAT codes used, and every voucher of the period. The body is written while the ledger is read; `X-Saft-Lines` says how many voucher lines (`<Line>`) it will hold, so a client can show progress. Period errors are 422 `validation_failed` with reason `invalid_period`, before anything is sent.',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({ from: IsoDate, to: IsoDate }),
  },
  responses: {
    200: {
      description: 'The SAF-T file (application/xml), as an attachment',
      headers: z.object({
        'X-Saft-Lines': z.string().openapi({ description: 'How many voucher lines the file holds' }),
      }),
      content: { 'application/xml': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
});

export function saftRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(saftRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    const period = checkedPeriod(from, to);
    const company = await getCompany(c.var.db, c.var.companyId);
    const lines = await saftLineCount(c.var.db, c.var.companyId, period);
    const user = c.var.user;
    const [firstName, ...rest] = user.name.trim().split(/\s+/);
    const db = c.var.db;
    const companyId = c.var.companyId;
    const today = c.var.config.today();
    // The export starts when the client first reads the body: its snapshot transaction (on PGlite the
    // one connection) is held only while the file is being taken, never while the answer is on its way.
    const body = new PassThrough();
    const reader = (Readable.toWeb(body) as ReadableStream<Uint8Array>).getReader();
    let begun = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!begun) {
          begun = true;
          writeSaft(db, companyId, period, body, {
            // The person taking the file is the contact; the telephone and e-mail are the company's
            // own (Innstillinger › Firma), the e-mail the person's where the company has given none.
            contact: { firstName: firstName ?? '', lastName: rest.join(' '), email: company.email ?? user.email },
            userId: user.email,
            today,
          }).then(
            () => body.end(),
            (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
          );
        }
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': `attachment; filename="${saftFileName(company.organizationNumber)}"`,
        'cache-control': 'private, no-store',
        'x-saft-lines': String(lines),
      },
    }) as never;
  });
}
