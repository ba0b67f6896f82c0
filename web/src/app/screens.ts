/**
 * The sidebar and the screens behind it, in the order the accountant works. An entry without a
 * `screen` is not built yet and is not shown: add the component here when it exists.
 */
import type { ComponentType } from 'react';
import type { IconName } from '../components/Icon.js';
import type { MessageKey } from '../i18n/i18n.js';
import { CollectionPage } from '../screens/collection/CollectionPage.js';
import { ReminderListPage } from '../screens/reminder-list/ReminderListPage.js';
import { InvoicesScreen, LedgerScreen, PaymentsScreen } from '../screens/ledger/lazy.js';
import { OverviewPage } from '../screens/overview/OverviewPage.js';
import { SettingsPage } from '../screens/settings/SettingsPage.js';
import { SettlementsPage } from '../screens/settlements/SettlementsPage.js';

/** What a screen gets from the route: the path segments after its own slug. */
export interface ScreenProps {
  rest: string[];
}

export interface NavEntry {
  slug: string;
  labelKey: MessageKey;
  icon: IconName;
  screen?: ComponentType<ScreenProps>;
}

export const NAV: readonly NavEntry[] = [
  { slug: 'oversikt', labelKey: 'nav.overview', icon: 'home', screen: OverviewPage },
  { slug: 'purreliste', labelKey: 'nav.reminderList', icon: 'bell', screen: ReminderListPage },
  { slug: 'inkasso', labelKey: 'nav.collection', icon: 'briefcase', screen: CollectionPage },
  { slug: 'reskontro', labelKey: 'nav.ledger', icon: 'book', screen: LedgerScreen },
  { slug: 'innbetalinger', labelKey: 'nav.payments', icon: 'inbox', screen: PaymentsScreen },
  { slug: 'fakturaer', labelKey: 'nav.invoices', icon: 'file', screen: InvoicesScreen },
  { slug: 'oppgjor', labelKey: 'nav.settlements', icon: 'scale', screen: SettlementsPage },
  { slug: 'innstillinger', labelKey: 'nav.settings', icon: 'cog', screen: SettingsPage },
];

export const BUILT_SCREENS = NAV.filter((entry): entry is NavEntry & { screen: ComponentType<ScreenProps> } => entry.screen !== undefined);

/** Where a signed-in user lands (the first built screen). */
export const HOME_SLUG = BUILT_SCREENS[0]?.slug ?? 'purreliste';
