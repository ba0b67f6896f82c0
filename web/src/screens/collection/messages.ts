/**
 * Messages for what the server records on a case and a decision (who gave an invoice back, a case's
 * invoices and history lines, remittance statements, invoice events), spread into the app's
 * catalogues (nb.ts, en.ts) so `t()` knows them.
 */
export const recordsNb = {
  'decision.agencyUnknown': 'byrået',
  'decision.byUser': 'Valgt av bruker',
  'decision.byAgency': 'Valgt av {agency}',
  'decision.bySystem': 'Satt av systemet',
  'decision.cause.agency_rejected_invoice': 'Avvist av {agency}',
  'decision.cause.agency_rejected_case': 'Avvist av {agency} (sak {caseNumber})',
  'decision.cause.case_withdrawn': 'Sak {caseNumber} trukket av {agency}',
  'decision.cause.case_closed': 'Sak {caseNumber} avsluttet av {agency} uten full betaling',
  'decision.cause.case_paid': 'Sak {caseNumber} meldt betalt av {agency}, men noe står åpent',
  'decision.cause.handover_rejected': 'Avvist fra utkastlisten av bruker',
  'decision.cause.handover_recalled': 'Trukket tilbake fra byrået av bruker',
  'decision.withReason': '{who}: {reason}',
  'handover.endedByAgency': 'Av {agency}',
  'handover.endedByUser': 'Av bruker',

  'caseDetail.col.invoiceState': 'I saken',
  'caseDetail.invoiceState.in_case': 'I saken',
  'caseDetail.invoiceState.archived': 'Avsluttet med saken',
  'caseDetail.invoiceState.rejected': 'Gitt tilbake',
  'caseDetail.invoiceState.merged': 'Flyttet til sak {case}',
  'caseDetail.invoiceRemoved': 'Faktura {invoiceNumber} gitt tilbake',
  'caseDetail.backToList': '{invoices} tilbake til purrelisten',
  'caseDetail.noneLeft': 'Ingen fakturaer igjen i saken',
  'caseDetail.linkChanged': 'Ny lenke hos byrået',

  'settlement.voucher.title': 'Bilag {number}',
  'settlement.voucher.none': 'Ikke bokført',
  'settlement.voucher.account': 'Konto',
  'settlement.voucher.text': 'Tekst',
  'settlement.voucher.debit': 'Debet',
  'settlement.voucher.credit': 'Kredit',
  'statement.label.caseNumber': 'Saksnummer',
  'statement.label.debtorPaid': 'Innbetalt fra skyldner',
  'statement.label.salaer': 'Salær',
  'statement.label.salaerVat': 'Mva på salær',
  'statement.label.interest': 'Forsinkelsesrente',
  'statement.label.principal': 'Hovedstol',
  'statement.label.principalHeld': 'Hovedstol holdt tilbake',
  'statement.label.vatDeducted': 'Mva trukket',
  'statement.label.remitted': 'Til utbetaling',

  'event.invoice.available.agency': 'Overlevert til {agency}',
  'event.invoice.recalled.agency': 'Trukket tilbake fra {agency}',
  'event.invoice.settlement.agency': 'Oppgjør fra {agency}',
};

export type RecordsMessageKey = keyof typeof recordsNb;
