import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/broker/logger.ts';
import { startStack, type StartedStack } from '../support/stack.ts';
import { bank, request, visa } from './http.ts';

const CARD = '378282246310005';
const CODE = '7373';
const BANK_ACCOUNT = '123456789';

describe('secrets never reach disk or logs', () => {
  let dir: string;
  let stack: StartedStack;
  const logLines: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-secrets-'));
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    stack = await startStack({
      sandboxDbPath: join(dir, 'sandbox.db'),
      broker: { dbPath: join(dir, 'broker.db'), logger: createLogger({ level: 'debug' }, sink) },
    });
  });
  let closed = false;
  after(async () => {
    if (!closed) await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after card and bank payments, neither database nor any log line holds the number or code', async () => {
    const look = await request(`${stack.brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });
    const auth = { authorization: `Bearer ${look.body.lookupToken}` };
    const card = visa({ number: CARD, securityCode: CODE });
    for (const [amountCents, method] of [
      [1000, card],
      [1000, visa({ number: '4000000000000002' })],
      [1000, bank({ accountNumber: BANK_ACCOUNT })],
      [100, visa({ number: CARD, securityCode: '12' })], // invalid: rejected by validation
    ] as const) {
      await request(`${stack.brokerUrl}/guest/payments`, {
        method: 'POST',
        json: { invoiceNumber: 'INV-1001', amountCents, method },
        headers: { ...auth, 'idempotency-key': randomUUID() },
      });
    }
    // A card number typed into a URL must not reach the access log either.
    await request(`${stack.brokerUrl}/guest/payments/${CARD}`, { headers: auth });
    const paid = await request(`${stack.sandboxUrl}/__sandbox/payments?account=100200300`);
    assert.equal(paid.body.length, 3, 'the payments really happened');
    // Closing flushes the SQLite write-ahead logs into the files we read.
    await stack.close();
    closed = true;

    const files = readdirSync(dir).map((f) => join(dir, f));
    assert.ok(files.some((f) => f.endsWith('broker.db')) && files.some((f) => f.endsWith('sandbox.db')));
    const haystacks = [...files.map((f) => ({ name: f, text: readFileSync(f).toString('latin1') })), { name: 'logs', text: logLines.join('') }];
    assert.ok(logLines.length > 0, 'logs were captured');
    for (const { name, text } of haystacks) {
      for (const secret of [CARD, '4000000000000002', BANK_ACCOUNT, `"${CODE}"`]) {
        assert.ok(!text.includes(secret), `${name} contains a secret`);
      }
      assert.ok(!/securityCode|SecurityCode|CardNumber/.test(text), `${name} names a card field`);
    }
  });
});
