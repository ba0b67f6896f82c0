import type { Selectable } from 'kysely';
import type { CustomersTable } from './customer.table.js';

export interface Customer {
  id: string;
  customerNumber: number;
  type: 'person' | 'company';
  name: string;
  organizationNumber: string | null;
  birthDate: string | null;
  address: { line: string | null; postalCode: string | null; city: string | null; country: string };
  email: string | null;
  /**
   * The date the customer agreed to receive notices electronically (set by the accountant): a
   * collection notice goes by e-mail only then (inkassoloven § 9). Null: not agreed.
   */
  electronicNoticesAgreedOn: string | null;
  /** «Ikke til inkasso»: never gets the collection action. */
  notToCollection: boolean;
  createdAt: string;
}

export function customerFromRow(r: Selectable<CustomersTable>): Customer {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    type: r.type,
    name: r.name,
    organizationNumber: r.organization_number,
    birthDate: r.birth_date,
    address: { line: r.address_line, postalCode: r.postal_code, city: r.city, country: r.country },
    email: r.email,
    electronicNoticesAgreedOn: r.electronic_notices_agreed_on,
    notToCollection: r.not_to_collection,
    createdAt: r.created_at.toISOString(),
  };
}
