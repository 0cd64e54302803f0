/**
 * Browser-side handle on the real test stack that web-test-runner starts
 * (sandbox + broker on real sockets, see web-test-runner.config.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';

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

/** Back to the FIXTURES.md records, with an empty call log and no faults. */
export async function resetSandbox(): Promise<void> {
  await sandbox('/__sandbox/reset', { method: 'POST' });
}

export interface TestUser {
  userId: string;
  email: string;
  name: string;
  accountNumbers: string[];
}

/** The demo users of FIXTURES.md, as a host backend would describe them. */
export const USERS = {
  john: { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] },
  maria: { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] },
  alex: { userId: 'mymeter-alex', email: 'alex.lee@example.com', name: 'Alex Lee', accountNumbers: ['100200304'] },
} satisfies Record<string, TestUser>;

/** Signs a user in through the broker (server to server, as a host backend does) and returns the bearer token. */
export async function signIn(user: TestUser): Promise<string> {
  const r = (await executeServerCommand('ic-session', user)) as { status: number; body: { token: string } };
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}
