import type { AccountsTable, CompaniesTable } from '../tenancy/company.table.js';
import type { MembershipsTable, SessionsTable, UsersTable } from '../tenancy/user.table.js';
import type { LoginThrottleTable } from '../tenancy/login-throttle.table.js';
import type { RateLimitsTable } from '../http/rate-limit.table.js';
import type { CustomersTable } from '../sales/customer.table.js';
import type {
  CreditNoteLinesTable,
  CreditNotesTable,
  InvoiceLinesTable,
  InvoicesTable,
} from '../sales/invoice.table.js';
import type { PaymentsTable } from '../sales/payment.table.js';
import type { NumberSeriesTable, PostingsTable, VouchersTable } from '../ledger/voucher.table.js';
import type { MatchesTable, OpenItemsTable } from '../ledger/open-item.table.js';
import type { ClaimEntriesTable } from '../ledger/claim-entry.table.js';
import type {
  AgencyEventCountersTable,
  CompanyEventCountersTable,
  InvoiceEventsTable,
} from '../ledger/invoice-event.table.js';
import type { IdempotencyKeysTable } from '../http/idempotency.table.js';
import type {
  DailyRunsTable,
  DunningDecisionsTable,
  DunningLatestDecisionsTable,
  DunningSettingsTable,
  LegalRatesTable,
  RemindersTable,
} from '../dunning/dunning.table.js';
import type {
  AgenciesTable,
  AgencyActivationsTable,
  AgencySecretsTable,
  AgencyTokensTable,
  WebhookAttemptsTable,
  WebhookSubscriptionsTable,
} from '../agencies/agency.table.js';
import type { CaseHistoryTable, CaseInvoicesTable, CasesTable } from '../collection/case.table.js';
import type { SettlementCasesTable, SettlementLinesTable, SettlementsTable } from '../collection/settlement.table.js';
import type { HandoversTable } from '../collection/handover.table.js';
import type { AuditEventsTable } from '../audit/audit.table.js';
import type { PeriodLocksTable } from '../ledger/period-lock.table.js';
import type { BankEntriesTable, BankEntryDecisionsTable, BankImportsTable } from '../bank/bank-import.table.js';
import type { MailAttemptsTable, MailMessagesTable, MailSettingsTable } from '../mail/mail.table.js';

/** Every table, as Kysely sees it. Each module owns the row types of its own tables. */
export interface Database {
  companies: CompaniesTable;
  accounts: AccountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  number_series: NumberSeriesTable;
  customers: CustomersTable;
  vouchers: VouchersTable;
  postings: PostingsTable;
  open_items: OpenItemsTable;
  matches: MatchesTable;
  claim_entries: ClaimEntriesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credit_notes: CreditNotesTable;
  credit_note_lines: CreditNoteLinesTable;
  payments: PaymentsTable;
  invoice_events: InvoiceEventsTable;
  company_event_counters: CompanyEventCountersTable;
  agency_event_counters: AgencyEventCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
  login_throttle: LoginThrottleTable;
  legal_rates: LegalRatesTable;
  dunning_settings: DunningSettingsTable;
  reminders: RemindersTable;
  dunning_decisions: DunningDecisionsTable;
  dunning_latest_decisions: DunningLatestDecisionsTable;
  daily_runs: DailyRunsTable;
  agencies: AgenciesTable;
  agency_activations: AgencyActivationsTable;
  handovers: HandoversTable;
  agency_secrets: AgencySecretsTable;
  agency_tokens: AgencyTokensTable;
  cases: CasesTable;
  case_history: CaseHistoryTable;
  case_invoices: CaseInvoicesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_attempts: WebhookAttemptsTable;
  settlements: SettlementsTable;
  settlement_cases: SettlementCasesTable;
  settlement_lines: SettlementLinesTable;
  period_locks: PeriodLocksTable;
  audit_events: AuditEventsTable;
  bank_imports: BankImportsTable;
  bank_entries: BankEntriesTable;
  bank_entry_decisions: BankEntryDecisionsTable;
  mail_settings: MailSettingsTable;
  mail_messages: MailMessagesTable;
  mail_attempts: MailAttemptsTable;
}
