/** The search, Kunder and inbox messages in English (loaded with the English catalogue). */
import type { CustomersMessageKey } from './messages.js';

export const customersEn: Record<CustomersMessageKey, string> = {
  'search.label': 'Search',
  'search.placeholder': 'Invoice no., customer, KID, case no. or amount',
  'search.none': 'Nothing matches “{q}”.',
  'search.clear': 'Clear the search',

  'nav.inbox': 'To do',
  'inbox.title': 'To do',
  'inbox.intro': 'What waits for your decision. Each item leaves this list once it is decided.',
  'inbox.countLabel': '{count} waiting',
  'inbox.empty.title': 'Nothing waits for you',
  'inbox.empty.body':
    'New disputes, rejections by the agency, settlements to approve, cases whose figures disagree, unmatched payments and «Vent» that ended show up here.',
  'inbox.truncated': 'A kind has more than 100 items; the oldest 100 are shown.',
  'inbox.since': 'since {date}',
  'inbox.kind.dispute': 'Disputes',
  'inbox.kind.agency_returned': 'Rejected by the agency',
  'inbox.kind.settlement_approval': 'Settlements to approve',
  'inbox.kind.case_money': 'Cases whose figures disagree',
  'inbox.kind.bank_entry': 'Unmatched payments',
  'inbox.kind.wait_ended': '«Vent» that ended',
  'inbox.item.dispute': 'Case {caseNumber} · {customer}',
  'inbox.item.agency_returned': 'Invoice {invoice} · {customer}',
  'inbox.item.settlement_approval': 'Settlement {reference} · {amount}',
  'inbox.item.case_money': 'Case {caseNumber} · {customer}',
  'inbox.item.bank_entry': 'Payment {amount} · {customer}',
  'inbox.item.wait_ended': 'Invoice {invoice} · {customer}',
  'inbox.detail.dispute': '{agency} reports that the debtor disputes the claim',
  'inbox.detail.agency_returned': 'Given back by {agency}; {amount} open. Choose the next step in the reminder list.',
  'inbox.detail.settlement_approval': 'From {agency}: check the voucher, then approve or reject',
  'inbox.detail.case_money': '{agency} reports {agencyBalance}, the books say {toCollect}',
  'inbox.detail.bank_entry': 'No invoice found ({reference}); decide it in the queue under Payments',
  'inbox.detail.wait_ended': 'The wait until {waitUntil} has ended; {amount} open',
};
