import { AsyncLocalStorage } from 'node:async_hooks';

/** Who acts: a signed-in user, an agency (its API), the system (daily run, workers) or the command line. */
export type AuditActor =
  | { type: 'user'; id: string; name?: string }
  | { type: 'agency'; id: string; name?: string }
  | { type: 'system'; name?: string }
  | { type: 'cli'; name?: string };

/**
 * Where a change comes from: the request (its id and the peer's address) and, once signed in,
 * who sent it. The HTTP app opens one per request and its sign-in middlewares fill in the actor;
 * the CLI opens one per command. `recordAudit` reads it, so services need not pass it along.
 */
export interface AuditContext {
  requestId: string | null;
  peerAddress: string | null;
  actor: AuditActor | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Runs `fn` with its own audit context (a request, a CLI command). */
export function withAuditContext<T>(context: AuditContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request or command running now, if any. */
export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}

/** Names the actor of the request running now (called once its credentials are checked). */
export function setAuditActor(actor: AuditActor): void {
  const context = storage.getStore();
  if (context) context.actor = actor;
}
