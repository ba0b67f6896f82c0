/**
 * A customer's account statement (kontoutskrift) for a period, as JSON and as the PDF of
 * documents/statement-pdf.ts: the customer card's «Kontoutskrift». The entries come from the
 * ledger (`customerStatement`), the parties from the company and the customer.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { creditorParty, customerParty } from '../documents/parties.js';
import { renderStatementPdf } from '../documents/statement-pdf.js';
import type { AppEnv } from '../http/env.js';
import { CustomerParams } from '../http/params.js';
import { IsoDate, jsonResponse, OreAmount, pdfFile, pdfResponse } from '../http/schemas.js';
import { type CustomerStatement, customerStatement } from '../ledger/open-item.service.js';
import type { Db } from '../db/database.js';
import { checkPeriod } from '../shared/dates.js';
import { getCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const PeriodQuery = z.object({
  from: IsoDate.openapi({ description: 'First day of the period', example: '2026-01-01' }),
  to: IsoDate.openapi({ description: 'Last day of the period (not after today)', example: '2026-11-30' }),
});

const StatementSchema = z
  .object({
    customerId: z.string(),
    from: z.string(),
    to: z.string(),
    openingBalance: OreAmount,
    lines: z.array(
      z.object({
        entryId: z.number().int(),
        date: z.string(),
        voucherNumber: z.string(),
        voucherType: z.string(),
        description: z.string(),
        invoiceNumber: z.number().int().nullable(),
        dueDate: z.string().nullable(),
        amount: OreAmount.openapi({ description: 'Signed: owed (debit) positive, paid or credited negative' }),
        balance: OreAmount,
      }),
    ),
    closingBalance: OreAmount,
  })
  .openapi('CustomerStatement');

const statementRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/customers/{customerId}/statement',
  operationId: 'getCustomerStatement',
  tags: ['Customers'],
  summary:
    'Account statement (kontoutskrift): opening balance, the entries of the period with the running balance, closing balance',
  access: 'read',
  request: { params: CustomerParams, query: PeriodQuery },
  responses: { 200: jsonResponse(StatementSchema, 'The statement') },
});
const statementPdfRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/customers/{customerId}/statement/pdf',
  operationId: 'getCustomerStatementPdf',
  tags: ['Customers'],
  summary: 'The account statement (kontoutskrift) as PDF',
  access: 'read',
  request: { params: CustomerParams, query: PeriodQuery },
  responses: { 200: pdfResponse },
});

/** How each kind of entry is named on the statement. */
const KIND: Record<CustomerStatement['lines'][number]['voucherType'], string> = {
  invoice: 'Faktura',
  credit_note: 'Kreditnota',
  payment: 'Innbetaling',
  manual: 'Bilag',
  write_off: 'Avskrevet',
  settlement: 'Oppgjør fra inkassobyrå',
  reminder_fee: 'Purregebyr',
};

/** The period's statement, after checking the period: from ≤ to, and to not after today. */
async function statementFor(
  db: Db,
  companyId: string,
  customerId: string,
  period: { from: string; to: string },
  today: string,
) {
  checkPeriod(period.from, period.to, today);
  const customer = await getCustomer(db, companyId, customerId);
  return { customer, statement: await customerStatement(db, companyId, customerId, period) };
}

export function customerStatementRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(statementRoute, async (c) => {
    const { customerId } = c.req.valid('param');
    const { statement } = await statementFor(
      c.var.db,
      c.var.companyId,
      customerId,
      c.req.valid('query'),
      c.var.config.today(),
    );
    return c.json(statement, 200);
  });
  app.openapi(statementPdfRoute, async (c) => {
    const { customerId } = c.req.valid('param');
    const today = c.var.config.today();
    const { customer, statement } = await statementFor(
      c.var.db,
      c.var.companyId,
      customerId,
      c.req.valid('query'),
      today,
    );
    const company = await getCompany(c.var.db, c.var.companyId);
    const pdf = await renderStatementPdf({
      creditor: creditorParty(company),
      customer: customerParty(customer),
      from: statement.from,
      to: statement.to,
      printedOn: today,
      openingBalance: statement.openingBalance,
      lines: statement.lines.map((l) => ({ ...l, kind: KIND[l.voucherType] })),
      closingBalance: statement.closingBalance,
    });
    return pdfFile({
      filename: `kontoutskrift-${customer.customerNumber}-${statement.from}-${statement.to}.pdf`,
      pdf,
    }) as never;
  });
}
