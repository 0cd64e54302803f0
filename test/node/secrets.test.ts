import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '../../src/broker/keyring.ts';
import { requestFingerprint } from '../../src/broker/ledger.ts';
import { capturedLogger } from '../support/logs.ts';
import { startStack, type StartedStack } from '../support/stack.ts';
import { request } from './http.ts';
import { bank, visa } from '../support/cards.ts';

const CARD = '378282246310005';
const SECRET = 'secrets-test-broker-secret-0123456789abcdef';
const CODE = '7373';
const BANK_ACCOUNT = '123456789';

describe('secrets never reach disk or logs', () => {
  let dir: string;
  let stack: StartedStack;
  const { logger, lines: logLines } = capturedLogger();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-secrets-'));
    stack = await startStack({
      sandboxDbPath: join(dir, 'sandbox.db'),
      broker: { dbPath: join(dir, 'broker.db'), secret: SECRET, logger },
    });
  });
  let closed = false;
  after(async () => {
    if (!closed) await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after card and bank payments, neither database nor any log line holds the number or code', async () => {
    const look = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'POST',
      json: { accountNumber: '100200300', lastName: 'Doe' },
    });
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
    const haystacks = [
      ...files.map((f) => ({ name: f, text: readFileSync(f).toString('latin1') })),
      { name: 'logs', text: logLines.join('') },
    ];
    assert.ok(logLines.length > 0, 'logs were captured');
    for (const { name, text } of haystacks) {
      for (const secret of [CARD, '4000000000000002', BANK_ACCOUNT, `"${CODE}"`]) {
        assert.ok(!text.includes(secret), `${name} contains a secret`);
      }
      assert.ok(!/securityCode|SecurityCode|CardNumber/.test(text), `${name} names a card field`);
    }
  });

  it('keeps in the payment ledger only what the fingerprint rule names: nothing derived from the number or code', () => {
    const db = new Database(join(dir, 'broker.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM payment_attempts ORDER BY id').all() as Record<string, unknown>[];
    db.close();
    assert.equal(rows.length, 3, 'the three payments that passed validation');
    // Each fingerprint is exactly the keyed hash of the card-free fields: the number and code cannot have gone into it.
    const expiry = { expMonth: 12, expYear: 2030 };
    const sent = [
      { method: { kind: 'card', brand: 'amex', last4: '0005', ...expiry } },
      { method: { kind: 'card', brand: 'visa', last4: '0002', ...expiry } },
      { method: { kind: 'ach', brand: 'checking', last4: '6789' } },
    ] as const;
    const fingerprintKey = new Keyring([{ id: 'secret', secret: SECRET }]).current('request-fingerprint').key;
    rows.forEach((row, i) => {
      const method = sent[i]!.method;
      assert.deepEqual([row.method_kind, row.method_brand, row.method_last4], [method.kind, method.brand, method.last4]);
      assert.equal(
        row.fingerprint,
        requestFingerprint(fingerprintKey, { accountNumber: '100200300', invoiceNumber: 'INV-1001', amountCents: 1000, method }),
      );
    });
    // Nor is any hash of the number or the code stored, in any usual encoding.
    const text = JSON.stringify(rows);
    for (const value of [CARD, CODE, BANK_ACCOUNT, '4000000000000002']) {
      for (const digest of [
        createHash('sha256').update(value).digest(),
        createHmac('sha256', SECRET).update(value).digest(),
        createHmac('sha256', fingerprintKey).update(value).digest(),
      ]) {
        for (const encoding of ['hex', 'base64', 'base64url'] as const)
          assert.ok(!text.includes(digest.toString(encoding)), 'a digest of a secret is stored');
      }
    }
  });
});
