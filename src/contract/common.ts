import * as z from 'zod/mini';
import { ACCOUNT_NUMBER } from './limits.ts';

/** Money is always integer cents in the contract (DESIGN.md). */
export const Cents = z.int().check(z.minimum(0), z.maximum(100_000_000));

/** A utility account number as printed on the bill. */
export const AccountNumber = z.string().check(z.trim(), z.regex(ACCOUNT_NUMBER));

/** Calendar date without time, YYYY-MM-DD. */
export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** Instant, ISO 8601 with time zone. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * Every error code the broker can answer with. Elements map each one to a
 * specific, fixable message; `retryable` tells them whether a retry can help.
 */
export const ErrorCode = z.enum([
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'account_not_found',
  'lookup_expired',
  'unauthorized',
  'session_expired',
  'forbidden',
  'rate_limited',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'card_declined',
  'insufficient_funds',
  'account_closed',
  'payment_declined',
  'payment_not_completed',
  'payment_being_confirmed',
  'idempotency_key_closed',
  'invoice_not_payable',
  'account_already_registered',
  'payment_method_in_use',
  'no_payment_method',
  'no_invoicecloud_login',
  'no_portal_account',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_invalid',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error body every route answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
    retryable: z.optional(z.boolean()),
    /** For validation_failed: field path → problem. Never echoes the value. */
    fields: z.optional(z.record(z.string(), z.string())),
    /** For payment_being_confirmed: when the unresolved payment of the same bill was made. */
    attemptedAt: z.optional(IsoDateTime),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
