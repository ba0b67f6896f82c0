import { z } from '@hono/zod-openapi';
import { AccountNumber } from '../http/schemas.js';

export const RoleSchema = z.enum(['admin', 'accountant', 'viewer']);

const AccountsSchema = z.object({
  receivable: AccountNumber,
  bank: AccountNumber,
  outputVat: AccountNumber,
  inputVat: AccountNumber,
  salesVat25: AccountNumber,
  salesVat15: AccountNumber,
  salesVat12: AccountNumber,
  salesVat0: AccountNumber,
  reminderFeeIncome: AccountNumber,
  collectionCost: AccountNumber,
  loss: AccountNumber,
  interestIncome: AccountNumber,
});

const AddressInput = z
  .object({
    line: z.string().max(200).nullable().optional(),
    postalCode: z.string().max(20).nullable().optional(),
    city: z.string().max(100).nullable().optional(),
  })
  .strict();

export const CompanySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationNumber: z.string(),
    vatRegistered: z.boolean(),
    bankAccount: z.string(),
    kidAlgorithm: z.enum(['mod10', 'mod11']),
    address: z.object({ line: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable() }),
    phone: z.string().nullable().openapi({ description: "The company's telephone (SAF-T's header contact)" }),
    email: z.string().nullable(),
    accounts: AccountsSchema,
    createdAt: z.string(),
  })
  .openapi('Company');

export const NewCompanySchema = z
  .object({
    name: z.string().min(1).max(200),
    organizationNumber: z.string().min(9).max(11).openapi({ example: '923609016' }),
    vatRegistered: z.boolean().optional(),
    bankAccount: z.string().min(11).max(14).openapi({ example: '86011117947' }),
    kidAlgorithm: z.enum(['mod10', 'mod11']).optional(),
    address: AddressInput.optional(),
    phone: z.string().max(30).nullable().optional().openapi({ example: '+47 22 00 00 00' }),
    email: z.string().max(200).nullable().optional(),
  })
  .strict()
  .openapi('NewCompany');

export const CompanyChangesSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    vatRegistered: z.boolean().optional(),
    bankAccount: z.string().min(11).max(14).optional(),
    kidAlgorithm: z.enum(['mod10', 'mod11']).optional(),
    address: AddressInput.optional(),
    phone: z.string().max(30).nullable().optional().openapi({ example: '+47 22 00 00 00' }),
    email: z.string().max(200).nullable().optional(),
    accounts: AccountsSchema.partial().strict().optional(),
  })
  .strict()
  .openapi('CompanyChanges');

export const MembershipSchema = z
  .object({ companyId: z.string(), companyName: z.string(), organizationNumber: z.string(), role: RoleSchema })
  .openapi('Membership');
export const UserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() }).openapi('User');
export const SessionSchema = z
  .object({ user: UserSchema, companies: z.array(MembershipSchema), csrfToken: z.string() })
  .openapi('Session');
export const AccountSchema = z.object({ number: z.number().int(), name: z.string() }).openapi('Account');
