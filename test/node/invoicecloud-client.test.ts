import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createInvoiceCloud } from '../../src/invoicecloud/api.ts';
import { createInvoiceCloudClient } from '../../src/invoicecloud/client.ts';
import { InvoiceCloudError } from '../../src/invoicecloud/errors.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { request } from './http.ts';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const config = () => ({ baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key', timeoutMs: 300 });
const fault = (json: Record<string, unknown>) => request(`${sandbox.url}/__sandbox/faults`, { method: 'POST', json });
const lookup = (cfg = config()) => createInvoiceCloudClient(cfg).call('LookupAccount', { AccountNumber: '100200300', CustomerName: 'Doe' });

async function failure(p: Promise<unknown>): Promise<InvoiceCloudError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof InvoiceCloudError, `expected InvoiceCloudError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('InvoiceCloud client', () => {
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await request(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('calls an operation with Basic auth and parses the answer into our types', async () => {
    const account = await createInvoiceCloud(config()).lookupAccount('100200300', 'Doe');
    assert.deepEqual(account, {
      accountNumber: '100200300',
      customerName: 'Jane Doe',
      balanceCents: 8420,
      openInvoices: [{ invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15' }],
    });
  });

  it('answers null for a look-up that matches nothing', async () => {
    assert.equal(await createInvoiceCloud(config()).lookupAccount('100200300', 'Nobody'), null);
  });

  it('types a wrong API key as a status error', async () => {
    const e = await failure(lookup({ ...config(), apiKey: 'wrong' }));
    assert.equal(e.kind, 'status');
    assert.equal(e.status, 401);
    assert.equal(e.outcomeUnknown, false);
  });

  it('types a hang as a timeout at the deadline', async () => {
    await fault({ operation: 'LookupAccount', hang: true });
    const started = performance.now();
    const e = await failure(lookup());
    assert.equal(e.kind, 'timeout');
    assert.equal(e.outcomeUnknown, true);
    assert.ok(performance.now() - started < 2_000, 'gave up near the deadline');
  });

  it('types latency past the deadline as a timeout', async () => {
    await fault({ operation: 'LookupAccount', latencyMs: 800, times: 1 });
    assert.equal((await failure(lookup())).kind, 'timeout');
  });

  for (const status of [500, 503]) {
    it(`types a ${status} as a status error whose outcome is unknown`, async () => {
      await fault({ operation: 'LookupAccount', status, times: 1 });
      const e = await failure(lookup());
      assert.equal(e.kind, 'status');
      assert.equal(e.status, status);
      assert.equal(e.outcomeUnknown, true);
    });
  }

  for (const body of ['malformed', 'html', 'truncated']) {
    it(`types a ${body} answer as malformed, keeping the upstream text out of the message`, async () => {
      await fault({ operation: 'LookupAccount', body, times: 1 });
      const e = await failure(lookup());
      assert.equal(e.kind, 'malformed');
      assert.ok(!/html|Unexpected/i.test(e.message));
    });
  }

  it('types a reset connection as reset (outcome unknown)', async () => {
    await fault({ operation: 'LookupAccount', resetConnection: true, times: 1 });
    const e = await failure(lookup());
    assert.equal(e.kind, 'reset');
    assert.equal(e.outcomeUnknown, true);
  });

  it('types a refused connection as refused (the request never arrived)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const e = await failure(lookup({ ...config(), baseUrl: `http://127.0.0.1:${port}/api/v1/` }));
    assert.equal(e.kind, 'refused');
    assert.equal(e.outcomeUnknown, false);
  });

  it("passes the caller's abort through unchanged", async () => {
    await fault({ operation: 'LookupAccount', hang: true });
    const ctrl = new AbortController();
    const p = createInvoiceCloudClient({ ...config(), timeoutMs: 5_000 }).call(
      'LookupAccount',
      { AccountNumber: '1', CustomerName: 'x' },
      { signal: ctrl.signal },
    );
    ctrl.abort(new Error('caller gave up'));
    await assert.rejects(p, /caller gave up/);
  });
});
