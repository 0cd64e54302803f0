/** What a pay element keeps about an attempt between page loads, as tests plant it. */
import type { AttemptRecord } from '../../../src/contract/browser-state.ts';

/** A kept attempt at Jane Doe's INV-1001 (the guest fixture's bill), made now under a new key; `over` changes any part. */
export function keptAttempt(credential: string, over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    idempotencyKey: crypto.randomUUID(),
    credential,
    accountNumber: '100200300',
    invoiceNumber: 'INV-1001',
    amountCents: 8420,
    createdAt: new Date().toISOString(),
    ...over,
  };
}
