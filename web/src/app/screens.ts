/**
 * The sidebar and the screens behind it, in the order the accountant works. An entry without a
 * `screen` is not built yet and is not shown: add the component here when it exists.
 */
import type { ComponentType } from 'react';
import type { IconName } from '../components/Icon.js';
import type { MessageKey } from '../i18n/i18n.js';
import { OverviewPage } from '../screens/overview/OverviewPage.js';
import { InboxBadge } from '../screens/inbox/InboxBadge.js';
import { lazyScreen } from './lazyScreen.js';

/** What a screen gets from the route: the path segments after its own slug. */
export interface ScreenProps {
  rest: string[];
}

export interface NavEntry {
  slug: string;
  labelKey: MessageKey;
  icon: IconName;
  screen?: ComponentType<ScreenProps>;
  /** A count beside the label (the inbox's), rendered in the navigation for the current company. */
  Badge?: ComponentType<{ companyId: string }>;
}

// Oversikt is where a user lands: in the main bundle. The rest come on first use.
const ReminderListPage = lazyScreen(() =>
  import('../screens/reminder-list/ReminderListPage.js').then((m) => m.ReminderListPage),
);
const CollectionPage = lazyScreen(() =>
  import('../screens/collection/CollectionPage.js').then((m) => m.CollectionPage),
);
const LedgerScreen = lazyScreen(() => import('../screens/ledger/LedgerPage.js').then((m) => m.LedgerPage));
const PaymentsScreen = lazyScreen(() => import('../screens/payments/PaymentsPage.js').then((m) => m.PaymentsPage));
const InvoicesScreen = lazyScreen(() => import('../screens/invoices/InvoicesPage.js').then((m) => m.InvoicesPage));
const VouchersScreen = lazyScreen(() => import('../screens/vouchers/VouchersPage.js').then((m) => m.VouchersPage));
const SettlementsPage = lazyScreen(() =>
  import('../screens/settlements/SettlementsPage.js').then((m) => m.SettlementsPage),
);
const CustomersScreen = lazyScreen(() => import('../screens/customers/CustomersPage.js').then((m) => m.CustomersPage));
const InboxScreen = lazyScreen(() => import('../screens/inbox/InboxPage.js').then((m) => m.InboxPage));
const SettingsPage = lazyScreen(() => import('../screens/settings/SettingsPage.js').then((m) => m.SettingsPage));

export const NAV: readonly NavEntry[] = [
  { slug: 'oversikt', labelKey: 'nav.overview', icon: 'home', screen: OverviewPage },
  { slug: 'til-behandling', labelKey: 'nav.inbox', icon: 'tray', screen: InboxScreen, Badge: InboxBadge },
  { slug: 'purreliste', labelKey: 'nav.reminderList', icon: 'bell', screen: ReminderListPage },
  { slug: 'inkasso', labelKey: 'nav.collection', icon: 'briefcase', screen: CollectionPage },
  { slug: 'reskontro', labelKey: 'nav.ledger', icon: 'book', screen: LedgerScreen },
  { slug: 'kunder', labelKey: 'nav.customers', icon: 'users', screen: CustomersScreen },
  { slug: 'innbetalinger', labelKey: 'nav.payments', icon: 'inbox', screen: PaymentsScreen },
  { slug: 'fakturaer', labelKey: 'nav.invoices', icon: 'file', screen: InvoicesScreen },
  { slug: 'bilag', labelKey: 'nav.vouchers', icon: 'ledger', screen: VouchersScreen },
  { slug: 'oppgjor', labelKey: 'nav.settlements', icon: 'scale', screen: SettlementsPage },
  { slug: 'innstillinger', labelKey: 'nav.settings', icon: 'cog', screen: SettingsPage },
];

export const BUILT_SCREENS = NAV.filter(
  (entry): entry is NavEntry & { screen: ComponentType<ScreenProps> } => entry.screen !== undefined,
);

/** Where a signed-in user lands (the first built screen). */
export const HOME_SLUG = BUILT_SCREENS[0]?.slug ?? 'purreliste';
