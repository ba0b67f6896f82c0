/**
 * Messages of the lists' search, Kunder (the customer card, the account statement) and «Til
 * behandling» (the inbox), spread into the app's catalogues (nb.ts, en.ts) by one line each.
 */
export const customersNb = {
  'search.label': 'Søk',
  'search.placeholder': 'Fakturanr., kunde, KID, saksnr. eller beløp',
  'search.none': 'Ingen treff på «{q}».',
  'search.clear': 'Tøm søket',
} as const;

export type CustomersMessageKey = keyof typeof customersNb;
