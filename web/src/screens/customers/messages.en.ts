/** The search, Kunder and inbox messages in English (loaded with the English catalogue). */
import type { CustomersMessageKey } from './messages.js';

export const customersEn: Record<CustomersMessageKey, string> = {
  'search.label': 'Search',
  'search.placeholder': 'Invoice no., customer, KID, case no. or amount',
  'search.none': 'Nothing matches “{q}”.',
  'search.clear': 'Clear the search',
};
