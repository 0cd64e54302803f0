/**
 * Rotating the broker's secrets (BROKER_SECRETS, newest first): what the old
 * secret made — look-up tokens, sessions, the fingerprints of payments and
 * the keys a status check closed — keeps working under a ring that still
 * holds it, and stops once it is dropped. Three brokers in turn on one store
 * and one sandbox, as instances restarted with a new ring would be.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Keyring, type RingSecret } from '../../src/broker/keyring.ts';
import { parseSecrets } from '../../src/broker/options.ts';
import { createLogger } from '../../src/broker/logger.ts';
import { startBroker } from '../../src/broker/server.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { TEST_HOST_KEY } from '../support/stack.ts';
import { USERS } from '../support/users.ts';
import { request } from './http.ts';
import { visa } from '../support/cards.ts';

const OLD: RingSecret = { id: 'old', secret: 'o'.repeat(40) };
const NEW: RingSecret = { id: 'new', secret: 'n'.repeat(40) };

describe('broker: rotating BROKER_SECRETS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-rotation-'));
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let broker: Awaited<ReturnType<typeof startBroker>> | undefined;
  let url = '';

  /** Replaces the running broker with one holding `secrets`, on the same store. */
  async function restartWith(secrets: RingSecret[]) {
    await broker?.close();
    broker = await startBroker({
      port: 0,
      broker: {
        invoiceCloud: { baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key', timeoutMs: 2_000 },
        dbPath: join(dir, 'broker.db'),
        secrets,
        corsOrigins: ['*'],
        hostApiKeys: [TEST_HOST_KEY],
        reconcileIntervalMs: 0,
        logger: createLogger({ level: 'silent' }),
        production: false,
      },
    });
    url = `${broker.url}/api/v1`;
  }

  const lookup = async () => {
    const r = await request(`${url}/guest/lookup`, { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });
    assert.equal(r.status, 200, r.text);
    return r.body.lookupToken as string;
  };
  const pay = (token: string, key: string, amountCents = 1000) =>
    request(`${url}/guest/payments`, {
      method: 'POST',
      json: { invoiceNumber: 'INV-1001', amountCents, method: visa() },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
    });
  const status = (token: string, key: string) => request(`${url}/guest/payments/${key}`, { headers: { authorization: `Bearer ${token}` } });
  const signIn = async () => {
    const r = await request(`${url}/sessions`, { method: 'POST', json: USERS.john, headers: { 'x-ic-host-key': TEST_HOST_KEY } });
    assert.equal(r.status, 200, r.text);
    return r.body.token as string;
  };
  const me = (session: string) => request(`${url}/me`, { headers: { authorization: `Bearer ${session}` } });

  // Made under the old ring alone.
  let oldLookup = '';
  let oldSession = '';
  const paidKey = randomUUID();
  const closedKey = randomUUID();
  let confirmation = '';

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    await restartWith([OLD]);
    oldLookup = await lookup();
    const paid = await pay(oldLookup, paidKey);
    assert.equal(paid.status, 200, paid.text);
    confirmation = paid.body.receipt.confirmationNumber;
    assert.equal((await status(oldLookup, closedKey)).status, 404, 'a status check of an unseen key closes it');
    oldSession = await signIn();
  });
  after(async () => {
    await broker?.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with the new secret first and the old one kept, everything the old one made still works', async () => {
    await restartWith([NEW, OLD]);
    assert.equal((await me(oldSession)).status, 200, 'the session opened under the old secret');
    const replay = await pay(oldLookup, paidKey);
    assert.equal(replay.status, 200, replay.text);
    assert.equal(
      replay.body.receipt.confirmationNumber,
      confirmation,
      'the retry matched its fingerprint and was answered, not charged again',
    );
    assert.equal(
      (await pay(oldLookup, paidKey, 2000)).body.error.code,
      'idempotency_key_reused',
      'a different payment under that key is still refused',
    );
    assert.equal(
      (await pay(oldLookup, closedKey)).body.error.code,
      'idempotency_key_closed',
      'the key closed under the old secret stays closed',
    );
  });

  it('while a rotation rolls out, a key closed on an instance with the new secret is closed on one still without it', async () => {
    await restartWith([NEW, OLD]);
    const key = randomUUID();
    assert.equal((await status(oldLookup, key)).status, 404, 'asked about on a rotated instance: nothing charged, and the key closes');
    await restartWith([OLD]);
    const refused = await pay(oldLookup, key);
    assert.equal(refused.body.error?.code, 'idempotency_key_closed', refused.text);
  });

  it('once the old secret is dropped, what it made has ended and what the new one made works', async () => {
    await restartWith([NEW, OLD]);
    const newLookup = await lookup();
    const newSession = await signIn();
    await restartWith([NEW]);
    const refused = await status(oldLookup, randomUUID());
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'lookup_expired');
    assert.equal((await me(oldSession)).status, 401, 'the old session has ended: the user signs in again');
    assert.equal(
      (await status(newLookup, randomUUID())).status,
      404,
      'the new look-up token is accepted (and the key it asked about is unseen)',
    );
    assert.equal((await me(newSession)).status, 200);
  });

  it('reads BROKER_SECRETS as id:secret pairs, newest first, and refuses what it cannot use', () => {
    assert.deepEqual(parseSecrets(`new:${NEW.secret}, old:${OLD.secret}`), [NEW, OLD]);
    assert.deepEqual(parseSecrets('k:with:colons-in-it-0123456789012345'), [{ id: 'k', secret: 'with:colons-in-it-0123456789012345' }]);
    assert.throws(() => parseSecrets('no-id-here'), /id:secret/);
    assert.throws(() => new Keyring([{ id: 'short', secret: 'x'.repeat(31) }]), /"short" must be at least 32 characters/);
    assert.throws(() => new Keyring([NEW, { ...OLD, id: 'new' }]), /the id "new" names two secrets/);
    assert.throws(() => new Keyring([{ id: 'has.dot', secret: NEW.secret }]), /letters, digits/);
  });
});
