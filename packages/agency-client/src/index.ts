export { createAgencyClient, deriveIdempotencyKey, unwrap } from './client.js';
export type {
  AgencyClient,
  AgencyClientOptions,
  CallOptions,
  CursorListPath,
  EventFeed,
  EventFeedOptions,
  ListItem,
  ListParams,
  PageOptions,
} from './client.js';
export { AgencyApiError, isAgencyApiError, parseRetryAfter } from './errors.js';
export type { FetchLike, RetryInfo } from './transport.js';
export { parseWebhookEvent, verifyWebhook, WebhookPayloadError } from './webhook.js';
export type { VerifyWebhookOptions, WebhookHeaders } from './webhook.js';
export type * from './types.js';
