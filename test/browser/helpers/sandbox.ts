/**
 * The sandbox's test-only endpoints, as the browser tests use them: injecting
 * faults and reading the log of InvoiceCloud calls.
 */
import { expect } from '@open-wc/testing';
import { sandbox } from '../../support/browser-stack.ts';

/** Makes the sandbox misbehave as `spec` says (which operation, how, how many times); fails if it refuses. */
export async function fault(spec: Record<string, unknown>): Promise<void> {
  const r = await sandbox('/__sandbox/faults', { method: 'POST', body: spec });
  expect(r.status, 'fault accepted').to.be.below(300);
}

/** The InvoiceCloud operations the sandbox has logged since its call log was last emptied. */
export async function operations(): Promise<string[]> {
  return (await sandbox<{ operation: string }[]>('/__sandbox/calls')).body.map((c) => c.operation);
}
