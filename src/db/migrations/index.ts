import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_dunning_and_handover.js';
import * as m0003 from './0003_agency_api.js';
import * as m0004 from './0004_settlements.js';
import * as m0005 from './0005_payment_list.js';
import * as m0006 from './0006_reminder_list_sort.js';
import * as m0007 from './0007_overview.js';
import * as m0008 from './0008_feed_visibility_at_write.js';
import * as m0009 from './0009_case_records.js';
import * as m0010 from './0010_handover_notice.js';
import * as m0011 from './0011_legal_rate_sources.js';
import * as m0012 from './0012_claim_entries.js';
import * as m0013 from './0013_period_locks_and_audit.js';
import * as m0014 from './0014_bank_imports.js';
import * as m0015 from './0015_saft_vat_rate_and_grouping.js';
import * as m0016 from './0016_feed_without_global_lock.js';
import * as m0017 from './0017_wakeup_and_standing_waits.js';
import * as m0019 from './0019_shared_limits.js';
import * as m0021 from './0021_list_search.js';
import * as m0022 from './0022_letter_email.js';
import * as m0023 from './0023_bank_journal_company_contact.js';
import * as m0027 from './0027_settlement_lines.js';
import * as m0028 from './0028_customer_card_and_bank_search.js';

/** Every migration, in order. Names sort as they run; a new one is appended, never edited. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_dunning_and_handover': m0002,
  '0003_agency_api': m0003,
  '0004_settlements': m0004,
  '0005_payment_list': m0005,
  '0006_reminder_list_sort': m0006,
  '0007_overview': m0007,
  '0008_feed_visibility_at_write': m0008,
  '0009_case_records': m0009,
  '0010_handover_notice': m0010,
  '0011_legal_rate_sources': m0011,
  '0012_claim_entries': m0012,
  '0013_period_locks_and_audit': m0013,
  '0014_bank_imports': m0014,
  '0015_saft_vat_rate_and_grouping': m0015,
  '0016_feed_without_global_lock': m0016,
  '0017_wakeup_and_standing_waits': m0017,
  '0019_shared_limits': m0019,
  '0021_list_search': m0021,
  '0022_letter_email': m0022,
  '0023_bank_journal_company_contact': m0023,
  '0027_settlement_lines': m0027,
  '0028_customer_card_and_bank_search': m0028,
};
