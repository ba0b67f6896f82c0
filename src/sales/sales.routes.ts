import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../shared/errors.js';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams, CreditNoteParams, CustomerParams, InvoiceParams, PaymentParams } from '../http/params.js';
import {
  Cursor,
  CursorField,
  decodeCursor,
  cursorAfter,
  encodeCursor,
  IsoDate,
  jsonBody,
  jsonResponse,
  Limit,
  page,
  Search,
} from '../http/schemas.js';
import { ore } from '../shared/money.js';
import { parseListSearch } from '../shared/search.js';
import { createCreditNote, getCreditNote } from './credit-note.service.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customer.service.js';
import { createInvoice, listInvoices } from './invoice.service.js';
import { getPayment, listPayments, registerPayment } from './payment.service.js';
import {
  CreditNoteSchema,
  CustomerChangesSchema,
  CustomerSchema,
  InvoiceSummarySchema,
  NewCreditNoteSchema,
  NewCustomerSchema,
  NewInvoiceSchema,
  NewPaymentSchema,
  PaymentListItemSchema,
  PaymentSchema,
  WriteOffInputSchema,
  WriteOffSchema,
} from './sales.schemas.js';
import { writeOffInvoice } from './write-off.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const listCustomersRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/customers',
  operationId: 'listCustomers',
  tags: ['Customers'],
  summary: 'Customers by number',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({ limit: Limit, cursor: Cursor, search: z.string().max(100).optional() }),
  },
  responses: { 200: jsonResponse(page(CustomerSchema), 'A page of customers') },
});
const createCustomerRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/customers',
  operationId: 'createCustomer',
  tags: ['Customers'],
  summary: 'Create a customer',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(NewCustomerSchema) },
  responses: { 201: jsonResponse(CustomerSchema, 'Created') },
});
const getCustomerRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/customers/{customerId}',
  operationId: 'getCustomer',
  tags: ['Customers'],
  summary: 'One customer',
  access: 'read',
  request: { params: CustomerParams },
  responses: { 200: jsonResponse(CustomerSchema, 'The customer') },
});
const updateCustomerRoute = accountantRoute({
  method: 'patch',
  path: '/companies/{companyId}/customers/{customerId}',
  operationId: 'updateCustomer',
  tags: ['Customers'],
  summary: 'Change a customer (incl. «not to collection»)',
  access: 'write',
  request: { params: CustomerParams, ...jsonBody(CustomerChangesSchema) },
  responses: { 200: jsonResponse(CustomerSchema, 'Changed') },
});

const listInvoicesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices',
  operationId: 'listInvoices',
  tags: ['Invoices'],
  summary: 'Invoices, newest first',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      limit: Limit,
      cursor: Cursor,
      customerId: z.string().uuid().optional(),
      status: z.enum(['open', 'overdue', 'closed']).optional(),
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(InvoiceSummarySchema), 'A page of invoices') },
});
const createInvoiceRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices',
  operationId: 'createInvoice',
  tags: ['Invoices'],
  summary: 'Issue and post an invoice (Dr 1500, Cr sales per VAT rate, Cr output VAT)',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(NewInvoiceSchema) },
  responses: { 201: jsonResponse(InvoiceSummarySchema, 'Issued') },
});
const createCreditNoteRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/credit-notes',
  operationId: 'createCreditNote',
  tags: ['Invoices'],
  summary: 'Credit an invoice fully or in part',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(NewCreditNoteSchema) },
  responses: { 201: jsonResponse(CreditNoteSchema, 'Credited') },
});
const getCreditNoteRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/credit-notes/{creditNoteId}',
  operationId: 'getCreditNote',
  tags: ['Invoices'],
  summary: 'A credit note',
  access: 'read',
  request: { params: CreditNoteParams },
  responses: { 200: jsonResponse(CreditNoteSchema, 'The credit note') },
});
const writeOffRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/write-off',
  operationId: 'writeOffInvoice',
  tags: ['Invoices'],
  summary: '«Avskriv»: write off the open amount (all or part) as a loss',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(WriteOffInputSchema) },
  responses: { 201: jsonResponse(WriteOffSchema, 'Written off') },
});

const listPaymentsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/payments',
  operationId: 'listPayments',
  tags: ['Payments'],
  summary: 'Payments, newest first (by payment date, then registration), paged by cursor',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      limit: Limit,
      cursor: Cursor,
      customerId: z
        .string()
        .uuid()
        .optional()
        .openapi({ description: 'Only this customer’s payments (404 when the customer is not the company’s)' }),
      invoiceId: z.string().uuid().optional().openapi({ description: 'Only payments of this invoice' }),
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(PaymentListItemSchema), 'A page of payments') },
});
const registerPaymentRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/payments',
  operationId: 'registerPayment',
  tags: ['Payments'],
  summary: 'Register an incoming payment by KID, by invoice or on a customer',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(NewPaymentSchema) },
  responses: { 201: jsonResponse(PaymentSchema, 'Registered') },
});
const getPaymentRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/payments/{paymentId}',
  operationId: 'getPayment',
  tags: ['Payments'],
  summary: 'A payment',
  access: 'read',
  request: { params: PaymentParams },
  responses: { 200: jsonResponse(PaymentListItemSchema, 'The payment') },
});

const NumberCursor = z.object({ n: CursorField.int });
/** A payment's place in the list: payment date, registration time (UTC, to the microsecond), id. */
const PaymentCursor = z.object({
  d: IsoDate,
  t: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/)
    .refine((t) => IsoDate.safeParse(t.slice(0, 10)).success),
  id: z.string().uuid(),
});

/** The customer's agreement to electronic notices is something that has happened: not dated after today. */
function checkAgreedOn(date: string | null | undefined, today: string): void {
  if (date && date > today)
    throw new AppError('validation_failed', `body.electronicNoticesAgreedOn: ${date} is after today (${today})`, {
      reason: 'agreed_in_future',
      date,
      today,
    });
}

export function salesRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listCustomersRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await listCustomers(c.var.db, c.var.companyId, {
      limit: q.limit,
      afterNumber: decodeCursor(q.cursor, NumberCursor)?.n,
      search: q.search,
    });
    return c.json({ data: rows, nextCursor: cursorAfter(rows, q.limit, (last) => ({ n: last.customerNumber })) }, 200);
  });
  app.openapi(createCustomerRoute, async (c) => {
    const body = c.req.valid('json');
    checkAgreedOn(body.electronicNoticesAgreedOn, c.var.config.today());
    return c.json(
      await idempotentWrite(c, userScope(c), body, (trx) => createCustomer(trx, c.var.companyId, body)),
      201,
    );
  });
  app.openapi(getCustomerRoute, async (c) =>
    c.json(await getCustomer(c.var.db, c.var.companyId, c.req.valid('param').customerId), 200),
  );
  app.openapi(updateCustomerRoute, async (c) => {
    const body = c.req.valid('json');
    checkAgreedOn(body.electronicNoticesAgreedOn, c.var.config.today());
    return c.json(
      await inTransaction(c.var.db, (trx) =>
        updateCustomer(trx, c.var.companyId, c.req.valid('param').customerId, body),
      ),
      200,
    );
  });

  app.openapi(listInvoicesRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await listInvoices(c.var.db, c.var.companyId, {
      limit: q.limit,
      beforeNumber: decodeCursor(q.cursor, NumberCursor)?.n,
      customerId: q.customerId,
      status: q.status,
      today: c.var.config.today(),
      search: parseListSearch(q.q),
    });
    return c.json({ data: rows, nextCursor: cursorAfter(rows, q.limit, (last) => ({ n: last.invoiceNumber })) }, 200);
  });
  app.openapi(createInvoiceRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await idempotentWrite(c, userScope(c), body, (trx) => createInvoice(trx, c.var.companyId, body, c.var.user.id)),
      201,
    );
  });
  app.openapi(createCreditNoteRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), body, (trx) =>
        createCreditNote(trx, c.var.companyId, invoiceId, body, c.var.user.id),
      ),
      201,
    );
  });
  app.openapi(getCreditNoteRoute, async (c) =>
    c.json(await getCreditNote(c.var.db, c.var.companyId, c.req.valid('param').creditNoteId), 200),
  );
  app.openapi(writeOffRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    const input = {
      date: body.date,
      reason: body.reason,
      amount: body.amount === undefined ? undefined : ore(body.amount),
      account: body.account,
      includeFees: body.includeFees,
    };
    return c.json(
      await idempotentWrite(c, userScope(c), body, (trx) =>
        writeOffInvoice(trx, c.var.companyId, invoiceId, input, c.var.user.id),
      ),
      201,
    );
  });

  app.openapi(listPaymentsRoute, async (c) => {
    const q = c.req.valid('query');
    const at = decodeCursor(q.cursor, PaymentCursor);
    const after = at && { paymentDate: at.d, createdAt: at.t, id: at.id };
    if (q.customerId) await getCustomer(c.var.db, c.var.companyId, q.customerId); // 404 for another company's
    const { data, next } = await listPayments(c.var.db, c.var.companyId, {
      limit: q.limit,
      after,
      customerId: q.customerId,
      invoiceId: q.invoiceId,
      search: parseListSearch(q.q),
    });
    return c.json(
      { data, nextCursor: next ? encodeCursor({ d: next.paymentDate, t: next.createdAt, id: next.id }) : null },
      200,
    );
  });
  app.openapi(registerPaymentRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await idempotentWrite(c, userScope(c), body, (trx) =>
        registerPayment(trx, c.var.companyId, { ...body, amount: ore(body.amount) }, c.var.user.id),
      ),
      201,
    );
  });
  app.openapi(getPaymentRoute, async (c) =>
    c.json(await getPayment(c.var.db, c.var.companyId, c.req.valid('param').paymentId), 200),
  );
}
