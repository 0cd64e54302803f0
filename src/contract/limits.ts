/**
 * The contract's plain constants: the zod schemas build on them, and the
 * browser, which carries no zod, checks input against the same values.
 */

/** Largest single payment, in cents ($10,000.00). */
export const MAX_PAYMENT_CENTS = 1_000_000;

/** A utility account number as printed on the bill. */
export const ACCOUNT_NUMBER = /^[0-9A-Za-z-]{1,32}$/;

/** An Idempotency-Key: one per payment attempt. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
