/**
 * The collection process, its steps in order, in one place. Every entry point calls them from here:
 * the accountant's routes (reminder list, handover lists, settlements), the agency API, the CLI, the
 * daily run and the demo seed. Each step keeps its rules in the file named beside it; this file
 * is the map of the process, not another layer of rules.
 *
 *   1. reminder   — letters with their fees, the accountant's decisions    (dunning: dunning.service)
 *   2. handover   — draft → approved list, reject, recall                    (handover.service)
 *   3. case       — the agency opens a case, statuses, merge, give back      (case.service)
 *   4. settlement — the agency's remittance posted, or approved first        (settlement.service)
 *   5. archive    — a case paid, withdrawn or closed ends with its handovers (case.service)
 *   and every day — waits that end, drafts approved automatically            (daily-run.service)
 *
 * Dunning sits below collection and never calls it: where a step goes back to the reminder list (a
 * rejection, a recall, a case given back), collection records the decision through dunning's
 * `recordDecision`.
 */

// 1. reminder: the list, its next action, letters, decisions («Vent», disputes, overrides).
export {
  type Actor,
  type NextAction,
  recordDecision,
  reminderListItem,
  sendLetter,
} from '../dunning/dunning.service.js';

// 2. handover: onto the draft list, approved (by hand, many at once, automatically, all eligible), rejected or recalled.
export {
  approveAllDrafts,
  approveAllEligible,
  approveHandover,
  collectionBlocker,
  decideHandovers,
  rejectHandover,
  sendToCollection,
} from './handover.service.js';

// 3. case, and 5. archive: an agency's case takes approved invoices; its closing statuses archive it.
export {
  addInvoicesToCase,
  createCase,
  mergeCases,
  rejectCase,
  rejectInvoiceByAgency,
  updateCaseStatus,
} from './case.service.js';

// 4. settlement: received from the agency, previewed, approved or rejected by the accountant.
export { approveSettlement, previewSettlement, receiveSettlement, rejectSettlement } from './settlement.service.js';

// Every day: the waits that end, and auto-approval of drafts.
export { catchUpDailyRuns, runDaily, runDailyForAllCompanies, startDailyScheduler } from './daily-run.service.js';
