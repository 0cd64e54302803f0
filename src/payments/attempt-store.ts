/**
 * Where payment attempts are kept between page loads (src/payments/payment-attempt.ts
 * reads and writes them). Apart from the attempt logic so that an element can
 * tell whether one awaits its answer without loading that logic.
 */

/** Where the guest payment's attempt is kept; other payers pass their own `storageKey`. */
export const ATTEMPT_STORAGE_KEY = 'ic-one-time-pay:attempt';
/** A signed-in bill payment's attempt is kept per account: this, then the account number. */
export const ATTEMPT_KEY_PREFIX = 'ic-bills:attempt:';

/** sessionStorage, or memory where storage is blocked (sandboxed frames, some private modes). */
const memory = new Map<string, string>();
export function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const s = window.sessionStorage;
    s.getItem(ATTEMPT_STORAGE_KEY);
    return s;
  } catch {
    return {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    };
  }
}

/** Whether an attempt is kept under `storageKey` (checked properly, and cleared if stale, by `loadAttempt`). */
export function hasStoredAttempt(storageKey: string): boolean {
  return storage().getItem(storageKey) !== null;
}
