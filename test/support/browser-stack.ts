/**
 * Browser-side handle on the real test stack that web-test-runner starts
 * (sandbox + broker on real sockets, see web-test-runner.config.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { TestUser } from './users.ts';

export { USERS, type TestUser } from './users.ts';

export interface TestStack {
  /** Broker base URL, ending in /api/v1. */
  endpoint: string;
  sandboxUrl: string;
}

let cached: Promise<TestStack> | undefined;

export function testStack(): Promise<TestStack> {
  return (cached ??= executeServerCommand<TestStack, undefined>('ic-stack'));
}

/** Calls a sandbox inspection endpoint (`/__sandbox/...`) from the test server side. */
export async function sandbox<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  return executeServerCommand('ic-sandbox', { path, ...init }) as Promise<{ status: number; body: T }>;
}

/** Back to the FIXTURES.md records, with an empty call log, no faults, and no payment the broker still awaits (see StartedStack.reset). */
export async function resetSandbox(): Promise<void> {
  await executeServerCommand('ic-reset');
}

/** Signs a user in through the broker (server to server, as a host backend does) and returns the bearer token. */
export async function signIn(user: TestUser): Promise<string> {
  const r = (await executeServerCommand('ic-session', user)) as { status: number; body: { token: string } };
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}
