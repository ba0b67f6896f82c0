import { z } from '@hono/zod-openapi';

export const HandoverStateSchema = z.enum(['draft', 'approved', 'in_case', 'archived', 'rejected', 'recalled']);

export const HandoverSchema = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.number().int(),
    customerId: z.string(),
    customerName: z.string(),
    dueDate: z.string(),
    totalAmount: z.number().int(),
    openAmount: z.number().int(),
    agencyId: z.string(),
    agencyName: z.string(),
    state: HandoverStateSchema,
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
    approval: z.enum(['user', 'auto', 'operator']).nullable(),
    endedAt: z.string().nullable(),
    endedByType: z.enum(['user', 'agency', 'system']).nullable(),
    endReason: z.string().nullable(),
  })
  .openapi('Handover');

export const CompanyAgencySchema = z
  .object({ id: z.string(), name: z.string(), organizationNumber: z.string().nullable(), active: z.boolean(), isDefault: z.boolean(), changedAt: z.string() })
  .openapi('CompanyAgency');
