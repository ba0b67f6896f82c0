import { budget } from '../support/progress.js';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { createTestApp, TEST_TODAY, type TestApp } from '../support/http.js';

/**
 * An agency's view of the API: the served OpenAPI document turned into TypeScript types with
 * openapi-typescript, a strict client program (test/fixtures/openapi-client/client.ts.txt) that uses
 * them through openapi-fetch type-checked against them, and the same program run against the app.
 * A change to the document that breaks that client fails here.
 */

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = join(ROOT, 'test/fixtures/openapi-client/client.ts.txt');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Every path and method of ../shared/docs/agency-api.md (the contract), as the document spells it. */
const CONTRACT: Array<[method: string, path: string]> = [
  ['post', '/oauth/token'],
  ['get', '/agency/v1/clients'],
  ['get', '/agency/v1/clients/{clientId}/available-invoices'],
  ['get', '/agency/v1/clients/{clientId}/invoices/{invoiceId}'],
  ['get', '/agency/v1/clients/{clientId}/invoices/{invoiceId}/matched-items'],
  ['post', '/agency/v1/clients/{clientId}/invoices/{invoiceId}/reject'],
  ['post', '/agency/v1/clients/{clientId}/cases'],
  ['get', '/agency/v1/clients/{clientId}/cases'],
  ['get', '/agency/v1/clients/{clientId}/cases/{caseNumber}'],
  ['post', '/agency/v1/clients/{clientId}/cases/{caseNumber}/invoices'],
  ['post', '/agency/v1/clients/{clientId}/cases/{caseNumber}/status'],
  ['post', '/agency/v1/clients/{clientId}/cases/{caseNumber}/reject'],
  ['post', '/agency/v1/clients/{clientId}/cases/merge'],
  ['get', '/agency/v1/events'],
  ['put', '/agency/v1/webhook'],
  ['post', '/agency/v1/clients/{clientId}/settlements'],
  ['get', '/agency/v1/clients/{clientId}/settlements/{reference}'],
];

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface OpenApiDocument {
  openapi: string;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
  };
}

/**
 * What this test uses of the client program, written by hand: the program itself is typed by the
 * generated types, which exist only in the temporary folder (and are checked there by tsc).
 */
interface CaseShape {
  caseNumber: string;
  invoices: Array<{ id: string; remainingAmount: number }>;
  history: Array<{ status: string | null }>;
  [field: string]: unknown;
}
interface EventShape {
  id: string;
  type: string;
  invoiceId: string;
  [field: string]: unknown;
}
interface ClientProgram {
  connect(options: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    fetch: (request: Request) => Promise<Response>;
  }): unknown;
  firstRun(
    api: unknown,
    input: { organizationNumber: string; caseNumber: string },
  ): Promise<{
    clientId: string;
    available: Array<{ id: string; [field: string]: unknown }>;
    created: CaseShape;
    replayed: CaseShape;
    updated: CaseShape;
    duplicateCode: string | undefined;
  }>;
  getCase(api: unknown, clientId: string, caseNumber: string): Promise<CaseShape>;
  readFeed(
    api: unknown,
    after: string | undefined,
    pageSize?: number,
  ): Promise<{ events: EventShape[]; cursor: string | undefined; pages: number }>;
  reactionTo(event: EventShape): string;
}

const STRICT = {
  target: 'ES2022',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitReturns: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  // The generated file is .ts (not .d.ts) so that it is checked too; the libraries' own .d.ts are not.
  skipLibCheck: true,
  types: ['node'],
};

/**
 * A folder with the generated types as `agency-api.ts`, the client as `client.ts`, an ESM
 * package.json, a strict tsconfig and `node_modules` linked to the project's (for openapi-fetch and @types/node).
 */
async function clientProject(dir: string, document: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  await writeFile(join(dir, 'agency-api.ts'), astToString(ast));
  await copyFile(TEMPLATE, join(dir, 'client.ts'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: STRICT, files: ['client.ts', 'agency-api.ts'] }, null, 2),
  );
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A plausible breaking change: the case number renamed in the request body, the events route moved. */
function breakDocument(document: OpenApiDocument): OpenApiDocument {
  const broken = structuredClone(document);
  const newCase = broken.components.schemas.NewCase!;
  newCase.properties = Object.fromEntries(
    Object.entries(newCase.properties ?? {}).map(([k, v]) => [k === 'caseNumber' ? 'number' : k, v]),
  );
  newCase.required = (newCase.required ?? []).map((k) => (k === 'caseNumber' ? 'number' : k));
  broken.paths['/agency/v1/feed'] = broken.paths['/agency/v1/events']!;
  delete broken.paths['/agency/v1/events'];
  return broken;
}

async function typeCheck(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
      { cwd: dir, timeout: budget(60_000) },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the agency OpenAPI document, through a client generated from it', () => {
  let handle: DatabaseHandle;
  let db: Db;
  let app: TestApp;
  let work: string;
  let documentStatus: number;
  let documentText: string;
  let document: OpenApiDocument;
  let project: string;
  /** Both compiles start as soon as the document is fetched and run beside the other tests. */
  let compiled: Promise<{ code: number; output: string }> = Promise.resolve({
    code: -1,
    output: 'no document to compile against',
  });
  let brokenCompiled = compiled;

  /** Every test needs the document: say why it is missing rather than fail on `undefined`. */
  function requireDocument(): void {
    expect(documentStatus, `GET /agency/v1/openapi.json answered ${documentStatus}: ${documentText}`).toBe(200);
  }

  beforeAll(async () => {
    // The document needs no database: generate and compile while the migrations run.
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    db = handle.db;
    const migrated = migrateToLatest(db);
    app = createTestApp(db);
    work = await mkdtemp(join(tmpdir(), 'innfri-openapi-client-'));
    const res = await app.request('/agency/v1/openapi.json');
    documentStatus = res.status;
    documentText = await res.text();
    if (res.status === 200) {
      document = JSON.parse(documentText) as OpenApiDocument;
      project = await clientProject(join(work, 'client'), document);
      compiled = typeCheck(project);
      brokenCompiled = clientProject(join(work, 'broken'), breakDocument(document)).then(
        typeCheck,
        (error: unknown) => ({ code: -1, output: String(error) }),
      );
    }
    await migrated;
  });
  afterAll(async () => {
    await Promise.all([compiled, brokenCompiled]);
    await handle?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is served as OpenAPI 3.1, without auth, with every path of the contract', () => {
    requireDocument();
    expect(document.openapi).toMatch(/^3\.1\./);
    const served = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const [method, path] of CONTRACT) expect(served).toContain(`${method.toUpperCase()} ${path}`);
    // Everything needs a bearer token (the document's default) except the token endpoint.
    const [required] = Object.keys(document.security?.[0] ?? {});
    expect(document.components.securitySchemes?.[required ?? '']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/oauth/token']?.post?.security).toEqual([]);
    expect(Object.keys(document.paths['/oauth/token']?.post?.requestBody?.content ?? {})).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    // Every POST of the agency API takes an Idempotency-Key header (header names are case-insensitive).
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/agency/v1/') || !item.post) continue;
      expect(
        item.post.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
        `POST ${path} documents Idempotency-Key`,
      ).toBe(true);
    }
    // The event, as the contract names its fields.
    const event = document.components.schemas.Event;
    expect(Object.keys(event?.properties ?? {}).sort()).toEqual(
      [
        'id',
        'type',
        'occurredAt',
        'clientId',
        'invoiceId',
        'invoiceNumber',
        'caseNumber',
        'voucherId',
        'voucherType',
        'amount',
        'remainingAmount',
        'kid',
        'isWriteOff',
        'isManual',
      ].sort(),
    );
  });

  it('documents the settlement request as the contract names its fields', () => {
    requireDocument();
    const settlement = document.components.schemas.NewSettlement;
    expect(Object.keys(settlement?.properties ?? {}).sort()).toEqual([
      'bankAmount',
      'lines',
      'reference',
      'settlementDate',
      'statement',
    ]);
  });
  it('generates types that a strict client program compiles against', async () => {
    requireDocument();
    const result = await compiled;
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails that compile when the document breaks the client (so the check above is not vacuous)', async () => {
    requireDocument();
    const result = await brokenCompiled;
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/client\.ts\(\d+,\d+\): error TS\d+: .*caseNumber/);
    expect(result.output).toMatch(/client\.ts\(\d+,\d+\): error TS\d+: .*\/agency\/v1\/events/);
  });

  it('runs the same client against the app: token, clients, available invoices, a case, a status, the feed', async () => {
    requireDocument();
    // A creditor that activated the agency, and three invoices of two customers on its approved list.
    const company = await makeCompany(db, { name: 'Kreditor AS', sendsOwnCollectionNotice: false });
    const debtor = await makeCustomer(db, company.id, { name: 'Skyldner AS' });
    const other = await makeCustomer(db, company.id, { name: 'Annen Kunde AS' });
    const credentials = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Typet Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
    );
    const invoices = [];
    for (const [customer, net] of [
      [debtor, 80_000],
      [debtor, 40_000],
      [other, 24_000],
    ] as const) {
      const invoice = await makeInvoice(db, company.id, customer.id, net, {
        issueDate: '2026-09-01',
        dueDate: '2026-09-15',
      });
      await inTransaction(db, async (trx) => {
        const draft = await sendToCollection(
          trx,
          company.id,
          invoice.id,
          { today: TEST_TODAY },
          { type: 'user', id: null },
        );
        await approveHandover(trx, company.id, draft.id, { type: 'user', id: null });
      });
      invoices.push(invoice);
    }
    const [a, b, c] = invoices as [(typeof invoices)[0], (typeof invoices)[0], (typeof invoices)[0]];

    const client = (await import(pathToFileURL(join(project, 'client.ts')).href)) as ClientProgram;
    const requests: string[] = [];
    const api = client.connect({
      baseUrl: 'http://innfri.test',
      clientId: credentials.agency.clientId,
      clientSecret: credentials.clientSecret,
      fetch: async (request) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return app.fetch(request);
      },
    });

    const run = await client.firstRun(api, { organizationNumber: company.organizationNumber, caseNumber: 'K-2026/1' });
    expect(run.clientId).toBe(company.id);
    expect(run.available.map((i) => i.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(run.available.find((i) => i.id === a.id)).toMatchObject({
      originalAmount: 100_000,
      remainingAmount: 100_000,
      kid: a.kid,
      collectionStatus: 'approved',
      caseNumber: null,
    });
    expect(run.created).toMatchObject({
      caseNumber: 'K-2026/1',
      status: 'registered',
      state: 'open',
      url: 'https://inkasso.example/sak/K-2026%2F1',
    });
    expect(run.created.invoices.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(run.replayed).toEqual(run.created);
    expect(run.duplicateCode).toBe('case_exists');
    expect(run.updated).toMatchObject({
      status: 'collection_notice',
      statusText: 'Inkassovarsel sendt',
      agencyBalance: 150_000,
      state: 'open',
    });
    expect(run.updated.history.map((h) => h.status)).toEqual(['registered', 'collection_notice']);
    // One token for the whole run; the case number with a slash travelled as one path segment.
    expect(requests.filter((r) => r === 'POST /oauth/token')).toHaveLength(1);
    expect(requests).toContain(`POST /agency/v1/clients/${company.id}/cases/K-2026%2F1/status`);
    const stored = await db
      .selectFrom('cases')
      .select(['case_number', 'status', 'agency_balance'])
      .where('company_id', '=', company.id)
      .execute();
    expect(stored).toEqual([{ case_number: 'K-2026/1', status: 'collection_notice', agency_balance: 150_000 }]);
    expect(await client.getCase(api, company.id, 'K-2026/1')).toEqual(run.updated);

    // The creditor is paid directly for part of a and writes off b («Avskriv»): the feed tells the agency.
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: a.kid, amount: ore(30_000), paymentDate: TEST_TODAY }, null),
    );
    await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, b.id, { date: TEST_TODAY, reason: 'Tapsført' }, null),
    );
    const feed = await client.readFeed(api, undefined, 2);
    expect(feed.events.map((e) => `${e.type}:${[a.id, b.id, c.id].indexOf(e.invoiceId)}`)).toEqual([
      'invoice.available:0',
      'invoice.available:1',
      'invoice.available:2',
      'invoice.payment:0',
      'invoice.write_off:1',
    ]);
    expect(feed.pages).toBe(3);
    expect(feed.cursor).toBe(feed.events.at(-1)?.id);
    expect(feed.events.map(client.reactionTo)).toEqual([
      'import',
      'import',
      'import',
      'reduce_claim',
      'keep_collecting',
    ]);
    expect(feed.events[3]).toMatchObject({
      clientId: company.id,
      caseNumber: 'K-2026/1',
      voucherType: 'payment',
      amount: 30_000,
      remainingAmount: 70_000,
      kid: a.kid,
      isWriteOff: false,
      isManual: false,
    });
    expect(feed.events[4]).toMatchObject({
      caseNumber: 'K-2026/1',
      voucherType: 'write_off',
      amount: 50_000,
      remainingAmount: 0,
      isWriteOff: true,
      isManual: false,
    });
    // Polling again from the kept id: nothing new, nothing repeated.
    expect((await client.readFeed(api, feed.cursor)).events).toEqual([]);
  });
});
