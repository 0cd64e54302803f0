/**
 * Crash safety with real processes: the sandbox and the broker each run as
 * their own child process, the broker on a file-backed store. The broker is
 * killed (SIGKILL: no cleanup of any kind) while its call to InvoiceCloud is
 * in flight; a new broker on the same store must find and resolve the payment
 * on its own, with no client asking, and answer the original key with the receipt.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { until } from '../support/until.ts';
import { request } from './http.ts';
import { visa } from '../support/cards.ts';

const SECRET = 'crash-test-broker-secret-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'ic-crash-'));
const children = new Set<ChildProcess>();

/** Starts `file` in its own Node process (no wrapper, so a signal reaches it) and resolves the URL it prints. */
async function startProcess(
  file: string,
  env: Record<string, string>,
  listening: RegExp,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += String(d);
      const m = listening.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function startBroker(sandboxUrl: string) {
  return startProcess(
    'src/broker/main.ts',
    {
      BROKER_PORT: '0',
      BROKER_DB: join(dir, 'broker.db'),
      BROKER_SECRET: SECRET,
      IC_BASE_URL: `${sandboxUrl}/api/v1/`,
      IC_TIMEOUT_MS: '500',
      RECONCILE_INTERVAL_MS: '200',
      LOG_LEVEL: 'info',
    },
    /listening on (http:\/\/\S+)\/api\/v1/,
  );
}

/** The ledger as another process sees it: read-only, beside the running broker. */
function ledgerRows() {
  const db = new Database(join(dir, 'broker.db'), { readonly: true });
  try {
    const attempts = db.prepare('SELECT id, idempotency_key, state, payment_id FROM payment_attempts').all() as {
      id: number;
      idempotency_key: string;
      state: string;
      payment_id: string | null;
    }[];
    const events = db.prepare('SELECT attempt_id, event, request_id, detail FROM payment_events ORDER BY id').all() as {
      attempt_id: number;
      event: string;
      request_id: string | null;
      detail: string | null;
    }[];
    return { attempts, events };
  } finally {
    db.close();
  }
}

describe('crash safety: a broker killed mid-payment', () => {
  let sandboxUrl: string;
  before(async () => {
    ({ url: sandboxUrl } = await startProcess(
      'src/sandbox/main.ts',
      { SANDBOX_PORT: '0', SANDBOX_DB: join(dir, 'sandbox.db') },
      /listening on (http:\/\/\S+) /,
    ));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is resolved by the next broker on the same store, with no client asking: one payment, and the key answers the receipt', async () => {
    const first = await startBroker(sandboxUrl);
    const look = await request(`${first.url}/api/v1/guest/lookup`, {
      method: 'POST',
      json: { accountNumber: '100200300', lastName: 'Doe' },
    });
    assert.equal(look.status, 200, look.text);
    const auth = { authorization: `Bearer ${look.body.lookupToken}` };
    // InvoiceCloud takes its time, and charges in the end (the broker will be gone by then).
    await request(`${sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      json: { operation: 'InvoicePayWithoutSavedMethod', latencyMs: 1_500, times: 1 },
    });
    const key = randomUUID();
    const paying = request(`${first.url}/api/v1/guest/payments`, {
      method: 'POST',
      json: { invoiceNumber: 'INV-1001', amountCents: 8420, method: visa(), email: 'jane.doe@example.com' },
      headers: { ...auth, 'idempotency-key': key },
    }).catch((e: Error) => e);

    // Killed the moment InvoiceCloud has the call, before its answer.
    await until('the payment call to reach InvoiceCloud', async () => {
      const calls = (await request(`${sandboxUrl}/__sandbox/calls`)).body as { operation: string }[];
      return calls.some((c) => c.operation === 'InvoicePayWithoutSavedMethod') || undefined;
    });
    first.child.kill('SIGKILL');
    assert.ok((await paying) instanceof Error, 'the payer lost the answer with the broker');
    const claimed = ledgerRows();
    assert.deepEqual(
      claimed.attempts.map((a) => [a.idempotency_key, a.state]),
      [[key, 'pending']],
      'recorded before InvoiceCloud was called',
    );

    const second = await startBroker(sandboxUrl);
    const resolved = await until('the reconciler to resolve the attempt', () => {
      const rows = ledgerRows();
      return rows.attempts[0]!.state === 'pending' ? undefined : rows;
    });
    const charged = (await request(`${sandboxUrl}/__sandbox/payments?account=100200300`)).body as { id: string; status: string }[];
    assert.deepEqual(
      charged.map((p) => p.status),
      ['approved'],
      'charged exactly once',
    );
    assert.equal(resolved.attempts.length, 1);
    assert.equal(resolved.attempts[0]!.state, 'succeeded');
    assert.equal(resolved.attempts[0]!.payment_id, charged[0]!.id);
    const history = resolved.events.map((e) => [
      e.event,
      e.request_id === null ? 'no request' : 'request',
      JSON.parse(e.detail ?? '{}').by,
    ]);
    assert.deepEqual(history, [
      ['claimed', 'request', undefined],
      ['succeeded', 'no request', 'reconciler'],
    ]);
    assert.doesNotMatch(second.output(), /"path":"\/api\/v1\//, 'no client had asked the new broker anything');

    const status = await request(`${second.url}/api/v1/guest/payments/${key}`, { headers: auth });
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body.receipt.paymentId, charged[0]!.id);
    assert.equal(status.body.receipt.amountCents, 8420);
    assert.equal(
      (await request(`${sandboxUrl}/__sandbox/calls`)).body.filter(
        (c: { operation: string }) => c.operation === 'InvoicePayWithoutSavedMethod',
      ).length,
      1,
      'never sent again',
    );
  });
});
