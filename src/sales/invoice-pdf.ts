import type { Db } from '../db/database.js';
import { creditorParty, customerParty } from '../documents/parties.js';
import { renderInvoicePdf } from '../documents/pdf.js';
import { getCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';
import { getInvoice } from './invoice.service.js';

/** An invoice as the PDF the customer gets. */
export async function invoicePdf(
  db: Db,
  companyId: string,
  invoiceId: string,
): Promise<{ filename: string; pdf: Buffer }> {
  const invoice = await getInvoice(db, companyId, invoiceId);
  const [company, customer] = await Promise.all([
    getCompany(db, companyId),
    getCustomer(db, companyId, invoice.customerId),
  ]);
  const pdf = await renderInvoicePdf({
    creditor: creditorParty(company),
    customer: customerParty(customer),
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    kid: invoice.kid,
    lines: invoice.lines,
    vatBreakdown: invoice.vatBreakdown,
    netAmount: invoice.netAmount,
    vatAmount: invoice.vatAmount,
    totalAmount: invoice.totalAmount,
    description: invoice.description || undefined,
  });
  return { filename: `faktura-${invoice.invoiceNumber}.pdf`, pdf };
}
