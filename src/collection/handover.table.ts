import type { ColumnType, Generated } from 'kysely';

/**
 * draft → approved → in_case → archived is the way to an agency; rejected (by the accountant or
 * the agency) and recalled (taken back from the approved list) send the invoice back to the
 * reminder list with next action «Vent».
 */
export type HandoverState = 'draft' | 'approved' | 'in_case' | 'archived' | 'rejected' | 'recalled';
export const ACTIVE_HANDOVER_STATES = ['draft', 'approved', 'in_case'] as const satisfies readonly HandoverState[];

export interface HandoversTable {
  company_id: string;
  id: Generated<string>;
  invoice_id: string;
  agency_id: string;
  state: HandoverState;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  approved_by: string | null;
  approved_at: Date | null;
  approval: 'user' | 'auto' | 'operator' | null;
  ended_at: Date | null;
  ended_by_type: 'user' | 'agency' | 'system' | null;
  ended_by: string | null;
  end_reason: string | null;
  case_id: string | null;
  /** Who sends the inkassovarsel: the creditor did before the handover, or the agency will (null: before 0008). */
  collection_notice_by: 'creditor' | 'agency' | null;
}
