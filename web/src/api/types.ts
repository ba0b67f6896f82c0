/**
 * The API's shapes as the web app uses them, taken from the generated OpenAPI types
 * (openapi.gen.ts) so that a schema change shows up in `tsc -p web`.
 */
import type { components, paths } from './openapi.gen.js';

type Schemas = components['schemas'];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Problem = Schemas['Problem'];
export type Session = Schemas['Session'];
export type User = Schemas['User'];
export type Membership = Schemas['Membership'];
export type Role = Membership['role'];
export type Letter = Schemas['Letter'];
export type SentLetter = Schemas['SentLetter'];
export type NextActionResult = Schemas['NextActionResult'];
export type NextAction = NextActionResult['nextAction'];
export type Decision = Schemas['Decision'];
export type DecisionInput = Schemas['DecisionInput'];
export type BulkAction = Schemas['BulkAction'];
export type BulkActionKind = BulkAction['action'];
export type BulkResult = Schemas['BulkResult'];
export type Handover = Schemas['Handover'];
export type CollectionCase = Schemas['CollectionCase'];
export type CompanyAgency = Schemas['CompanyAgency'];

/**
 * The document renders `decision` as a plain $ref, but the server sends null for an invoice no one
 * has decided on (ReminderListItemSchema: `DecisionSchema.nullable()`).
 */
export type ReminderListItem = Omit<Schemas['ReminderListItem'], 'decision'> & { decision: Decision | null };

export interface InvoiceDunning {
  onList: boolean;
  item: ReminderListItem | null;
  letters: Letter[];
  decisions: Decision[];
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type HandoverList = NonNullable<paths['/companies/{companyId}/handovers']['get']['parameters']['query']>['list'];
export type CaseState = NonNullable<
  NonNullable<paths['/companies/{companyId}/cases']['get']['parameters']['query']>['state']
>;
export type HandoverCounts = JsonOf<paths['/companies/{companyId}/handovers/counts']['get']['responses'][200]>;
