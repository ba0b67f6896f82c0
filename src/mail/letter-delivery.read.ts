/**
 * The e-mail delivery of letters (the customer card): for each letter, its latest e-mail — queued,
 * sent, or failed with the server's answer — or none when it was never e-mailed.
 */
import type { Db, Trx } from '../db/database.js';
import type { MailFailure, MailStatus } from './mail.table.js';

export interface LetterDelivery {
  messageId: string;
  to: string;
  status: MailStatus;
  failure: MailFailure | null;
  attempts: number;
  lastCode: number | null;
  lastResponse: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function emailDeliveryOfLetters(
  db: Db | Trx,
  companyId: string,
  letterIds: string[],
): Promise<Map<string, LetterDelivery>> {
  const map = new Map<string, LetterDelivery>();
  if (letterIds.length === 0) return map;
  const rows = await db
    .selectFrom('mail_messages')
    .select([
      'id',
      'letter_id',
      'to_address',
      'status',
      'failure',
      'attempts',
      'last_code',
      'last_response',
      'created_at',
      'finished_at',
    ])
    .where('company_id', '=', companyId)
    .where('letter_id', 'in', letterIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Oldest first, so the latest e-mail of a letter (a failed one sent again) is the one kept.
  for (const r of rows)
    map.set(r.letter_id, {
      messageId: r.id,
      to: r.to_address,
      status: r.status,
      failure: r.failure,
      attempts: r.attempts,
      lastCode: r.last_code,
      lastResponse: r.last_response,
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
    });
  return map;
}
