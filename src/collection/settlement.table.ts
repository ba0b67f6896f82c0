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
  /** The remittance statement's lines in the order sent, null when none was sent. */
  statement: JSONColumnType<StatementLine[] | null, string | null, string | null>;
  status: SettlementStatus;
  voucher_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  reject_reason: string | null;
  created_at: ColumnType<Date, never, never>;
}

/** A settlement's line (migration 0027), and the service's working state while it checks and posts it. */
export interface SettlementLinesTable {
  settlement_id: string;
  line_no: number;
  case_number: string;
  invoice_id: string | null;
  type: SettlementLineType;
  amount: Ore;
  case_id: string | null;
  entry_id: number | null;
  customer_id: string | null;
  invoice_number: number | null;
  entry_open: Ore | null;
  entry_recoverable: Ore | null;
  receivable: Ore | null;
  recovery: Ore | null;
}

export interface SettlementCasesTable {
  settlement_id: string;
  case_id: string;
}
