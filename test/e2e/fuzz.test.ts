import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { openApiDocuments } from '../../scripts/openapi-docs.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import {
  makeCompany,
  makeCustomer,
  makeInvoice,
  makeUser,
  uniqueOrgnr,
  validBankAccount,
} from '../support/fixtures.js';
import { ApiClient, TEST_TODAY, useTestApp } from '../support/http.js';

/**
 * The fuzz suite of issue 12: every write endpoint of the agency API and the accountant API, as the
 * served OpenAPI documents list them (a new endpoint is fuzzed without touching this file), gets
 * bodies with wrong types, edge numbers, impossible dates, NUL and lone surrogates, 100 KB strings,
 * values nested 3 000 deep, and path parameters of wrong shapes. Seeded (fast-check, SEED) and
 * bounded (MAX_FIELD_MUTATIONS per endpoint), so the same requests go out on every run.
 *
 * Asserted: no answer is 500 or above; every 4xx is problem+json with its status and a code; and
 * after every refused request the stored state (ledger, open items, cases, handovers, settlements,
 * the event feed, …: `snapshot`) is exactly as before. A request that is accepted (2xx) may change
 * state; the snapshot is taken again after it.
 */

const SEED = 20_261_202;
/** Field mutations drawn per endpoint beside the core ones (of every field × its other edge values). */
const MAX_DRAWN_MUTATIONS = 16;

/**
 * 500s that other branches are fixing (issue 12): each is recorded, not failed, while its entry is
 * here, and the suite fails when one no longer happens, so that its entry is taken out. Empty the
 * list as those fixes land; anything else that answers >= 500 fails the suite.
 */
const KNOWN_500S: ReadonlyArray<{ finding: string; matches: (m: Mutation) => boolean }> = [
  // Empty: the findings of issue 12 that answered 500 are fixed. Add one here only with its issue.
];

// ---------------------------------------------------------------------------------------------
// The values

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Placeholders replaced in the JSON text (JSON.stringify cannot make these). */
const DEEP_ARRAY = '\u0001deep-array\u0001';
const DEEP_OBJECT = '\u0001deep-object\u0001';
const DEPTH = 3000;
const RAW: Record<string, string> = {
  [JSON.stringify(DEEP_ARRAY)]: `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  [JSON.stringify(DEEP_OBJECT)]: `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
};

interface Edge {
  label: string;
  value: Json;
}

const e = (label: string, value: Json): Edge => ({ label, value });
const LONG = 'x'.repeat(100 * 1024);

const STRING_EDGES: Edge[] = [
  e('NUL', 'a\u0000b'),
  e('NUL only', '\u0000'),
  e('lone high surrogate', 'a\ud800b'),
  e('lone low surrogate', '\udfff'),
  e('100 KB string', LONG),
  e('empty string', ''),
  e('spaces', '   '),
  e('percent', 'agc_%'),
  e('not a uuid', 'not-a-uuid'),
];
const NUMBER_EDGES: Edge[] = [
  e('0', 0),
  e('-1', -1),
  e('2^53', 2 ** 53),
  e('-2^53', -(2 ** 53)),
  e('1e308', 1e308),
  e('1e16', 1e16),
  e('float øre 1.5', 1.5),
  e('float 0.1', 0.1),
  e('NaN as string', 'NaN'),
  e('Infinity as string', 'Infinity'),
  e('number as string', '100'),
];
const DATE_EDGES: Edge[] = [
  e('date 0000-01-01', '0000-01-01'),
  e('date 0001-01-01', '0001-01-01'),
  e('date 1899-12-31', '1899-12-31'),
  e('date 9999-12-31', '9999-12-31'),
  e('date 2026-02-30', '2026-02-30'),
  e('date 2026-13-01', '2026-13-01'),
  e('date with time', '2026-11-20T00:00:00Z'),
  e('date 20261120', '20261120'),
];
const WRONG_TYPES: Edge[] = [
  e('null', null),
  e('true', true),
  e('number', 1),
  e('string', 'x'),
  e('empty array', []),
  e('empty object', {}),
  e('array nested 3000 deep', DEEP_ARRAY),
  e('object nested 3000 deep', DEEP_OBJECT),
];
const PATH_EDGES: string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'a%00b',
  '%ZZ',
  '%ED%A0%80',
  '..%2F..%2Fetc',
  '1e308',
  'x'.repeat(3000),
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The edge values for a field whose valid value is `value`: its own kind's, then wrong types. */
function edgesFor(value: Json): Edge[] {
  if (typeof value === 'string') return [...(DATE.test(value) ? DATE_EDGES : []), ...STRING_EDGES, ...WRONG_TYPES];
  if (typeof value === 'number') return [...NUMBER_EDGES, ...WRONG_TYPES];
  if (typeof value === 'boolean') return [e('"true"', 'true'), e('0', 0), ...WRONG_TYPES];
  return WRONG_TYPES.filter((w) => !(Array.isArray(value) && Array.isArray(w.value)));
}

/** The edges issue 12 names, tried on every field of their kind (the others are drawn by the seed). */
function coreEdgesFor(value: Json): Edge[] {
  const pick = (edges: Edge[], labels: string[]) => edges.filter((edge) => labels.includes(edge.label));
  if (typeof value === 'string')
    return [
      ...(DATE.test(value) ? pick(DATE_EDGES, ['date 0000-01-01', 'date 9999-12-31', 'date 2026-02-30']) : []),
      ...pick(STRING_EDGES, ['NUL', 'lone high surrogate', '100 KB string']),
    ];
  if (typeof value === 'number') return pick(NUMBER_EDGES, ['2^53', '1e308', 'float øre 1.5', 'NaN as string']);
  if (value !== null && typeof value === 'object') return pick(WRONG_TYPES, ['array nested 3000 deep']);
  return [];
}

/** Random values from fast-check's own generators, for a few more mutations per endpoint. */
const randomValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom<Json>('NaN', '-0', '1e999', '9007199254740993', true, false, null),
);

// ---------------------------------------------------------------------------------------------
// The requests

interface Mutation {
  operationId: string;
  method: string;
  /** The path template, e.g. /agency/v1/clients/{clientId}/cases. */
  template: string;
  kind: 'body' | 'field' | 'path' | 'header';
  /** The field (a.b[0].c), the path parameter or the header mutated; '' for the whole body. */
  where: string;
  label: string;
}

interface Operation {
  operationId: string;
  method: string;
  template: string;
  api: 'agency' | 'accountant';
  bodyType: 'json' | 'form' | null;
  pathParams: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Array<{ in: string; name: string }>;
        requestBody?: { content: Record<string, unknown> };
      }
    >
  >;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

function writeOperations(document: OpenApiDocument, api: Operation['api'], prefix: string): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const content = Object.keys(op.requestBody?.content ?? {});
      ops.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        template: path.startsWith('/agency/') || path.startsWith('/oauth/') ? path : `${prefix}${path}`,
        api,
        bodyType: content.includes('application/json')
          ? 'json'
          : content.includes('application/x-www-form-urlencoded')
            ? 'form'
            : null,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return ops;
}

/** Every place in a body: a dotted path and the value there (the containers too). */
function places(value: Json, at: Array<string | number> = []): Array<{ at: Array<string | number>; value: Json }> {
  const here = at.length > 0 ? [{ at, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...at, k]))];
  return here;
}

function setAt(body: Json, at: Array<string | number>, value: Json): Json {
  const copy = structuredClone(body);
  let node = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[at[at.length - 1] as string | number] = value;
  return copy;
}

const label = (at: Array<string | number>) =>
  at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

function toJsonText(body: Json): string {
  let text = JSON.stringify(body);
  for (const [placeholder, raw] of Object.entries(RAW)) text = text.split(placeholder).join(raw);
  return text;
}

function seedOf(operationId: string): number {
  return SEED ^ createHash('sha256').update(operationId).digest().readUInt32BE(0);
}

// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)('fuzzing every write endpoint on %s', (backend) => {
  const ctx = useTestApp(backend, {
    agencyRatePerSecond: 1_000_000,
    agencyRateBurst: 1_000_000,
    allowPrivateWebhooks: true,
  });

  /** Every table a write can touch, as one row per table: its row count and a hash of its rows. */
  const SNAPSHOT_TABLES = [
    'companies',
    'accounts',
    'memberships',
    'customers',
    'invoices',
    'invoice_lines',
    'credit_notes',
    'credit_note_lines',
    'payments',
    'vouchers',
    'postings',
    'open_items',
    'matches',
    'invoice_events',
    'company_event_counters',
    'agency_event_counters',
    'idempotency_keys',
    'dunning_settings',
    'reminders',
    'dunning_decisions',
    'daily_runs',
    'handovers',
    'agency_activations',
    'cases',
    'case_history',
    'settlements',
    'settlement_cases',
    'webhook_subscriptions',
  ];
  const SNAPSHOT_SQL = SNAPSHOT_TABLES.map(
    (t) =>
      `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`,
  ).join(' union all ');

  async function snapshot(): Promise<Record<string, string>> {
    const { rows } = await sql<{ t: string; n: number; h: string }>`${sql.raw(SNAPSHOT_SQL)}`.execute(ctx.db);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n} rows ${r.h}`]));
  }

  it('answers every mutated request below 500, every 4xx as problem+json, and stores nothing on a 4xx', {
    timeout: 600_000,
  }, async () => {
    // --- the world: a company with an agency, invoices on its approved list, cases, a pending settlement
    const company = await makeCompany(ctx.db, { name: 'Fuzz AS', sendsOwnCollectionNotice: false });
    const admin = await makeUser(ctx.db, company.id, 'admin');
    const accountant = new ApiClient(ctx.app);
    expect((await accountant.login(admin.email, admin.password)).status).toBe(200);
    const credentials = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Fuzz Inkasso AS' }),
    );
    const agencyId = credentials.agency.id;
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, agencyId, { active: true, isDefault: true }, null),
    );
    const agency = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    expect((await agency.authenticate()).status).toBe(200);
    const customer = await makeCustomer(ctx.db, company.id, { name: 'Skyldner AS' });
    const invoices = [];
    for (let i = 0; i < 9; i++)
      invoices.push(
        await makeInvoice(ctx.db, company.id, customer.id, 100_000, { issueDate: '2026-09-01', dueDate: '2026-09-15' }),
      );
    const system = { type: 'user' as const, id: null };
    const [inCase1, inCase2, forNewCase, toReject, toAdd, free, forDraft, forLetters, spare] = invoices.map(
      (i) => i.id,
    ) as [string, string, string, string, string, string, string, string, string];
    for (const id of [inCase1, inCase2, forNewCase, toReject, toAdd, spare])
      await inTransaction(ctx.db, async (trx) => {
        const draft = await sendToCollection(trx, company.id, id, { agencyId, today: TEST_TODAY }, system);
        await approveHandover(trx, company.id, draft.id, system);
      });
    const draft = await inTransaction(ctx.db, (trx) =>
      sendToCollection(trx, company.id, forDraft, { agencyId, today: TEST_TODAY }, system),
    );
    const c = `/clients/${company.id}`;
    expect((await agency.post(`${c}/cases`, { caseNumber: 'FZ-1', invoiceIds: [inCase1] })).status).toBe(201);
    expect((await agency.post(`${c}/cases`, { caseNumber: 'FZ-2', invoiceIds: [inCase2] })).status).toBe(201);
    const companyPath = `/companies/${company.id}`;
    expect((await accountant.patch(`${companyPath}/dunning-settings`, { settlementsNeedApproval: true })).status).toBe(
      200,
    );
    const settlementBody = (n: number): Json => ({
      reference: `FZ-S-${n}`,
      settlementDate: '2026-11-19',
      bankAmount: 1000,
      lines: [{ caseNumber: 'FZ-1', invoiceId: inCase1, type: 'principal', amount: 1000 }],
      statement: { 'Innbetalt fra skyldner': 1000, Merknad: 'Delbetaling' },
    });
    const pending = await agency.post(`${c}/settlements`, settlementBody(0));
    expect(pending.status, JSON.stringify(pending.body)).toBe(201);
    const pendingId = (await ctx.db.selectFrom('settlements').select('id').executeTakeFirstOrThrow()).id;
    const payment = await accountant.post(`${companyPath}/payments`, {
      amount: 500,
      paymentDate: TEST_TODAY,
      invoiceId: free,
    });
    expect(payment.status, JSON.stringify(payment.body)).toBe(201);
    const manual = await accountant.post(`${companyPath}/vouchers`, {
      date: TEST_TODAY,
      description: 'Fuzz',
      lines: [
        { account: 1920, side: 'debit', amount: 100 },
        { account: 3000, side: 'credit', amount: 100 },
      ],
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    const manualVoucherId = (manual.body as { id: string }).id;
    const match = await ctx.db
      .selectFrom('matches')
      .select('id')
      .where('company_id', '=', company.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const receivable = await ctx.db
      .selectFrom('postings')
      .select(['id', 'amount'])
      .where('company_id', '=', company.id)
      .where('account', '=', 1500)
      .execute();
    const debitEntryId = receivable.find((p) => Number(p.amount) > 0)?.id;
    const creditEntryId = receivable.find((p) => Number(p.amount) < 0)?.id;

    /** Path parameters by name (an unknown name gets a fresh uuid: not found, but shaped right). */
    const pathValues: Record<string, string> = {
      clientId: company.id,
      companyId: company.id,
      invoiceId: free,
      caseNumber: 'FZ-1',
      customerId: customer.id,
      voucherId: manualVoucherId,
      matchId: String(match.id),
      handoverId: draft.id,
      agencyId,
      settlementId: pendingId,
      reference: 'FZ-S-0',
    };
    /** Per operation: path parameters other than the defaults. */
    const pathOverrides: Record<string, Record<string, string>> = {
      rejectInvoice: { invoiceId: toReject },
      rejectCase: { caseNumber: 'FZ-2' },
      sendLetter: { invoiceId: forLetters },
      setNextAction: { invoiceId: forLetters },
      setDispute: { invoiceId: forLetters },
    };

    /** A body the endpoint would take (n makes identifiers fresh, so a repeat is not a conflict). */
    const validBodies: Record<string, (n: number) => Json> = {
      requestAccessToken: () => ({
        grant_type: 'client_credentials',
        client_id: credentials.agency.clientId,
        client_secret: 'wrong-secret',
      }),
      rejectInvoice: () => ({ reason: 'Utenfor vårt område' }),
      createCase: (n) => ({
        caseNumber: `FZ-N-${n}`,
        invoiceIds: [forNewCase],
        url: 'https://inkasso.example/sak/1',
        status: 'registered',
        statusText: 'Registrert',
      }),
      addInvoicesToCase: () => ({ invoiceIds: [toAdd] }),
      reportCaseStatus: () => ({
        status: 'legal',
        statusText: 'Forliksrådet',
        agencyBalance: 1000,
        url: 'https://inkasso.example/sak/1',
      }),
      rejectCase: () => ({ reason: 'Foreldet' }),
      mergeCases: () => ({ caseNumbers: ['FZ-1', 'FZ-2'], into: 'FZ-1' }),
      setWebhook: () => ({ url: 'http://127.0.0.1:9/hook', secret: `whsec_${'a'.repeat(32)}` }),
      postSettlement: (n) => settlementBody(n),
      login: () => ({ email: 'nobody@example.no', password: 'not the password' }),
      createCompany: () => ({
        name: 'Fuzz Ny AS',
        organizationNumber: uniqueOrgnr(),
        bankAccount: validBankAccount(),
        vatRegistered: true,
        kidAlgorithm: 'mod10',
        address: { line: 'Gate 1', postalCode: '0150', city: 'Oslo' },
      }),
      updateCompany: () => ({ name: 'Fuzz AS', address: { line: 'Gate 1', postalCode: '0150', city: 'Oslo' } }),
      createAccount: (n) => ({ number: 3900 + (n % 90), name: 'Fuzzinntekt' }),
      setUserRole: (n) => ({ email: `fuzz${n}@example.no`, name: 'Fuzz', role: 'viewer' }),
      createCustomer: () => ({
        type: 'company',
        name: 'Fuzz Kunde AS',
        address: { line: 'Vei 2', postalCode: '5003', city: 'Bergen', country: 'NO' },
        email: 'kunde@example.no',
      }),
      updateCustomer: () => ({ name: 'Skyldner AS', email: 'skyldner@example.no', notToCollection: false }),
      putMailSettings: () => ({
        host: 'smtp.example.no',
        port: 587,
        tlsMode: 'starttls',
        username: 'innfri',
        password: 'hemmelig',
        fromAddress: 'purring@example.no',
        fromName: 'Fuzz AS',
        delivery: 'manual',
      }),
      createInvoice: () => ({
        customerId: customer.id,
        issueDate: '2026-11-01',
        dueDate: '2026-11-15',
        description: 'Fuzz',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 10_000, vatRate: 25 }],
      }),
      createCreditNote: () => ({
        issueDate: TEST_TODAY,
        reason: 'Feil',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 10, vatRate: 25 }],
      }),
      writeOffInvoice: () => ({ date: TEST_TODAY, amount: 10, reason: 'Tap' }),
      registerPayment: () => ({ amount: 10, paymentDate: TEST_TODAY, invoiceId: free, reference: 'Bank' }),
      createManualVoucher: () => ({
        date: TEST_TODAY,
        description: 'Fuzz',
        lines: [
          { account: 1920, side: 'debit', amount: 100 },
          { account: 3000, side: 'credit', amount: 100 },
        ],
      }),
      reverseVoucher: () => ({ date: TEST_TODAY }),
      createMatch: () => ({ debitEntryId: debitEntryId ?? 1, creditEntryId: creditEntryId ?? 2, amount: 1 }),
      updateDunningSettings: () => ({ firstReminderAfterDays: 14, remindersBeforeCollection: 1 }),
      setNextAction: () => ({ nextAction: 'wait', waitUntil: '2026-12-01', reason: 'Avtale' }),
      setDispute: () => ({ disputed: false, reason: 'Ingen tvist' }),
      sendLetter: () => ({ type: 'reminder', sendDate: TEST_TODAY, channel: 'letter' }),
      applyReminderListActions: () => ({
        invoiceIds: [forLetters],
        action: 'wait',
        waitUntil: '2026-12-01',
        reason: 'Avtale',
      }),
      sendToCollection: () => ({ agencyId }),
      rejectHandover: () => ({ reason: 'Ikke ennå' }),
      setAgencyActivation: () => ({ active: true, isDefault: true }),
      rejectSettlement: () => ({ reason: 'Feil beløp' }),
    };
    // Signing out would end the session the rest of the suite writes with; it takes no input.
    const NOT_FUZZED = new Set(['logout']);
    // Whose success uses up what the others need: last.
    const LAST = [
      'mergeCases',
      'rejectCase',
      'rejectInvoice',
      'approveSettlement',
      'rejectSettlement',
      'approveHandover',
      'rejectHandover',
    ];

    const documents = await openApiDocuments();
    const agencyDoc = documents.find((d) => d.served === '/agency/v1/openapi.json')?.document as OpenApiDocument;
    const apiDoc = documents.find((d) => d.served === '/api/v1/openapi.json')?.document as OpenApiDocument;
    const operations = [
      ...writeOperations(agencyDoc, 'agency', ''),
      ...writeOperations(apiDoc, 'accountant', '/api/v1'),
    ]
      .filter((op) => !NOT_FUZZED.has(op.operationId))
      .sort((a, b) => LAST.indexOf(a.operationId) - LAST.indexOf(b.operationId));
    expect(operations.length).toBeGreaterThan(35);

    // --- the run
    const failures: string[] = [];
    const known = new Map<string, number>();
    const answered = new Map<number, number>();
    /** Operations that took at least one request (2xx): their mutations reached past the validation. */
    const accepted = new Set<string>();
    let baseline = await snapshot();
    let n = 0;
    let requests = 0;

    async function send(
      op: Operation,
      mutation: Mutation,
      params: Record<string, string>,
      body: { text: string; type: string } | null,
      headers: Record<string, string> = {},
    ): Promise<void> {
      requests += 1;
      const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
      const h = new Headers(headers);
      if (body) h.set('content-type', body.type);
      if (op.api === 'accountant') {
        h.set('cookie', `innfri_session=${accountant.sessionToken}`);
        h.set('x-csrf-token', accountant.csrfToken ?? '');
      } else if (!h.has('authorization') && op.operationId !== 'requestAccessToken')
        h.set('authorization', `Bearer ${agency.token}`);
      const init: RequestInit = { method: op.method, headers: h };
      if (body) init.body = body.text;
      const res = await ctx.app.request(`http://localhost${path}`, init);
      const text = await res.text();
      answered.set(res.status, (answered.get(res.status) ?? 0) + 1);
      if (res.status < 300) accepted.add(op.operationId);
      const what = `${op.method} ${op.template} [${mutation.kind} ${mutation.where || '(body)'}: ${mutation.label}]`;
      if (res.status >= 500) {
        const entry = KNOWN_500S.find((k) => k.matches(mutation));
        if (entry) known.set(entry.finding, (known.get(entry.finding) ?? 0) + 1);
        else failures.push(`${res.status} on ${what}: ${text.slice(0, 300)}`);
      }
      if (res.status >= 400 && res.status < 500) {
        const type = res.headers.get('content-type') ?? '';
        let problem: { status?: unknown; code?: unknown } = {};
        try {
          problem = JSON.parse(text) as typeof problem;
        } catch {}
        if (!type.startsWith('application/problem+json') || problem.status !== res.status || !problem.code)
          failures.push(`${res.status} not problem+json on ${what}: ${type} ${text.slice(0, 200)}`);
      }
      const after = await snapshot();
      if (res.status >= 400) {
        const changed = Object.keys(after).filter((t) => after[t] !== baseline[t]);
        if (changed.length > 0) failures.push(`${res.status} on ${what} changed ${changed.join(', ')}`);
      }
      baseline = after;
    }

    for (const op of operations) {
      const params = { ...pathValues, ...pathOverrides[op.operationId] };
      const base = validBodies[op.operationId] ?? (() => ({}));
      const m = (kind: Mutation['kind'], where: string, lbl: string): Mutation => ({
        operationId: op.operationId,
        method: op.method,
        template: op.template,
        kind,
        where,
        label: lbl,
      });
      const json = (body: Json) => ({ text: toJsonText(body), type: 'application/json' });
      const form = (body: Json) => {
        const type = 'application/x-www-form-urlencoded';
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return { text: toJsonText(body), type };
        const f = new URLSearchParams();
        for (const [k, v] of Object.entries(body)) f.set(k, typeof v === 'string' ? v : toJsonText(v));
        return { text: f.toString(), type };
      };
      const encode = op.bodyType === 'form' ? form : json;

      if (op.bodyType !== null) {
        // Whole bodies of the wrong kind.
        for (const edge of WRONG_TYPES) await send(op, m('body', '', edge.label), params, encode(edge.value));
        await send(op, m('body', '', 'malformed JSON'), params, { text: '{"a":', type: 'application/json' });
        await send(op, m('body', '', 'unknown field'), params, encode({ ...(base(++n) as object), zz: 1 }));
        // One field at a time: the edges of issue 12 on every field (CORE_EDGES), and more drawn
        // with the seed from every field × its other edge values.
        const fields = places(base(0));
        const core = fields.flatMap((p) => coreEdgesFor(p.value).map((edge) => ({ at: p.at, edge })));
        const rest = fields.flatMap((p) =>
          edgesFor(p.value)
            .filter((edge) => !coreEdgesFor(p.value).includes(edge))
            .map((edge) => ({ at: p.at, edge })),
        );
        const size = Math.min(rest.length, MAX_DRAWN_MUTATIONS);
        const drawn = [
          ...core,
          ...(fc.sample(fc.shuffledSubarray(rest, { minLength: size, maxLength: size }), {
            seed: seedOf(op.operationId),
            numRuns: 1,
          })[0] ?? []),
        ];
        const leaves = places(base(0)).filter((p) => p.value === null || typeof p.value !== 'object');
        const randoms = fc.sample(fc.tuple(fc.nat(), randomValue), {
          seed: seedOf(op.operationId) + 1,
          numRuns: leaves.length > 0 ? 4 : 0,
        });
        const mutations = [
          ...(drawn ?? []).map((d) => ({ at: d.at, edge: d.edge })),
          ...randoms.map(([i, value]) => ({
            at: (leaves[i % leaves.length] as { at: Array<string | number> }).at,
            edge: e(`random ${JSON.stringify(value)?.slice(0, 40)}`, value),
          })),
        ];
        for (const { at, edge } of mutations)
          await send(op, m('field', label(at), edge.label), params, encode(setAt(base(++n), at, edge.value)));
      }
      // Path parameters of wrong shapes, the rest of the request as it should be.
      for (const name of op.pathParams)
        for (const bad of PATH_EDGES)
          await send(
            op,
            m('path', name, bad.length > 40 ? `${bad.slice(0, 10)}… (${bad.length})` : bad),
            { ...params, [name]: bad },
            op.bodyType ? encode(base(++n)) : null,
          );
      if (op.operationId === 'requestAccessToken') {
        // The client id and secret as HTTP Basic, in shapes a client should never send.
        const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
        const headers: Array<[string, string]> = [
          ['Basic agc_%', basic('agc_%:secret')],
          ['Basic agc_%ZZ', basic('agc_%ZZ:%')],
          ['Basic without colon', basic('agc_only')],
          ['Basic not base64', 'Basic !!!not-base64!!!'],
          ['Basic empty', 'Basic '],
          ['Basic NUL', basic('agc\u0000:\u0000')],
          ['Basic 8 KB id', basic(`${'a'.repeat(8192)}:x`)],
          ['Bearer instead', 'Bearer x'],
        ];
        for (const [lbl, value] of headers)
          await send(op, m('header', 'authorization', lbl), params, form({ grant_type: 'client_credentials' }), {
            authorization: value,
          });
      }
    }

    for (const entry of KNOWN_500S)
      if (!known.has(entry.finding))
        failures.push(`known 500 no longer happens: take "${entry.finding}" out of KNOWN_500S`);
    console.log(
      `fuzz on ${backend}: ${requests} requests over ${operations.length} write endpoints; answers ${JSON.stringify(
        Object.fromEntries([...answered].sort(([a], [b]) => a - b)),
      )}; known 500s ${JSON.stringify(Object.fromEntries(known))}; never accepted: ${operations
        .map((op) => op.operationId)
        .filter((id) => !accepted.has(id))
        .join(', ')}`,
    );
    expect(failures).toEqual([]);
  });
});
