/** Reskontro: moves each fee item right after its invoice's row where that row is in the list; the rest keep their order. */
export function besideTheirInvoice<
  T extends { entryId: number; voucherType: string; invoiceId: string | null; claimInvoiceId: string | null },
>(items: T[]): T[] {
  const invoices = new Set(items.filter((i) => i.voucherType === 'invoice' && i.invoiceId).map((i) => i.invoiceId));
  const moved = (i: T) => i.claimInvoiceId !== null && invoices.has(i.claimInvoiceId);
  return items.flatMap((i) =>
    moved(i)
      ? []
      : i.voucherType === 'invoice' && i.invoiceId
        ? [i, ...items.filter((f) => moved(f) && f.claimInvoiceId === i.invoiceId)]
        : [i],
  );
}
