/**
 * The parties on a document (the creditor sending it, the customer receiving it), and the one
 * mapping from a company and a customer to them: the invoice PDF and the letter recorded when a
 * reminder is sent print the same parties the same way. Plain shapes in, so the PDF module stays
 * free of the modules whose records it prints.
 */

export interface PartyAddress {
  name: string;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  organizationNumber?: string | null;
}

export interface CreditorInfo extends PartyAddress {
  /** 11 digits (dots and spaces allowed); printed as `1503.27.46184`. Must pass MOD11. */
  bankAccount: string;
  /** Registered in Merverdiavgiftsregisteret: adds «MVA» after the org.nr. and allows VAT. */
  vatRegistered: boolean;
  email?: string | null;
}

export type CustomerParty = PartyAddress & { customerNumber: number };

interface Address {
  line: string | null;
  postalCode: string | null;
  city: string | null;
}

/** The company as the creditor on its invoices and letters. */
export function creditorParty(company: {
  name: string;
  address: Address;
  organizationNumber: string;
  bankAccount: string;
  vatRegistered: boolean;
}): CreditorInfo {
  return {
    name: company.name,
    addressLine: company.address.line,
    postalCode: company.address.postalCode,
    city: company.address.city,
    organizationNumber: company.organizationNumber,
    bankAccount: company.bankAccount,
    vatRegistered: company.vatRegistered,
  };
}

/** The customer as the recipient of an invoice or a letter. */
export function customerParty(customer: {
  name: string;
  address: Address;
  organizationNumber: string | null;
  customerNumber: number;
}): CustomerParty {
  return {
    name: customer.name,
    addressLine: customer.address.line,
    postalCode: customer.address.postalCode,
    city: customer.address.city,
    organizationNumber: customer.organizationNumber,
    customerNumber: customer.customerNumber,
  };
}
