/**
 * The real stack for node tests, as one fixture: `stack.use(options)` inside a
 * describe block starts the sandbox and the broker before its tests (on real
 * sockets, test/support/stack.ts), closes them after, and puts the sandbox
 * back to its fixtures before each test. What a test asks of the stack goes
 * through the fixture: the broker's routes, a host's sign-in, and the
 * sandbox's inspection endpoints (call log, faults, accounts, payments).
 * One fixture per file; each describe block that calls `use` gets a stack of
 * its own.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { startStack, type StackOptions, type StartedStack } from '../support/stack.ts';
import type { TestUser } from '../support/users.ts';
import { reply, request, type Reply } from './http.ts';

type Init = RequestInit & { json?: unknown };
/** A request to the broker as one session: a path below /api/v1. */
export type Caller = (path: string, init?: Init) => Promise<Reply>;
/** An entry of the sandbox's call log: one InvoiceCloud operation received. */
export interface SandboxCall {
  seq: number;
  at: string;
  operation: string;
  accountNumber?: string;
}

export interface UseOptions {
  /** Sandbox back to its fixtures (and pending payments resolved) before each test (default), or never. */
  reset?: 'each' | 'never';
  /** One stack for the whole block (default), or a new one for each test (for state a reset leaves: the broker's). */
  per?: 'block' | 'test';
}

export class StackFixture {
  #started?: StartedStack;

  /** Registers the hooks of the describe block it is called in. `options` may be a function, read when the stack starts. */
  use(options: StackOptions | (() => StackOptions) = {}, o: UseOptions = {}): void {
    const start = async () => {
      this.#started = await startStack(typeof options === 'function' ? options() : options);
    };
    const stop = async () => {
      await this.#started?.close();
      this.#started = undefined;
    };
    if (o.per === 'test') {
      beforeEach(start);
      afterEach(stop);
    } else {
      before(start);
      after(stop);
      if (o.reset !== 'never') beforeEach(() => this.started.reset());
    }
  }

  /** The running stack (the broker's own handles: reset, reconcile, outbox). */
  get started(): StartedStack {
    if (!this.#started) throw new Error('The stack runs only inside a describe block that called stack.use().');
    return this.#started;
  }

  /** Broker base URL, ending in /api/v1. */
  get brokerUrl(): string {
    return this.started.brokerUrl;
  }

  get sandboxUrl(): string {
    return this.started.sandboxUrl;
  }

  /** The sandbox back to its fixtures; every payment the broker still awaits resolved as never made. */
  reset(): Promise<void> {
    return this.started.reset();
  }

  /** One reconcile sweep now. */
  reconcile(): ReturnType<StartedStack['reconcile']> {
    return this.started.reconcile();
  }

  /** Mail the broker "sent". */
  outbox(): ReturnType<StartedStack['outbox']> {
    return this.started.outbox();
  }

  /** A request to the broker: `path` below /api/v1. */
  broker(path: string, init: Init = {}): Promise<Reply> {
    return request(`${this.brokerUrl}${path}`, init);
  }

  /** Requests to the broker as the session `token` holds it. */
  as(token: string): Caller {
    return (path, init = {}) =>
      this.broker(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  }

  /** What a host backend sends to open a session for `user` (`registrations`: User Registration): the broker's answer as it is. */
  async session(user: TestUser & { reRegister?: string[] }, route: 'sessions' | 'registrations' = 'sessions'): Promise<Reply> {
    return reply(await this.started.openSession(user, route));
  }

  /** Opens a session for `user` as a host backend does, and returns its token. */
  async signIn(user: TestUser & { reRegister?: string[] }, route: 'sessions' | 'registrations' = 'sessions'): Promise<string> {
    const r = await this.session(user, route);
    assert.equal(r.status, 200, `sign-in of ${user.userId}: HTTP ${r.status} ${r.text}`);
    return r.body.token as string;
  }

  /** A guest's look-up of a bill; returns its token. */
  async lookUp(accountNumber = '100200300', lastName = 'Doe'): Promise<string> {
    const r = await this.broker('/guest/lookup', { method: 'POST', json: { accountNumber, lastName } });
    assert.equal(r.status, 200, `look-up of ${accountNumber}: HTTP ${r.status} ${r.text}`);
    return r.body.lookupToken as string;
  }

  /** A request to the sandbox (its inspection endpoints are under /__sandbox). */
  sandbox(path: string, init: Init = {}): Promise<Reply> {
    return request(`${this.sandboxUrl}${path}`, init);
  }

  /** Every InvoiceCloud operation the sandbox received since its call log was last emptied, in order. */
  async calls(): Promise<SandboxCall[]> {
    return (await this.sandbox('/__sandbox/calls')).body as SandboxCall[];
  }

  /** The names of those operations, in order. */
  async operations(): Promise<string[]> {
    return (await this.calls()).map((c) => c.operation);
  }

  /** Empties the call log. */
  async clearCalls(): Promise<void> {
    assert.equal((await this.sandbox('/__sandbox/calls', { method: 'DELETE' })).status, 204);
  }

  /** Makes the sandbox misbehave as `spec` says; fails if it refuses. */
  async fault(spec: Record<string, unknown>): Promise<void> {
    const r = await this.sandbox('/__sandbox/faults', { method: 'POST', json: spec });
    assert.equal(r.status, 201, `fault ${JSON.stringify(spec)}: ${r.text}`);
  }

  /** What the sandbox holds for an account (FIXTURES.md shape). */
  async account(accountNumber: string): Promise<any> {
    return (await this.sandbox(`/__sandbox/accounts/${accountNumber}`)).body;
  }

  /** The payments the sandbox charged (or declined) for an account, oldest first; every account's without one. */
  async payments(accountNumber?: string): Promise<any[]> {
    return (await this.sandbox(accountNumber === undefined ? '/__sandbox/payments' : `/__sandbox/payments?account=${accountNumber}`)).body;
  }
}
