import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { BrokerEnv } from './context.ts';

/**
 * The audit trail: one structured event, on its own logger (`name: "audit"`,
 * info level), for every change of money or access — who did it, to which
 * account, in which request, when. Never anything secret: no card or bank
 * numbers, passwords or tokens (the logger's redaction list backs that up).
 */
export type AuditEvent =
  | 'payment_attempted'
  | 'payment_succeeded'
  | 'payment_declined'
  | 'payment_refused'
  | 'payment_not_sent'
  | 'payment_outcome_unknown'
  | 'payment_not_charged'
  | 'payment_method_stored'
  | 'payment_method_updated'
  | 'payment_method_removed'
  | 'autopay_changed'
  | 'paperless_changed'
  | 'account_linked'
  | 'account_unregistered'
  | 'sso_url_issued'
  | 'credentials_change_requested'
  | 'credentials_change_applied'
  | 'session_opened'
  | 'session_ended';

export interface AuditEntry {
  /** `user:<id>`, `guest:<look-up token id>`, `reconciler` for what the broker resolved on its own, `operator:<name>` for a person. */
  actor: string;
  accountNumber?: string;
  /** The request that made the change; for the reconciler, the request that started the payment. */
  requestId: string | null;
  [detail: string]: unknown;
}

export type Audit = (event: AuditEvent, entry: AuditEntry) => void;

export function createAudit(log: Logger, now: () => number): Audit {
  const audit = log.child({ name: 'audit' });
  return (event, entry) => audit.info({ event, at: new Date(now()).toISOString(), ...entry });
}

/** The actor of a signed-in request. */
export const userActor = (userId: string) => `user:${userId}`;
/** The actor of a guest request: the look-up token's id, never the token. */
export const guestActor = (tokenId: string) => `guest:${tokenId}`;

/** Audits a change made in a signed-in request: its user is the actor. */
export function auditUser(
  audit: Audit,
  c: Context<BrokerEnv>,
  event: AuditEvent,
  entry: Omit<AuditEntry, 'actor' | 'requestId'> = {},
): void {
  audit(event, { actor: userActor(c.get('session').userId), requestId: c.get('requestId'), ...entry });
}
