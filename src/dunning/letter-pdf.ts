import type { Db } from '../db/database.js';
import { renderLetterPdf } from '../documents/pdf.js';
import { letterDocument } from './dunning.service.js';

/** A reminder or collection notice, rendered from what was recorded when it was sent. */
export async function letterPdf(
  db: Db,
  companyId: string,
  letterId: string,
): Promise<{ filename: string; pdf: Buffer }> {
  const document = await letterDocument(db, companyId, letterId);
  const pdf = await renderLetterPdf(document);
  const kind = document.type === 'reminder' ? `purring-${document.sequence}` : 'inkassovarsel';
  return { filename: `${kind}-faktura-${document.invoice.invoiceNumber}.pdf`, pdf };
}
