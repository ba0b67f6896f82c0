/**
 * Messages of the lists' search, Kunder (the customer card, the account statement) and «Til
 * behandling» (the inbox), spread into the app's catalogues (nb.ts, en.ts) by one line each.
 */
export const customersNb = {
  'search.label': 'Søk',
  'search.placeholder': 'Fakturanr., kunde, KID, saksnr. eller beløp',
  'search.none': 'Ingen treff på «{q}».',
  'search.clear': 'Tøm søket',

  'nav.inbox': 'Til behandling',
  'inbox.title': 'Til behandling',
  'inbox.intro': 'Det som venter på en avgjørelse fra deg. Hver sak forsvinner herfra når den er avgjort.',
  'inbox.countLabel': '{count} venter på behandling',
  'inbox.empty.title': 'Ingenting venter på deg',
  'inbox.empty.body':
    'Nye tvister, avvisninger fra byrået, oppgjør til godkjenning, avvik i saker, ukjente innbetalinger og utløpte «Vent» dukker opp her.',
  'inbox.truncated': 'Det er mer enn 100 av en type; de eldste 100 vises.',
  'inbox.since': 'siden {date}',
  'inbox.kind.dispute': 'Tvister',
  'inbox.kind.agency_returned': 'Avvist av byrået',
  'inbox.kind.settlement_approval': 'Oppgjør til godkjenning',
  'inbox.kind.case_money': 'Saker der beløpene ikke stemmer',
  'inbox.kind.bank_entry': 'Innbetalinger uten treff',
  'inbox.kind.wait_ended': '«Vent» som er utløpt',
  'inbox.item.dispute': 'Sak {caseNumber} · {customer}',
  'inbox.item.agency_returned': 'Faktura {invoice} · {customer}',
  'inbox.item.settlement_approval': 'Oppgjør {reference} · {amount}',
  'inbox.item.case_money': 'Sak {caseNumber} · {customer}',
  'inbox.item.bank_entry': 'Innbetaling {amount} · {customer}',
  'inbox.item.wait_ended': 'Faktura {invoice} · {customer}',
  'inbox.detail.dispute': '{agency} melder at skyldneren bestrider kravet',
  'inbox.detail.agency_returned': 'Gitt tilbake av {agency}; åpent {amount}. Velg neste steg i purrelisten.',
  'inbox.detail.settlement_approval': 'Fra {agency}: se bilaget og godkjenn eller avvis',
  'inbox.detail.case_money': '{agency} oppgir {agencyBalance}, regnskapet sier {toCollect}',
  'inbox.detail.bank_entry': 'Ingen faktura funnet ({reference}); avgjør den i køen under Innbetalinger',
  'inbox.detail.wait_ended': 'Vent til {waitUntil} er utløpt; åpent {amount}',
} as const;

export type CustomersMessageKey = keyof typeof customersNb;
