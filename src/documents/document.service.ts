import type { Db } from '../db/database.js';
import { letterDocument } from '../dunning/dunning.service.js';
import { getCustomer } from '../sales/customer.service.js';
import { getInvoice } from '../sales/invoice.service.js';
import { getCompany } from '../tenancy/company.service.js';
import { renderInvoicePdf, renderLetterPdf } from './pdf.js';

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
    creditor: {
      name: company.name,
      addressLine: company.address.line,
      postalCode: company.address.postalCode,
      city: company.address.city,
      organizationNumber: company.organizationNumber,
      bankAccount: company.bankAccount,
      vatRegistered: company.vatRegistered,
    },
    customer: {
      name: customer.name,
      addressLine: customer.address.line,
      postalCode: customer.address.postalCode,
      city: customer.address.city,
      organizationNumber: customer.organizationNumber,
      customerNumber: customer.customerNumber,
    },
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
