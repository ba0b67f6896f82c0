/**
 * Innbetalinger › «Importer bankfil» in Chromium (the real server in-process on PGlite with the
 * demo company): upload a camt.054, see its summary by rule, resolve the payment nothing matched
 * to an invoice in the dialog, and see the invoice paid (in the API: open amount 0 and an
 * invoice.payment event, which an agency holding the invoice reads in its feed), and the case it is in
 * show «Betalt direkte til oss» with the bank date; the upload's progress while the server works;
 * then a reversal of the KID payment offered and accepted (the invoice open again).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { camtDocument } from '../../src/bank/bank-file.fixtures.js';
import { createCase } from '../../src/collection/case.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import {
  describeInChromium,
  expectFits,
  kr,
  plain,
  shot,
  signIn,
  startUiWorld,
  TODAY,
  type UiWorld,
} from './harness.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface InvoiceJson {
  id: string;
  invoiceNumber: number;
  customerName: string;
  kid: string;
  openAmount: number;
  handovers?: Array<{ state: string; agencyId: string; case: { id: string } | null }>;
  events?: Array<{ type: string; amount: number }>;
}

describeInChromium('test/browser/bank-import.test.ts')(
  'Importer bankfil in Chromium',
  { timeout: budget(90_000) },
  () => {
    let ui: UiWorld;
    let page: Page;
    let companyId: string;

    const apiGet = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`/api/v1/companies/${companyId}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 60, prefix: 'innfri-bank-ui-' });
      companyId = ui.companyId;
      page = await ui.newPage();
      await signIn(page, ACCOUNTANT);
    }, budget(180_000));

    afterAll(async () => ui?.close());

    it('uploads a camt.054, shows the summary, resolves the unmatched payment to an invoice', async () => {
      const company = await apiGet<{ bankAccount: string }>('');
      const open = (await apiGet<{ data: InvoiceJson[] }>('/invoices?status=open&limit=100')).data;
      // the one to resolve by hand: an invoice with an agency when the demo has one
      const details = await Promise.all(open.slice(0, 40).map((i) => apiGet<InvoiceJson>(`/invoices/${i.id}`)));
      // (one in a case first: its case shows the direct payment)
      const byHand =
        details.find((i) => (i.handovers ?? []).some((h) => h.state === 'in_case' && h.case)) ??
        details.find((i) => (i.handovers ?? []).some((h) => h.state === 'in_case' || h.state === 'approved')) ??
        details[0]!;
      const byKid = open.find((i) => i.id !== byHand.id && i.openAmount > 10_000)!;
      // an approved handover the agency has not opened a case for yet: the agency opens it now
      const approved = (byHand.handovers ?? []).find((h) => h.state === 'approved');
      if (approved && !(byHand.handovers ?? []).some((h) => h.case))
        await inTransaction(ui.db, (trx) =>
          createCase(trx, approved.agencyId, companyId, { caseNumber: 'BANK-UI-1', invoiceIds: [byHand.id] }),
        );
      const file = camtDocument({
        message: '054',
        version: '02',
        account: company.bankAccount,
        messageId: 'UI-TEST',
        entries: [
          { ref: 'UI-1', bookingDate: TODAY, amount: 10_000, kid: byKid.kid },
          {
            ref: 'UI-2',
            bookingDate: TODAY,
            amount: byHand.openAmount,
            text: 'Innbetaling',
            debtorName: 'Ukjent Betaler',
          },
        ],
      });

      await page
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Innbetalinger', exact: true })
        .click();
      await page.getByRole('heading', { name: 'Importer bankfil' }).waitFor();
      await page.setInputFiles('#bank-file', {
        name: 'camt054-ui.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(file),
      });
      // the server's answer held back a moment: the progress shows meanwhile
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      await page.route('**/bank-imports', async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.getByTestId('bank-progress').locator('progress').waitFor();
      expect(plain(await page.getByTestId('bank-progress').textContent())).toMatch(
        /^(Laster opp: \d+ %|Leser filen og bokfører innbetalingene …)$/,
      );
      await shot(page, 'bank-00-progress');
      release();
      const summary = page.locator('.bank-summary');
      await summary.waitFor();
      await page.unroute('**/bank-imports');
      expect(plain(await summary.locator('p').first().textContent())).toBe('camt054-ui.xml: 2 transaksjoner');
      const row = (rule: string) => summary.locator(`tr[data-rule="${rule}"] td`).allTextContents();
      expect((await row('kid')).map(plain)).toEqual(['1', kr(10_000)]);
      expect((await row('unmatched')).map(plain)).toEqual(['1', kr(byHand.openAmount)]);
      await shot(page, 'bank-01-summary', true);
      await expectFits(page);

      const queued = page.locator('.bank-queue tbody tr').filter({ hasText: 'Ukjent Betaler' });
      await queued.waitFor();
      await queued.getByRole('button', { name: 'Avklar' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const picker = dialog.getByRole('combobox', { name: 'Kunde' });
      await picker.fill(byHand.customerName);
      await page
        .getByRole('option', { name: new RegExp(escapeRegExp(byHand.customerName)) })
        .first()
        .waitFor();
      await picker.press('Enter');
      await dialog.locator('#bank-resolve-invoice').selectOption(byHand.id);
      await shot(page, 'bank-02-resolve');
      await dialog.getByRole('button', { name: 'Bokfør avklaringen' }).click();
      await page.getByText(`Avklart: faktura ${byHand.invoiceNumber}`).waitFor();
      await page.locator('.bank-queue tbody tr').filter({ hasText: 'Ukjent Betaler' }).waitFor({ state: 'detached' });

      const paid = await apiGet<InvoiceJson>(`/invoices/${byHand.id}`);
      expect(paid.openAmount).toBe(0);
      expect((paid.events ?? []).filter((e) => e.type === 'invoice.payment').at(-1)?.amount).toBe(byHand.openAmount);
      const kidPaid = await apiGet<InvoiceJson>(`/invoices/${byKid.id}`);
      expect(kidPaid.openAmount).toBe(byKid.openAmount - 10_000);

      // the case of the invoice paid by hand: «Betalt direkte til oss» with the bank date
      const caseId = paid.handovers?.find((h) => h.case)?.case?.id;
      if ((byHand.handovers ?? []).length > 0) expect(caseId).toBeTruthy();
      if (caseId) {
        await page.goto(`/c/${companyId}/inkasso/sak/${caseId}`);
        const note = page.getByTestId('paid-directly-on');
        await note.waitFor();
        const [y, m, d] = TODAY.split('-');
        expect(plain(await note.textContent())).toBe(`bankdato ${d}.${m}.${y}`);
        await shot(page, 'bank-03-case-paid-directly');
        await page
          .getByRole('navigation', { name: 'Hovedmeny' })
          .getByRole('link', { name: 'Innbetalinger', exact: true })
          .click();
        await page.getByRole('heading', { name: 'Importer bankfil' }).waitFor();
      }

      // the bank takes the KID payment back: offered as a reversal, accepted once
      const reversal = camtDocument({
        message: '054',
        version: '08',
        account: company.bankAccount,
        messageId: 'UI-TEST-REV',
        entries: [
          { ref: 'UI-3', bookingDate: TODAY, amount: 10_000, direction: 'debit', reversal: true, kid: byKid.kid },
        ],
      });
      await page.setInputFiles('#bank-file', {
        name: 'camt054-retur.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(reversal),
      });
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.locator('.bank-summary[data-import-id]').filter({ hasText: 'camt054-retur.xml' }).waitFor();
      expect((await row('reversals')).map(plain)).toEqual(['1', kr(10_000)]);
      const offered = page.locator('.bank-reversals tbody tr');
      await offered.waitFor();
      await shot(page, 'bank-04-reversal');
      await offered.getByRole('button', { name: 'Godkjenn tilbakeføring' }).click();
      await page.getByText('Tilbakeføringen er bokført.').waitFor();
      await page.locator('.bank-reversals').waitFor({ state: 'detached' });
      const reopened = await apiGet<InvoiceJson>(`/invoices/${byKid.id}`);
      expect(reopened.openAmount).toBe(byKid.openAmount);
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);
