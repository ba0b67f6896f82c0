import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams, EntryParams, MatchParams, VoucherParams } from '../http/params.js';
import {
  Cursor,
  CursorField,
  decodeCursor,
  cursorAfter,
  IsoDate,
  jsonBody,
  jsonResponse,
  Limit,
  page,
  Search,
} from '../http/schemas.js';
import { parseListSearch } from '../shared/search.js';
import { recordAudit } from '../audit/audit.service.js';
import { ore } from '../shared/money.js';
import { listInvoiceEvents } from './invoice-event.repository.js';
import {
  EntryMatchSchema,
  InvoiceEventSchema,
  ManualVoucherSchema,
  MatchResultSchema,
  OpenItemSchema,
  VoucherListItemSchema,
  VoucherSchema,
  VoucherTypeSchema,
} from './ledger.schemas.js';
import { createManualVoucher } from './manual-voucher.service.js';
import { matchesOfEntry, unmatch } from './match.service.js';
import { listOpenItems } from './open-item.service.js';
import { accountBalances, getVoucher, listVouchers, reverseVoucher, voucherNumberNow } from './voucher.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['Ledger'];

const listVouchersRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/vouchers',
  operationId: 'listVouchers',
  tags,
  summary: 'The voucher journal (bilagsjournal), newest first',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({ limit: Limit, cursor: Cursor, type: VoucherTypeSchema.optional() }),
  },
  responses: { 200: jsonResponse(page(VoucherListItemSchema), 'A page of vouchers') },
});
const createVoucherRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/vouchers',
  operationId: 'createManualVoucher',
  tags,
  summary: 'Post a manual voucher (must balance)',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(ManualVoucherSchema) },
  responses: { 201: jsonResponse(VoucherSchema, 'Posted') },
});
const getVoucherRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/vouchers/{voucherId}',
  operationId: 'getVoucher',
  tags,
  summary: 'A voucher with its postings',
  access: 'read',
  request: { params: VoucherParams },
  responses: { 200: jsonResponse(VoucherSchema, 'The voucher') },
});
const reverseVoucherRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/vouchers/{voucherId}/reverse',
  operationId: 'reverseVoucher',
  tags,
  summary: 'Reverse a voucher with an opposite one (vouchers are never changed)',
  access: 'write',
  request: { params: VoucherParams, ...jsonBody(z.object({ date: IsoDate }).strict()) },
  responses: { 201: jsonResponse(VoucherSchema, 'The reversal') },
});
const openItemsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/open-items',
  operationId: 'listOpenItems',
  tags: ['Customer ledger'],
  summary: 'Open items (åpne poster), oldest first; every entry with includeClosed',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      limit: Limit,
      cursor: Cursor,
      customerId: z.string().uuid().optional(),
      includeClosed: z.enum(['true', 'false']).optional(),
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(OpenItemSchema), 'A page of open items') },
});
const entryMatchesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/entries/{entryId}/matches',
  operationId: 'listEntryMatches',
  tags: ['Customer ledger'],
  summary: 'Every match on an entry, undone ones too',
  access: 'read',
  request: { params: EntryParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(EntryMatchSchema) }), 'Matches') },
});
const unmatchRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/matches/{matchId}/unmatch',
  operationId: 'unmatch',
  tags: ['Customer ledger'],
  summary: 'Undo a match (recorded, never deleted)',
  access: 'write',
  request: { params: MatchParams },
  responses: { 201: jsonResponse(MatchResultSchema, 'Undone') },
});
const balancesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/account-balances',
  operationId: 'listAccountBalances',
  tags,
  summary: 'Balance per account (trial balance), optionally up to a date',
  access: 'read',
  request: { params: CompanyParams, query: z.object({ toDate: IsoDate.optional() }) },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(z.object({ account: z.number().int(), name: z.string(), balance: z.number().int() })) }),
      'Balances',
    ),
  },
});
const eventsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoice-events',
  operationId: 'listInvoiceEvents',
  tags: ['Customer ledger'],
  summary: "What happened to the company's invoices, in commit order",
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({ limit: Limit, after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) }),
  },
  responses: {
    200: jsonResponse(page(InvoiceEventSchema), 'Events; nextCursor is the last position'),
  },
});

const VoucherCursor = z.object({ d: CursorField.date, y: CursorField.int, n: CursorField.int });
const OpenItemCursor = z.object({ d: CursorField.date, id: CursorField.serial });

function voucherJson(v: Awaited<ReturnType<typeof getVoucher>>) {
  return { ...v, createdAt: v.createdAt.toISOString() };
}

export function ledgerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listVouchersRoute, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, VoucherCursor);
    const rows = await listVouchers(c.var.db, c.var.companyId, {
      limit: q.limit,
      type: q.type,
      before: cur ? { date: cur.d, year: cur.y, number: cur.n } : undefined,
    });
    return c.json(
      {
        data: rows,
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ d: last.date, y: last.fiscalYear, n: last.number })),
      },
      200,
    );
  });
  app.openapi(createVoucherRoute, async (c) => {
    const body = c.req.valid('json');
    const input = { ...body, lines: body.lines.map((l) => ({ ...l, amount: ore(l.amount) })) };
    const voucher = await idempotentWrite(c, userScope(c), body, async (trx) => {
      const posted = await createManualVoucher(trx, c.var.companyId, input, c.var.user.id);
      await recordAudit(trx, {
        companyId: c.var.companyId,
        kind: 'voucher.posted',
        subjectIds: [posted.id],
        after: {
          type: 'manual',
          date: input.date,
          number: `${posted.fiscalYear}-${await voucherNumberNow(trx, posted.id)}`,
        },
      });
      return voucherJson(await getVoucher(trx, c.var.companyId, posted.id));
    });
    return c.json(voucher, 201);
  });
  app.openapi(getVoucherRoute, async (c) =>
    c.json(voucherJson(await getVoucher(c.var.db, c.var.companyId, c.req.valid('param').voucherId)), 200),
  );
  app.openapi(reverseVoucherRoute, async (c) => {
    const body = c.req.valid('json');
    const { voucherId } = c.req.valid('param');
    const voucher = await idempotentWrite(c, userScope(c), { voucherId, ...body }, async (trx) => {
      const posted = await reverseVoucher(trx, c.var.companyId, voucherId, body.date, c.var.user.id);
      await recordAudit(trx, {
        companyId: c.var.companyId,
        kind: 'voucher.reversed',
        subjectIds: [voucherId, posted.id],
        after: { date: body.date, reversal: `${posted.fiscalYear}-${await voucherNumberNow(trx, posted.id)}` },
      });
      return voucherJson(await getVoucher(trx, c.var.companyId, posted.id));
    });
    return c.json(voucher, 201);
  });
  app.openapi(openItemsRoute, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, OpenItemCursor);
    const rows = await listOpenItems(c.var.db, c.var.companyId, {
      limit: q.limit,
      customerId: q.customerId,
      includeClosed: q.includeClosed === 'true',
      after: cur ? { entryDate: cur.d, entryId: cur.id } : undefined,
      search: parseListSearch(q.q),
    });
    return c.json(
      {
        data: rows,
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ d: last.entryDate, id: last.entryId })),
      },
      200,
    );
  });
  app.openapi(entryMatchesRoute, async (c) =>
    c.json({ data: await matchesOfEntry(c.var.db, c.var.companyId, c.req.valid('param').entryId) }, 200),
  );
  app.openapi(unmatchRoute, async (c) => {
    const { matchId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { matchId }, async (trx) => {
        const undone = await unmatch(trx, c.var.companyId, matchId, c.var.user.id);
        await recordAudit(trx, { companyId: c.var.companyId, kind: 'match.undone', subjectIds: [String(matchId)] });
        return undone;
      }),
      201,
    );
  });
  app.openapi(balancesRoute, async (c) =>
    c.json({ data: await accountBalances(c.var.db, c.var.companyId, c.req.valid('query').toDate) }, 200),
  );
  app.openapi(eventsRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await listInvoiceEvents(c.var.db, c.var.companyId, { after: q.after, limit: q.limit });
    const last = rows.at(-1);
    // A feed never ends: an empty page hands back the same cursor to poll with.
    return c.json({ data: rows, nextCursor: String(last ? last.position : q.after) }, 200);
  });
}
