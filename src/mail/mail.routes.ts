import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams, CustomerParams, InvoiceParams } from '../http/params.js';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  IsoDate,
  jsonBody,
  jsonResponse,
  Limit,
  OreAmount,
  page,
} from '../http/schemas.js';
import { lettersOfCustomer } from '../dunning/customer-letters.read.js';
import { getCustomer } from '../sales/customer.service.js';
import { getInvoiceSummary } from '../sales/invoice.service.js';
import { emailDeliveryOfLetters } from './letter-delivery.read.js';
import { getMailSettings, mailOfInvoice, putMailSettings, queueLetterEmail } from './mail.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['E-mail'];

const TlsModeSchema = z.enum(['starttls', 'tls', 'none']).openapi({
  description:
    'starttls: plain connection upgraded with STARTTLS, required (port 587); tls: TLS from the start (port 465); none: no encryption (a relay on the local network only)',
});
const DeliverySchema = z.enum(['manual', 'email']).openapi({
  description:
    'manual: a letter is e-mailed when someone sends it by e-mail; email: every letter recorded for e-mail is sent by the daily run (a collection notice only where the customer agreed to electronic notices)',
});
/** No line breaks in what goes into a header. */
const HeaderText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\r\n]*$/, 'no line breaks');

const MailSettingsSchema = z
  .object({
    host: z.string(),
    port: z.number().int(),
    tlsMode: TlsModeSchema,
    username: z.string().nullable(),
    passwordSet: z.boolean().openapi({ description: 'Whether a password is stored (it is never answered)' }),
    fromAddress: z.string(),
    fromName: z.string(),
    delivery: DeliverySchema,
    emailDeliverySince: z
      .string()
      .nullable()
      .openapi({ description: 'Since when letters are e-mailed by the daily run (ISO 8601); null: manual' }),
    updatedAt: z.string(),
  })
  .openapi('MailSettings');
const MailSettingsStateSchema = z.object({ settings: MailSettingsSchema.nullable() }).openapi('MailSettingsState');
const MailSettingsInputSchema = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    tlsMode: TlsModeSchema,
    username: HeaderText(200).nullable().optional(),
    password: z.string().max(500).nullable().optional().openapi({
      description:
        'Left out: the stored password is kept; null or empty: removed. Stored sealed (AES-256-GCM under INNFRI_SECRET_KEY), never answered',
    }),
    fromAddress: z.string().email().max(254),
    fromName: HeaderText(100).optional(),
    delivery: DeliverySchema.optional(),
  })
  .strict()
  .openapi('MailSettingsInput');

const MailAttemptSchema = z.object({
  at: z.string(),
  outcome: z.enum(['sent', 'temporary', 'rejected', 'error']).openapi({
    description:
      'sent: the server took it; temporary: a 4xx answer (retried); rejected: a 5xx answer (refused by the server, not retried); error: no answer (connection, timeout; retried)',
  }),
  smtpCode: z.number().int().nullable(),
  response: z.string().nullable().openapi({ description: "The server's answer, or the error" }),
});
export const MailMessageSchema = z
  .object({
    id: z.string(),
    letterId: z.string(),
    invoiceId: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(['queued', 'sent', 'failed']),
    failure: z.enum(['rejected', 'gave_up']).nullable().openapi({
      description:
        'Why it failed: rejected (the server refused it, 5xx), gave_up (temporary errors until the last attempt)',
    }),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastCode: z.number().int().nullable(),
    lastResponse: z.string().nullable(),
    requestedBy: z.enum(['user', 'daily_run']),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    history: z.array(MailAttemptSchema),
  })
  .openapi('MailMessage');

const LetterParams = CompanyParams.extend({
  letterId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'letterId', in: 'path' } }),
});

const getSettingsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/mail-settings',
  operationId: 'getMailSettings',
  tags,
  summary: "The company's SMTP settings for e-mailing letters (null: none); the password is never answered",
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(MailSettingsStateSchema, 'The settings') },
});
const putSettingsRoute = accountantRoute({
  method: 'put',
  path: '/companies/{companyId}/mail-settings',
  operationId: 'putMailSettings',
  tags,
  summary: 'Store the SMTP settings (admin); the password is sealed and never answered',
  access: 'admin',
  request: { params: CompanyParams, ...jsonBody(MailSettingsInputSchema) },
  responses: { 200: jsonResponse(MailSettingsStateSchema, 'Stored') },
});
const emailLetterRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/letters/{letterId}/email',
  operationId: 'emailLetter',
  tags,
  summary:
    'Send a reminder or collection notice by e-mail with its PDF attached (queued; the outbox worker sends and retries). A collection notice only where the customer agreed to electronic notices (422 mail_not_allowed, no_consent); once per letter (already_emailed) unless it failed',
  access: 'write',
  request: { params: LetterParams },
  responses: { 202: jsonResponse(MailMessageSchema, 'Queued') },
});
const invoiceMailRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}/emails',
  operationId: 'listInvoiceEmails',
  tags,
  summary: "The e-mails of an invoice's letters with every attempt (sent, failed, refused by the server)",
  access: 'read',
  request: { params: InvoiceParams },
  responses: {
    200: jsonResponse(z.object({ data: z.array(MailMessageSchema) }).openapi('InvoiceEmails'), 'The e-mails'),
  },
});

const CustomerLetterSchema = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.number().int(),
    type: z.enum(['reminder', 'collection_notice']),
    sequence: z.number().int(),
    sentDate: z.string(),
    dueDate: z.string(),
    feeAmount: OreAmount,
    channel: z.enum(['email', 'letter']).openapi({ description: 'How the letter was meant to go: e-mail or post' }),
    email: z
      .object({
        messageId: z.string(),
        to: z.string(),
        status: z.enum(['queued', 'sent', 'failed']),
        failure: z.enum(['rejected', 'gave_up']).nullable(),
        attempts: z.number().int(),
        lastCode: z.number().int().nullable(),
        lastResponse: z.string().nullable().openapi({ description: "The server's last answer, or the error" }),
        createdAt: z.string(),
        finishedAt: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: "The letter's latest e-mail (null: never e-mailed; print/post is the PDF)" }),
  })
  .openapi('CustomerLetter');
/** A letter page's end: sent date, recording time (the database's text, µs kept), id. */
const CustomerLetterCursor = z.object({
  d: IsoDate,
  t: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/),
  id: z.string().uuid(),
});
const customerLettersRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/customers/{customerId}/letters',
  operationId: 'listCustomerLetters',
  tags,
  summary:
    "A customer's reminders and collection notices, newest first, each with its e-mail delivery (sent, failed, queued)",
  access: 'read',
  request: { params: CustomerParams, query: z.object({ limit: Limit, cursor: Cursor }) },
  responses: { 200: jsonResponse(page(CustomerLetterSchema), 'A page of letters') },
});

export function mailRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(customerLettersRoute, async (c) => {
    const { customerId } = c.req.valid('param');
    const q = c.req.valid('query');
    await getCustomer(c.var.db, c.var.companyId, customerId); // 404 for a customer not the company's
    const at = decodeCursor(q.cursor, CustomerLetterCursor);
    const { data, next } = await lettersOfCustomer(c.var.db, c.var.companyId, customerId, {
      limit: q.limit,
      after: at ? { sentDate: at.d, createdAt: at.t, id: at.id } : undefined,
    });
    const delivery = await emailDeliveryOfLetters(
      c.var.db,
      c.var.companyId,
      data.map((l) => l.id),
    );
    return c.json(
      {
        data: data.map((l) => ({ ...l, email: delivery.get(l.id) ?? null })),
        nextCursor: next ? encodeCursor({ d: next.sentDate, t: next.createdAt, id: next.id }) : null,
      },
      200,
    );
  });
  app.openapi(getSettingsRoute, async (c) =>
    c.json({ settings: await getMailSettings(c.var.db, c.var.companyId) }, 200),
  );
  app.openapi(putSettingsRoute, async (c) => {
    const body = c.req.valid('json');
    const settings = await inTransaction(c.var.db, (trx) => putMailSettings(trx, c.var.companyId, body, c.var.user.id));
    return c.json({ settings }, 200);
  });
  app.openapi(emailLetterRoute, async (c) => {
    const { letterId } = c.req.valid('param');
    const message = await idempotentWrite(c, userScope(c), { emailLetter: letterId }, (trx) =>
      queueLetterEmail(trx, c.var.companyId, letterId, { requestedBy: 'user', userId: c.var.user.id }),
    );
    return c.json(message, 202);
  });
  app.openapi(invoiceMailRoute, async (c) => {
    const { invoiceId } = c.req.valid('param');
    await getInvoiceSummary(c.var.db, c.var.companyId, invoiceId);
    return c.json({ data: await mailOfInvoice(c.var.db, c.var.companyId, invoiceId) }, 200);
  });
}
