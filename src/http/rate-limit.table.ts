/** A shared token bucket (`http/rate-limit.ts`): the key and its GCRA theoretical arrival time, epoch seconds. */
export interface RateLimitsTable {
  key: string;
  tat: number;
}
