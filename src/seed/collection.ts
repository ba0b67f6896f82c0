import { companyAgencies, createAgency, setAgencyActivation } from '../agencies/agency.service.js';
import type { Trx } from '../db/database.js';
import { type Actor, reminderList } from '../dunning/dunning.service.js';
import { addDays } from '../shared/dates.js';
import {
  approveHandover,
  collectionBlocker,
  recordDecision,
  sendLetter,
  sendToCollection,
} from '../collection/process.js';

export const DEMO_AGENCY_NAME = 'Demo Inkasso AS';

/**
 * Gives the demo company a collection history: a default agency, reminders and collection notices
 * on the older overdue invoices (dated as they would have been sent), a few invoices on the draft
 * and approved lists, one disputed and one on «Vent». Deterministic: decided by invoice number.
 */
export async function seedCollection(
  trx: Trx,
  companyId: string,
  today: string,
  progress: (m: string) => void,
): Promise<void> {
  const system: Actor = { type: 'system', id: null };
  const existing = (await companyAgencies(trx, companyId)).find((a) => a.name === DEMO_AGENCY_NAME);
  const agency = existing ?? (await createAgency(trx, { name: DEMO_AGENCY_NAME, organizationNumber: null }));
  await setAgencyActivation(trx, companyId, agency.id, { active: true, isDefault: true }, null);
  const agencyId = agency.id;

  const overdue = [];
  for (let after: { dueDate: string; entryId: number } | undefined, more = true; more; ) {
    const page = await reminderList(trx, companyId, { today, limit: 200, after });
    overdue.push(...page.items);
    more = page.next !== null;
    after = page.next ?? undefined;
  }
  let letters = 0;
  let handed = 0;
  for (const item of overdue) {
    const days = item.daysOverdue;
    const n = item.invoiceNumber;
    if (n % 17 === 0) {
      await recordDecision(
        trx,
        companyId,
        item.invoiceId,
        { disputed: true, reason: 'Kunden mener arbeidet ikke er utført som avtalt' },
        system,
      );
      continue;
    }
    if (n % 13 === 0) {
      await recordDecision(
        trx,
        companyId,
        item.invoiceId,
        { nextAction: 'wait', waitUntil: addDays(today, 10), reason: 'Kunden har lovet å betale neste uke' },
        system,
      );
      continue;
    }
    if (days >= 16 && addDays(item.dueDate, 16) <= today) {
      await sendLetter(
        trx,
        companyId,
        item.invoiceId,
        { type: 'reminder', sendDate: addDays(item.dueDate, 16) },
        system,
      );
      letters++;
    }
    // The company sends its own notices: most old claims had one (its deadline passed, so the
    // collection rules let them go); a few (every 23rd) are left with «Inkassovarsel» as next action.
    // Sent the day after the reminder's deadline (due + 30).
    if (days >= 31 && !item.notToCollection && n % 23 !== 0) {
      await sendLetter(
        trx,
        companyId,
        item.invoiceId,
        { type: 'collection_notice', sendDate: addDays(item.dueDate, 31) },
        system,
      );
      letters++;
    }
  }
  // Some of the oldest are on their way to the agency: most approved, some still drafts.
  for (const item of overdue.filter(
    (i) =>
      i.daysOverdue >= 60 &&
      i.invoiceNumber % 3 === 1 &&
      !i.notToCollection &&
      i.invoiceNumber % 17 !== 0 &&
      i.invoiceNumber % 13 !== 0,
  )) {
    // Only what the collection rules allow (the notice sent and its deadline passed, no «Vent», …).
    const blocked = await collectionBlocker(trx, companyId, item.invoiceId, today, 'eligible');
    if (blocked) continue;
    const handover = await sendToCollection(
      trx,
      companyId,
      item.invoiceId,
      { agencyId, today, step: 'eligible' },
      system,
    );
    if (Math.floor(item.invoiceNumber / 3) % 5 < 4 && handover.state === 'draft')
      await approveHandover(trx, companyId, handover.id, system, 'operator', today);
    handed++;
  }
  progress(`collection: ${letters} letters sent, ${handed} invoices handed to ${DEMO_AGENCY_NAME}`);
}
