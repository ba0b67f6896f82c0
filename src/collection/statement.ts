/**
 * An agency's remittance statement (remisseoppstilling): an ordered list of labelled lines, each a
 * sum in øre (`amount`) or a text (`text`), kept in the order the agency sent them. Agencies that
 * send the older object form (`{ "key": value, … }`) are still understood: each member becomes a
 * line labelled with its key, in the order the keys stood in the request (read from its text, since
 * JSON.parse puts index-like keys first and jsonb sorts keys its own way). In that form an integer
 * was always øre (as the screens showed it); anything else becomes text.
 */
import { z } from '@hono/zod-openapi';

export interface StatementLine {
  label: string;
  /** øre */
  amount?: number | undefined;
  text?: string | undefined;
}

/** What an agency may send: the ordered list, or the older object form. */
export type StatementAsSent = StatementLine[] | Record<string, unknown>;

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The statement as stored: the list as sent, or the object form turned into a list in `keyOrder`
 * (the keys as written in the request; without it, as parsed). Null when none was sent.
 */
export function statementLines(
  sent: StatementAsSent | null | undefined,
  keyOrder?: readonly string[] | null,
): StatementLine[] | null {
  if (sent === undefined || sent === null) return null;
  if (Array.isArray(sent))
    return sent.map((l) => ({
      label: l.label,
      ...(l.amount !== undefined ? { amount: l.amount } : {}),
      ...(l.text !== undefined ? { text: l.text } : {}),
    }));
  const parsed = Object.keys(sent);
  const written = keyOrder ? [...new Set(keyOrder)] : null;
  // The written order only when it names exactly the parsed keys (else the text was not this body).
  const keys =
    written && written.length === parsed.length && written.every((k) => Object.hasOwn(sent, k)) ? written : parsed;
  return keys.map((label) => {
    const value = sent[label];
    if (value === null || value === undefined) return { label };
    if (typeof value === 'number' && Number.isSafeInteger(value)) return { label, amount: value };
    return { label, text: textOf(value) };
  });
}

/** One line of a remittance statement, as sent and as shown. */
export const StatementLineSchema = z
  .object({
    label: z.string().min(1).max(200).openapi({ description: 'The line’s label, in the agency’s words' }),
    amount: z
      .number()
      .int()
      .min(-10_000_000_000_000)
      .max(10_000_000_000_000)
      .optional()
      .openapi({ description: 'A sum, in øre (negative for a deduction)' }),
    text: z.string().max(2000).optional().openapi({ description: 'A text instead of a sum (a note, a count, a rate)' }),
  })
  .strict()
  .refine((l) => l.amount === undefined || l.text === undefined, 'a line has an amount or a text, not both')
  .openapi('StatementLine');

/** A stored statement: its lines in the order sent, or null when the agency sent none. */
export const StoredStatementSchema = z.array(StatementLineSchema).nullable().openapi({
  description:
    'The remittance statement (remisseoppstilling): its lines in the order the agency sent them (an object sent in the older form, in the order of its keys); null when none was sent',
});
