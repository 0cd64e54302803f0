import { IDEMPOTENCY_KEY } from '../contract/limits.ts';

/**
 * One new Idempotency-Key per payment attempt. `crypto.randomUUID()` exists
 * only in secure contexts, so a page served over plain http (an intranet
 * portal) falls back to a v4 UUID built from `getRandomValues`, which exists
 * everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Refuses a key the broker would refuse, before anything is sent. */
export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new TypeError('An Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
  }
}
