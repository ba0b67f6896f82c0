/**
 * The warnings a manual match can answer. The ledger declares the channel (its match API carries
 * them); the collection module decides when they apply (`collection/manual-match.ts`), since only it
 * knows which invoices are with an agency.
 */
export const WARNING_CODES = ['invoice_in_collection', 'loss_in_manual_voucher'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  message: string;
}
