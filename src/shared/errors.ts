/** The closed set of error codes the product answers with; each maps to one HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  conflict: 409,
  already_exists: 409,
  idempotency_key_reused: 409,
  already_reversed: 409,
  already_unmatched: 409,
  unbalanced_voucher: 422,
  invalid_account: 422,
  invalid_customer_entry: 422,
  amount_exceeds_open: 422,
  entries_not_matchable: 422,
  credit_exceeds_invoice: 422,
  unknown_kid: 422,
  invalid_kid: 422,
  voucher_not_reversible: 422,
  invalid_organization_number: 422,
  invalid_bank_account: 422,
  agency_not_active: 422,
  not_eligible: 422,
  letter_not_allowed: 422,
  mail_not_allowed: 422,
  invalid_transition: 409,
  already_in_collection: 409,
  case_exists: 409,
  case_archived: 409,
  customer_mismatch: 422,
  invoice_not_available: 422,
  overpaid: 422,
  settlement_unbalanced: 422,
  settlement_exists: 409,
  invalid_client: 401,
  unsupported_grant_type: 400,
  webhook_url_not_allowed: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES = {
  validation_failed: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  unauthenticated: 'Sign in first',
  invalid_credentials: 'Wrong e-mail or password',
  csrf_failed: 'Missing or wrong CSRF token',
  forbidden: 'Your role does not allow this',
  not_found: 'Not found',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'Unsupported media type',
  conflict: 'Conflict',
  already_exists: 'It exists already',
  idempotency_key_reused: 'Idempotency-Key was used with another request',
  already_reversed: 'The voucher is reversed already',
  already_unmatched: 'The match is undone already',
  unbalanced_voucher: 'The voucher does not balance',
  invalid_account: 'Unknown account',
  invalid_customer_entry: 'Customer entries belong on the receivable account',
  amount_exceeds_open: 'The amount is more than is open',
  entries_not_matchable: 'These entries cannot be matched',
  credit_exceeds_invoice: 'The credit note is more than the invoice has left to credit',
  unknown_kid: 'No invoice has that KID',
  invalid_kid: 'The KID has a wrong check digit',
  voucher_not_reversible: 'This voucher cannot be reversed',
  invalid_organization_number: 'The organisation number is not valid',
  invalid_bank_account: 'The bank account number is not valid',
  agency_not_active: 'The agency is not active for the company',
  not_eligible: 'The invoice cannot go to collection now',
  letter_not_allowed: 'That letter cannot be sent now',
  mail_not_allowed: 'That letter cannot be sent by e-mail',
  invalid_transition: 'Not possible in the current state',
  already_in_collection: 'The invoice is on its way to or with an agency',
  case_exists: 'A case with that number exists already',
  case_archived: 'The case is archived',
  customer_mismatch: 'The invoices belong to different customers',
  invoice_not_available: 'The invoice is not available to this agency',
  overpaid: 'More than the invoice has open',
  settlement_unbalanced: 'The settlement does not balance',
  settlement_exists: 'A settlement with that reference exists with other content',
  invalid_client: 'Unknown client or wrong secret',
  unsupported_grant_type: 'Only grant_type=client_credentials is supported',
  webhook_url_not_allowed: 'The webhook URL is not allowed',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
} satisfies Record<ErrorCode, string>;

/**
 * A failure the caller can act on; answered as RFC 9457 problem+json with `code`. The status is the
 * code's, except that `validation_failed` may say 422 for a request well-formed but refused by a
 * rule of the books (a voucher dated after today).
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    status?: 422,
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = code === 'validation_failed' && status ? status : ERROR_STATUS[code];
    this.title = TITLES[code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);
