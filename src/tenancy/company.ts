import type { Selectable } from 'kysely';
import type { CompaniesTable } from './company.table.js';

/** The accounts a company's vouchers post to (NS 4102 defaults, every one a company setting). */
export interface CompanyAccounts {
  receivable: number;
  bank: number;
  outputVat: number;
  inputVat: number;
  salesVat25: number;
  salesVat15: number;
  salesVat12: number;
  salesVat0: number;
  reminderFeeIncome: number;
  collectionCost: number;
  loss: number;
  interestIncome: number;
}

export interface Company {
  id: string;
  name: string;
  organizationNumber: string;
  vatRegistered: boolean;
  bankAccount: string;
  kidAlgorithm: 'mod10' | 'mod11';
  address: { line: string | null; postalCode: string | null; city: string | null };
  /** The company's own telephone and e-mail, when it has given them. */
  phone: string | null;
  email: string | null;
  accounts: CompanyAccounts;
  createdAt: string;
}

export const ACCOUNT_COLUMNS = {
  receivable: 'account_receivable',
  bank: 'account_bank',
  outputVat: 'account_output_vat',
  inputVat: 'account_input_vat',
  salesVat25: 'account_sales_vat_25',
  salesVat15: 'account_sales_vat_15',
  salesVat12: 'account_sales_vat_12',
  salesVat0: 'account_sales_vat_0',
  reminderFeeIncome: 'account_reminder_fee_income',
  collectionCost: 'account_collection_cost',
  loss: 'account_loss',
  interestIncome: 'account_interest_income',
} as const satisfies Record<keyof CompanyAccounts, keyof CompaniesTable>;

export function companyFromRow(r: Selectable<CompaniesTable>): Company {
  const accounts = Object.fromEntries(
    Object.entries(ACCOUNT_COLUMNS).map(([key, column]) => [key, r[column]]),
  ) as unknown as CompanyAccounts;
  return {
    id: r.id,
    name: r.name,
    organizationNumber: r.organization_number,
    vatRegistered: r.vat_registered,
    bankAccount: r.bank_account,
    kidAlgorithm: r.kid_algorithm,
    address: { line: r.address_line, postalCode: r.postal_code, city: r.city },
    phone: r.phone,
    email: r.email,
    accounts,
    createdAt: r.created_at.toISOString(),
  };
}

/** The part of NS 4102 the product uses, created for every new company; more can be added. */
export const STANDARD_ACCOUNTS: ReadonlyArray<readonly [number, string]> = [
  [1500, 'Kundefordringer'],
  [1579, 'Andre kortsiktige fordringer'],
  [1920, 'Bankinnskudd'],
  [2400, 'Leverandørgjeld'],
  [2700, 'Utgående merverdiavgift'],
  [2710, 'Inngående merverdiavgift'],
  [2740, 'Oppgjørskonto merverdiavgift'],
  [2900, 'Annen kortsiktig gjeld'],
  [3000, 'Salgsinntekt, avgiftspliktig'],
  [3100, 'Salgsinntekt, avgiftsfri'],
  [3900, 'Annen driftsrelatert inntekt'],
  [4000, 'Varekostnad'],
  [6800, 'Kontorrekvisita'],
  [7700, 'Styre- og bedriftsforsamlingsmøter'],
  [7770, 'Bank- og kortgebyrer'],
  [7790, 'Annen kostnad (inkassokostnader)'],
  [7830, 'Tap på fordringer'],
  [8050, 'Annen renteinntekt'],
  [8150, 'Annen rentekostnad'],
];
