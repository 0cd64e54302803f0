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

/**
 * Waits until InvoiceCloud has received `operation` (logged on arrival, before
 * any injected latency): a request the page sent has then reached the broker,
 * which claimed its key before calling.
 */
export async function untilAsked(operation: string, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await operations()).includes(operation)) {
    if (Date.now() > until) throw new Error(`Timed out: InvoiceCloud never received ${operation}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
