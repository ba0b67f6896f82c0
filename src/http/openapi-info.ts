/**
 * What both OpenAPI documents (the accountant API and the agency API) say about who stands behind
 * them. Agencies generate clients from the agency document (often in C# or Java); generators and
 * portals show the contact and the licence, and `npm run lint:openapi` (Redocly) requires both.
 */
export const OPENAPI_CONTACT = {
  name: 'Innfri API support',
  email: 'api@innfri.no',
  url: 'https://innfri.no/api',
};

/** The API descriptions are not open source: an SPDX LicenseRef for Innfri's own terms. */
export const OPENAPI_LICENSE = {
  name: 'Proprietary (Innfri terms of use)',
  identifier: 'LicenseRef-Innfri-Proprietary',
};
