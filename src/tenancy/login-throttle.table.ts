/** Failed sign-ins under one key (a SHA-256): their times in epoch seconds, oldest first; `newest` the last. */
export interface LoginThrottleTable {
  key: string;
  times: number[];
  newest: number;
}
