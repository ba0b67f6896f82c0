/** A customer entry that belongs to an invoice's claim without being the invoice: a reminder fee. */
export interface ClaimEntriesTable {
  company_id: string;
  posting_id: number;
  invoice_id: string;
  kind: 'reminder_fee';
}
