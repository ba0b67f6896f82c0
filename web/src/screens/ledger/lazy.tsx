/**
 * Reskontro, Innbetalinger and Fakturaer load on first use, in chunks of their own (the main
 * bundle stays under Vite's size warning), with the app's loading state while they come.
 */
import { lazy, Suspense } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { Loading } from '../../components/Feedback.js';

const Ledger = lazy(() => import('./LedgerPage.js').then((m) => ({ default: m.LedgerPage })));
const Payments = lazy(() => import('../payments/PaymentsPage.js').then((m) => ({ default: m.PaymentsPage })));
const Invoices = lazy(() => import('../invoices/InvoicesPage.js').then((m) => ({ default: m.InvoicesPage })));

export function LedgerScreen(props: ScreenProps) {
  return (
    <Suspense fallback={<Loading />}>
      <Ledger {...props} />
    </Suspense>
  );
}

export function PaymentsScreen(props: ScreenProps) {
  return (
    <Suspense fallback={<Loading />}>
      <Payments {...props} />
    </Suspense>
  );
}

export function InvoicesScreen(props: ScreenProps) {
  return (
    <Suspense fallback={<Loading />}>
      <Invoices {...props} />
    </Suspense>
  );
}
