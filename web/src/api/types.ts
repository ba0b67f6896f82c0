/**
 * Names for the API's shapes that components take as props, all taken from the generated OpenAPI
 * types (openapi.gen.ts) so that a schema change shows up in `tsc -p web`. The calls' answers need
 * no names here: the typed client (client.ts) infers them from the paths. Two corrections remain
 * where the document is less exact than the server (below).
 */
import type { components, paths } from './openapi.gen.js';

type Schemas = components['schemas'];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Session = Schemas['Session'];
export type Membership = Schemas['Membership'];
export type SentLetter = Schemas['SentLetter'];
export type NextAction = Schemas['NextActionResult']['nextAction'];
export type Decision = Schemas['Decision'];
export type DecisionInput = Schemas['DecisionInput'];
export type BulkAction = Schemas['BulkAction'];
export type BulkActionKind = BulkAction['action'];
export type BulkResult = Schemas['BulkResult'];
export type Handover = Schemas['Handover'];
export type HandoverDecisionResult = Schemas['HandoverDecisionResult'];
export type CollectionCase = Schemas['CollectionCase'];
export type CompanyAgency = Schemas['CompanyAgency'];

/**
 * The document renders `decision` as a plain $ref, but the server sends null for an invoice no one
 * has decided on (ReminderListItemSchema: `DecisionSchema.nullable()`).
 */
export type ReminderListItem = Omit<Schemas['ReminderListItem'], 'decision'> & { decision: Decision | null };

/** The same for the invoice's list item, which the document renders as `ReminderListItem & (object | null)`. */
export type InvoiceDunning = Omit<Schemas['InvoiceDunning'], 'item'> & { item: ReminderListItem | null };

/** What a cursor-paged list answers (usePagedList's contract; each list's own answer is checked against it). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type HandoverList = NonNullable<paths['/companies/{companyId}/handovers']['get']['parameters']['query']>['list'];
export type CaseState = NonNullable<
  NonNullable<paths['/companies/{companyId}/cases']['get']['parameters']['query']>['state']
>;
export type HandoverCounts = JsonOf<paths['/companies/{companyId}/handovers/counts']['get']['responses'][200]>;
