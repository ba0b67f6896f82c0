import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams } from '../http/params.js';
import {
  decodeCursor,
  cursorAfter,
  jsonBody,
  jsonResponse,
  Limit,
  Cursor,
  CursorField,
  page,
  problemResponses,
} from '../http/schemas.js';
import { parseListSearch } from '../shared/search.js';
import { requireCompany, requireSession, writer } from '../tenancy/session.middleware.js';
import {
  acceptBankReversal,
  getBankImport,
  importBankFile,
  listBankEntries,
  listBankImports,
  resolveBankEntry,
} from './bank-import.service.js';
import {
  BankEntriesQuery,
  BankEntryParams,
  BankEntrySchema,
  BankFileUploadSchema,
  BankImportParams,
  BankImportResultSchema,
  BankImportSchema,
  ResolveBankEntrySchema,
} from './bank.schemas.js';
import { accountantRoute } from '../tenancy/company-route.js';

/** The largest bank file taken over HTTP (a day's camt.054 of 100 000 payments is about 80 MB). */
export const BANK_FILE_MAX_BYTES = 128 * 1024 * 1024;
/** The upload's path: its body limit is the bank file's, not the API's 1 MiB. */
export const BANK_FILE_UPLOAD_PATH = /^\/api\/v1\/companies\/[^/]+\/bank-imports\/?$/;

const importFileRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/bank-imports',
  operationId: 'importBankFile',
  tags: ['Payments'],
  summary: 'Import a bank file (camt.053, camt.054, OCR giro): its incoming payments booked and matched',
  description:
    'The file is read whole first: a file that cannot be read is refused (422 `validation_failed`, reason `bank_file_invalid`, naming the line and element) and nothing is stored. ' +
    "Then each credit to the company's account is matched — by KID, by an invoice number in the text, by the exact open amount of one customer named as payer — and booked as a payment, or left in the unmatched queue. " +
    "Idempotent by the file's content: the same file again answers 200 with its import (and finishes booking it if an earlier attempt was interrupted); each bank entry is booked once, whatever files it comes in.",
  access: 'write',
  request: {
    params: CompanyParams,
    body: { required: true, content: { 'multipart/form-data': { schema: BankFileUploadSchema } } },
  },
  responses: {
    201: jsonResponse(BankImportResultSchema, 'Imported'),
    200: jsonResponse(BankImportResultSchema, 'Imported before: the same import'),
    413: {
      description: 'The file is larger than 128 MiB',
      content: {
        'application/problem+json': { schema: problemResponses[400].content['application/problem+json'].schema },
      },
    },
  },
});
const listImportsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/bank-imports',
  operationId: 'listBankImports',
  tags: ['Payments'],
  summary: 'Bank imports, newest first',
  access: 'read',
  request: { params: CompanyParams, query: z.object({ limit: Limit, cursor: Cursor }) },
  responses: { 200: jsonResponse(page(BankImportSchema), 'A page of imports') },
});
const getImportRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/bank-imports/{importId}',
  operationId: 'getBankImport',
  tags: ['Payments'],
  summary: 'A bank import with its summary',
  access: 'read',
  request: { params: BankImportParams },
  responses: { 200: jsonResponse(BankImportSchema, 'The import') },
});
const listImportEntriesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/bank-imports/{importId}/entries',
  operationId: 'listBankImportEntries',
  tags: ['Payments'],
  summary: "An import's entries in file order, with what became of each",
  access: 'read',
  request: { params: BankImportParams, query: BankEntriesQuery },
  responses: { 200: jsonResponse(page(BankEntrySchema), 'A page of entries') },
});
const listEntriesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/bank-entries',
  operationId: 'listBankEntries',
  tags: ['Payments'],
  summary: 'Bank entries by state, oldest booking date first — by default the unmatched queue',
  access: 'read',
  request: { params: CompanyParams, query: BankEntriesQuery },
  responses: { 200: jsonResponse(page(BankEntrySchema), 'A page of entries') },
});
const resolveEntryRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/bank-entries/{entryId}/resolve',
  operationId: 'resolveBankEntry',
  tags: ['Payments'],
  summary:
    'Decide an unmatched bank entry: pay an invoice or a customer, post it to an account, or not a customer payment',
  access: 'write',
  request: { params: BankEntryParams, ...jsonBody(ResolveBankEntrySchema) },
  responses: { 200: jsonResponse(BankEntrySchema, 'Decided') },
});

const acceptReversalRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/bank-entries/{entryId}/accept-reversal',
  operationId: 'acceptBankReversal',
  tags: ['Payments'],
  summary: 'Accept an offered reversal: the voucher of the entry it takes back is reversed on the bank date',
  description:
    "Once only: the entry must be `reversal_offered`; a payment's match is undone (its invoice open again, in the agency's feed) and a reversal voucher posted; a second call is 409 `invalid_transition`. Idempotent with an Idempotency-Key.",
  access: 'write',
  request: { params: BankEntryParams },
  responses: { 200: jsonResponse(BankEntrySchema, 'Reversed') },
});

const EntryCursor = z.object({ id: CursorField.uuid });
const ImportCursor = z.object({ t: CursorField.timestamp, id: CursorField.uuid });

export function bankRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(importFileRoute, async (c) => {
    const { file } = c.req.valid('form');
    const result = await importBankFile(
      c.var.db,
      c.var.companyId,
      async function* () {
        const reader = file.stream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      },
      { fileName: file.name, userId: c.var.user.id, today: c.var.config.today() },
    );
    return c.json(result, result.alreadyImported ? 200 : 201);
  });
  app.openapi(listImportsRoute, async (c) => {
    const q = c.req.valid('query');
    const at = decodeCursor(q.cursor, ImportCursor);
    const data = await listBankImports(c.var.db, c.var.companyId, {
      limit: q.limit,
      before: at && { createdAt: at.t, id: at.id },
    });
    return c.json(
      { data, nextCursor: cursorAfter(data, q.limit, (last) => ({ t: last.createdAt, id: last.id })) },
      200,
    );
  });
  app.openapi(getImportRoute, async (c) => {
    const { importId } = c.req.valid('param');
    return c.json(await getBankImport(c.var.db, c.var.companyId, importId), 200);
  });
  app.openapi(listImportEntriesRoute, async (c) => {
    const { importId } = c.req.valid('param');
    const q = c.req.valid('query');
    await getBankImport(c.var.db, c.var.companyId, importId); // 404 for an import not the company's
    const data = await listBankEntries(c.var.db, c.var.companyId, {
      limit: q.limit,
      importId,
      state: q.state,
      after: decodeCursor(q.cursor, EntryCursor)?.id,
      search: parseListSearch(q.q),
    });
    return c.json({ data, nextCursor: cursorAfter(data, q.limit, (last) => ({ id: last.id })) }, 200);
  });
  app.openapi(listEntriesRoute, async (c) => {
    const q = c.req.valid('query');
    const data = await listBankEntries(c.var.db, c.var.companyId, {
      limit: q.limit,
      state: q.state ?? 'unmatched',
      after: decodeCursor(q.cursor, EntryCursor)?.id,
      search: parseListSearch(q.q),
    });
    return c.json({ data, nextCursor: cursorAfter(data, q.limit, (last) => ({ id: last.id })) }, 200);
  });
  app.openapi(acceptReversalRoute, async (c) => {
    const { entryId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { entryId, action: 'accept_reversal' }, (trx) =>
        acceptBankReversal(trx, c.var.companyId, entryId, c.var.user.id),
      ),
      200,
    );
  });
  app.openapi(resolveEntryRoute, async (c) => {
    const { entryId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await idempotentWrite(c, userScope(c), { entryId, ...body }, (trx) =>
        resolveBankEntry(trx, c.var.companyId, entryId, body, c.var.user.id),
      ),
      200,
    );
  });
}
