/**
 * Letters by e-mail in a real browser (the real server on PGlite with the demo company and its
 * outbox worker, Chromium via playwright-core, a real SMTP receiver from `smtp-server` on a free
 * port of 127.0.0.1): an admin sets up SMTP under Innstillinger (the password sealed, never shown),
 * an accountant gives the customer an e-mail address on the invoice and sends the reminder by
 * e-mail; it arrives with the right recipient, subject, text and a PDF that reads back to the
 * letter's figures, and the invoice says it was sent. A collection notice waits for the customer's
 * agreement to electronic notices (inkassoloven § 9). Screenshots: test-results/screenshots/mail-*.png.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction.js';
import type { LetterPdfData } from '../../src/documents/pdf.js';
import { sendLetter } from '../../src/dunning/dunning.service.js';
import { createCustomer } from '../../src/sales/customer.service.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { ore } from '../../src/shared/money.js';
import { budget } from '../support/progress.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import {
  describeInChromium,
  expectFits,
  kr,
  notice,
  shot,
  signIn,
  startUiWorld,
  TODAY,
  type UiWorld,
} from './harness.js';

const SMTP_USER = 'innfri';
const SMTP_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
const spaced = (s: string) => s.replace(/\s+/g, ' ');

/** axe-core's WCAG 2.1 A/AA violations on the page as it is (rule and elements), as test/browser/a11y.test.ts runs it. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(' | ')))`,
  )) as string[];
}

describeInChromium('test/browser/letter-email.test.ts')(
  'letters by e-mail from the invoice, in Chromium',
  { timeout: budget(90_000) },
  () => {
    let ui: UiWorld;
    let smtp: TestSmtp;
    let keyBefore: string | undefined;
    let page: Page;
    let reminder: { invoiceId: string; invoiceNumber: number; kid: string; letterId: string };
    let noticeLetter: { invoiceId: string; invoiceNumber: number; letterId: string };
    const address = 'regnskap@kunde-epost.no';

    beforeAll(async () => {
      keyBefore = process.env.INNFRI_SECRET_KEY;
      process.env.INNFRI_SECRET_KEY = randomBytes(32).toString('base64');
      smtp = await startTestSmtp({ username: SMTP_USER, password: SMTP_PASSWORD });
      ui = await startUiWorld({ invoiceCount: 40, prefix: 'innfri-ui-mail-' });
      // A customer without an address, an overdue invoice with a reminder, another with a notice.
      const made = await inTransaction(ui.db, async (trx) => {
        const customer = await createCustomer(trx, ui.companyId, { type: 'company', name: 'Epostkunden AS' });
        const invoice = (dueDate: string) =>
          createInvoice(
            trx,
            ui.companyId,
            {
              customerId: customer.id,
              issueDate: '2026-09-01',
              dueDate,
              lines: [{ description: 'Rådgivning', quantity: 1, unitPrice: ore(100_000), vatRate: 25 }],
            },
            null,
          );
        const a = await invoice('2026-10-01');
        const b = await invoice('2026-09-15');
        const first = await sendLetter(
          trx,
          ui.companyId,
          b.id,
          { type: 'reminder', sendDate: '2026-10-01' },
          {
            type: 'system',
            id: null,
          },
        );
        const la = await sendLetter(
          trx,
          ui.companyId,
          a.id,
          { type: 'reminder', sendDate: TODAY },
          { type: 'system', id: null },
        );
        const lb = await sendLetter(
          trx,
          ui.companyId,
          b.id,
          { type: 'collection_notice', sendDate: TODAY },
          { type: 'system', id: null },
        );
        expect(first.type).toBe('reminder');
        return {
          reminder: { invoiceId: a.id, invoiceNumber: a.invoiceNumber, kid: a.kid, letterId: la.id },
          notice: { invoiceId: b.id, invoiceNumber: b.invoiceNumber, letterId: lb.id },
        };
      });
      reminder = made.reminder;
      noticeLetter = made.notice;
    }, budget(180_000));
    afterAll(async () => {
      await ui?.close();
      await smtp?.close();
      if (keyBefore === undefined) delete process.env.INNFRI_SECRET_KEY;
      else process.env.INNFRI_SECRET_KEY = keyBefore;
    });

    it('an admin sets up SMTP under Innstillinger; the password is sealed and never shown', async () => {
      page = await ui.newPage();
      await signIn(page, 'admin@demo.innfri.no');
      await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      const panel = page.getByTestId('mail-settings');
      await panel.getByRole('heading', { name: 'E-post (SMTP)' }).waitFor();
      await panel.getByText('E-post er ikke satt opp').waitFor();
      await panel.getByLabel('SMTP-tjener').fill('127.0.0.1');
      await panel.getByLabel('Port').fill(String(smtp.port));
      await panel.getByLabel('Kryptering').selectOption('none');
      await panel.getByLabel('Brukernavn').fill(SMTP_USER);
      await panel.getByLabel('Passord', { exact: true }).fill(SMTP_PASSWORD);
      await panel.getByLabel('Avsenderadresse').fill('purring@demo.innfri.no');
      await panel.getByLabel('Avsendernavn').fill('Demo Regnskap AS');
      await panel.getByRole('button', { name: 'Lagre e-postinnstillinger' }).click();
      await notice(page, 'E-postinnstillingene er lagret.').waitFor();
      await page
        .getByTestId('mail-settings-status')
        .filter({ hasText: `127.0.0.1:${smtp.port}` })
        .waitFor();
      await panel.getByText('Et passord er lagret').waitFor();
      expect(await panel.getByLabel('Passord', { exact: true }).inputValue()).toBe('');
      expect(await page.content()).not.toContain(SMTP_PASSWORD);
      const row = await ui.db
        .selectFrom('mail_settings')
        .select('password_sealed')
        .where('company_id', '=', ui.companyId)
        .executeTakeFirstOrThrow();
      expect(row.password_sealed).toMatch(/^enc:v1:/);
      await shot(page, 'mail-01-settings', true);
      await expectFits(page);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('gives the customer an address on the invoice and sends the reminder: it arrives with its PDF', async () => {
      await page.goto(`/c/${ui.companyId}/fakturaer/${reminder.invoiceId}`);
      const card = page.getByTestId('letter-emails');
      await card.getByRole('heading', { name: 'E-post' }).waitFor();
      await card.getByText('Kunden har ingen e-postadresse.').waitFor();
      await card.getByText(/^Inkassoloven § 9 krever/).waitFor();
      await card.getByRole('button', { name: 'Endre mottaker' }).click();
      expect(await axeViolations(page)).toEqual([]);
      await card.getByLabel('Kundens e-postadresse').fill(address);
      await card.getByRole('button', { name: 'Lagre mottaker' }).click();
      await notice(page, 'Mottakeren er lagret.').waitFor();
      await card.getByTestId('mail-recipient').filter({ hasText: address }).waitFor();

      const before = smtp.received.length;
      await card.getByRole('button', { name: /^Send purring .* på e-post$/ }).click();
      await notice(page, /er lagt i køen og sendes til regnskap@kunde-epost\.no/).waitFor();
      // The server's worker sends it; the card asks again until it is sent.
      await card.locator('[data-testid="mail-status"][data-status="sent"]').waitFor({ timeout: budget(30_000) });
      await card.getByText(/Sendt \d{2}\.\d{2}\.\d{4} til regnskap@kunde-epost\.no/).waitFor();
      expect(smtp.received.length).toBe(before + 1);
      const mail = smtp.received.at(-1)!;
      expect(smtp.envelopes.at(-1)).toEqual([address]);
      expect(smtp.logins.at(-1)).toEqual({ username: SMTP_USER, password: SMTP_PASSWORD });
      expect(mail.subject).toMatch(new RegExp(`^Purring – faktura ${reminder.invoiceNumber} fra `));
      const doc = (
        await ui.db
          .selectFrom('reminders')
          .select('document')
          .where('id', '=', reminder.letterId)
          .executeTakeFirstOrThrow()
      ).document as LetterPdfData;
      const text = spaced(mail.text ?? '');
      expect(text).toContain(`Å betale: ${spaced(kr(doc.totalToPay))}`);
      expect(text).toContain(`KID: ${reminder.kid}`);
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`purring-1-faktura-${reminder.invoiceNumber}.pdf`, 'application/pdf'],
      ]);
      const pdf = await pdfText(new Uint8Array(mail.attachments[0]!.content));
      expect(pdf).toContain(`Å betale ${spaced(kr(doc.totalToPay))}`);
      expect(pdf).toContain(reminder.kid);
      expect(pdf).toContain(String(reminder.invoiceNumber));
      await card.getByText('Forsøk').click();
      await card.getByText(/Levert · 250/).waitFor();
      // Sent once: no button to send it again.
      expect(await card.getByRole('button', { name: /^Send purring .* på e-post$/ }).count()).toBe(0);
      await shot(page, 'mail-02-sent', true);
      await expectFits(page);
      expect(await axeViolations(page)).toEqual([]);
    });

    it('holds a collection notice for post until the customer agreed to electronic notices', async () => {
      await page.goto(`/c/${ui.companyId}/fakturaer/${noticeLetter.invoiceId}`);
      const card = page.getByTestId('letter-emails');
      const row = card.locator(`tr[data-letter-id="${noticeLetter.letterId}"]`);
      await row.getByText('Bare i posten: kunden har ikke samtykket til elektronisk varsling.').waitFor();
      expect(await row.getByRole('button').count()).toBe(0);
      await card.getByRole('button', { name: 'Endre mottaker' }).click();
      await card.getByLabel('Kunden har samtykket til å motta varsler elektronisk').check();
      await card.getByLabel('Samtykket dato').fill('2026-11-02');
      await card.getByRole('button', { name: 'Lagre mottaker' }).click();
      await card.getByTestId('mail-consent').filter({ hasText: 'Ja, fra 02.11.2026' }).waitFor();
      const before = smtp.received.length;
      await row.getByRole('button', { name: /^Send inkassovarsel .* på e-post$/ }).click();
      await row.locator('[data-testid="mail-status"][data-status="sent"]').waitFor({ timeout: budget(30_000) });
      expect(smtp.received.length).toBe(before + 1);
      expect(smtp.received.at(-1)?.subject).toMatch(
        new RegExp(`^Inkassovarsel – faktura ${noticeLetter.invoiceNumber} `),
      );
      await shot(page, 'mail-03-notice', true);
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);
