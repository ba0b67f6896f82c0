import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Ore } from '../shared/money.js';
import type { StatementLine } from './statement.js';

export const SETTLEMENT_LINE_TYPES = ['principal', 'interest', 'fee', 'cost', 'vat'] as const;
export type SettlementLineType = (typeof SETTLEMENT_LINE_TYPES)[number];

export interface SettlementLine {
  caseNumber: string;
  invoiceId?: string | undefined;
  type: SettlementLineType;
  /** Checked on receipt (1 to MAX_AMOUNT øre) before it is stored, so the stored JSON holds an Ore too. */
  amount: Ore;
}

export type SettlementStatus = 'pending_approval' | 'posted' | 'rejected';

export interface SettlementsTable {
  company_id: string;
  id: Generated<string>;
  agency_id: string;
  reference: string;
  request_hash: string;
  settlement_date: string;
  bank_amount: Ore;
  lines: JSONColumnType<SettlementLine[]>;
  /** The remittance statement's lines in the order sent, null when none was sent. */
  statement: JSONColumnType<StatementLine[] | null, string | null, string | null>;
  status: SettlementStatus;
  voucher_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  reject_reason: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface SettlementCasesTable {
  settlement_id: string;
  case_id: string;
}
