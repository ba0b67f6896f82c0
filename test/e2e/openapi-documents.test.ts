import { describe, expect, it } from 'vitest';
import { openApiDocuments } from '../../scripts/openapi-docs.js';

/**
 * The OpenAPI documents are what agencies generate their clients from (often in C# or Java): every
 * operation needs an operationId, unique in its document, or the generator makes names up. The
 * agency API's ids are its clients' method names, so they are pinned here: renaming one breaks
 * every generated client, and must be a decision (a new API version), not a side effect.
 * `npm run lint:openapi` (Redocly) checks the same and more; this test keeps it in `npm test`.
 */

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;

interface Operation {
  key: string;
  operationId: unknown;
}

interface Document {
  info: { title: string; contact?: { name?: string; email?: string }; license?: { name?: string } };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], { operationId?: unknown }>>>;
}

function operations(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ key: `${method.toUpperCase()} ${path}`, operationId: op.operationId }] : [];
    }),
  );
}

/** The agency API's operations and their ids: the method names of every agency's generated client. */
const AGENCY_OPERATION_IDS: Record<string, string> = {
  'POST /oauth/token': 'requestAccessToken',
  'GET /agency/v1/clients': 'listClients',
  'GET /agency/v1/clients/{clientId}/available-invoices': 'listAvailableInvoices',
  'GET /agency/v1/clients/{clientId}/invoices/{invoiceId}': 'getInvoice',
  'GET /agency/v1/clients/{clientId}/invoices/{invoiceId}/matched-items': 'listMatchedItems',
  'POST /agency/v1/clients/{clientId}/invoices/{invoiceId}/reject': 'rejectInvoice',
  'POST /agency/v1/clients/{clientId}/cases': 'createCase',
  'GET /agency/v1/clients/{clientId}/cases': 'listCases',
  'GET /agency/v1/clients/{clientId}/cases/{caseNumber}': 'getCase',
  'POST /agency/v1/clients/{clientId}/cases/{caseNumber}/invoices': 'addInvoicesToCase',
  'POST /agency/v1/clients/{clientId}/cases/{caseNumber}/status': 'reportCaseStatus',
  'POST /agency/v1/clients/{clientId}/cases/{caseNumber}/reject': 'rejectCase',
  'POST /agency/v1/clients/{clientId}/cases/merge': 'mergeCases',
  'GET /agency/v1/events': 'listEvents',
  'PUT /agency/v1/webhook': 'setWebhook',
  'GET /agency/v1/webhook': 'getWebhook',
  'POST /agency/v1/clients/{clientId}/settlements': 'postSettlement',
  'GET /agency/v1/clients/{clientId}/settlements/{reference}': 'getSettlement',
};

describe('the OpenAPI documents', async () => {
  const documents = await openApiDocuments();

  it('serves both documents, each with operations', () => {
    expect(documents.map((d) => d.served)).toEqual(['/agency/v1/openapi.json', '/api/v1/openapi.json']);
    for (const { document } of documents) expect(operations(document as Document).length).toBeGreaterThan(10);
  });

  for (const { served, document } of documents) {
    it(`${served}: every operation has a camelCase operationId, unique in the document`, () => {
      const ops = operations(document as Document);
      const missing = ops.filter((op) => typeof op.operationId !== 'string').map((op) => op.key);
      expect(missing, 'operations without an operationId').toEqual([]);
      const badShape = ops.filter((op) => !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId as string));
      expect(badShape, 'operationIds that are not camelCase').toEqual([]);
      const seen = new Map<string, string[]>();
      for (const op of ops) seen.set(op.operationId as string, [...(seen.get(op.operationId as string) ?? []), op.key]);
      const duplicates = [...seen].filter(([, keys]) => keys.length > 1);
      expect(duplicates, 'operationIds used more than once').toEqual([]);
    });

    it(`${served}: names a contact and a licence`, () => {
      const { info } = document as Document;
      expect(info.contact?.name).toMatch(/\S/);
      expect(info.contact?.email).toMatch(/@/);
      expect(info.license?.name).toMatch(/\S/);
    });
  }

  it("the agency API's operationIds are exactly the pinned ones (a rename breaks agencies' generated clients)", () => {
    const agency = documents.find((d) => d.served === '/agency/v1/openapi.json');
    const actual = Object.fromEntries(
      operations(agency?.document as Document).map((op) => [op.key, op.operationId as string]),
    );
    expect(actual).toEqual(AGENCY_OPERATION_IDS);
  });
});
