import type { components, paths } from './generated/agency-api.js';

export type { components, paths };

type Schemas = components['schemas'];

/** A company (creditor, «klient») that has activated the agency. */
export type Client = Schemas['Client'];
/** An invoice handed to the agency, as the agency sees it. Amounts in øre. */
export type Invoice = Schemas['Invoice'];
export type MatchedItem = Schemas['MatchedItem'];
export type Case = Schemas['Case'];
/** A status the agency can report (the `rejected` status of a case comes only from the reject call). */
export type CaseStatus = Schemas['StatusUpdate']['status'];
export type NewCase = Schemas['NewCase'];
export type StatusUpdate = Schemas['StatusUpdate'];
export type Merge = Schemas['Merge'];
/**
 * An event of the feed (and the body of a webhook delivery). New `type`s may be added by the
 * server: a `switch` over `type` needs a `default` that ignores what it does not know.
 */
export type AgencyEvent = Schemas['Event'];
export type AgencyEventType = AgencyEvent['type'];
export type NewSettlement = Schemas['NewSettlement'];
export type SettlementLine = NewSettlement['lines'][number];
/** A line of a remittance statement: a label and an amount in øre, or a text. */
export type StatementLine = Schemas['StatementLine'];
export type Settlement = Schemas['Settlement'];
/** RFC 9457 problem+json with Innfri's machine-readable `code` (and extra fields per code). */
export type Problem = Schemas['Problem'];
export type Token = Schemas['Token'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
