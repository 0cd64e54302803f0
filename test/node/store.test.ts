/**
 * The broker's store, the same suite on each of its databases: SQLite (the
 * embedded default) and PostgreSQL (shared by several instances). The payment
 * ledger's own rules are held by the store itself: what an auditor reads there
 * cannot have been rewritten, and nothing unresolved can vanish. Sessions,
 * approval links, unregistered accounts, the outbox and the rate limits keep
 * what they are given, and each single-use thing is used once.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '../../src/broker/keyring.ts';
import { closedKeyDigest, PaymentLedger, type AttemptFacts } from '../../src/broker/ledger.ts';
import { outboxMailer } from '../../src/broker/mail.ts';
import { limiters } from '../../src/broker/rate-limit.ts';
import { SessionStore, type SessionData } from '../../src/broker/sessions.ts';
import { openStore, type Store } from '../../src/broker/store.ts';
import { UnregisteredAccounts } from '../../src/broker/unregistered.ts';
import { VerificationStore } from '../../src/broker/verifications.ts';
import { freshDatabase } from '../support/postgres.ts';

const facts = (over: Partial<AttemptFacts> = {}): AttemptFacts => ({
  scope: 'guest:100200300',
  key: 'key-00000001',
  actor: 'guest:token-1',
  accountNumber: '100200300',
  invoiceNumber: 'INV-1001',
  amountCents: 8420,
  method: { kind: 'card', brand: 'visa', last4: '1111' },
  requestId: 'req-1',
  ...over,
});
const DAY = 24 * 3600_000;
const START = Date.parse('2026-12-03T08:00:00Z');
/** A claim as payments.ts makes it: with the keyed digest of its key. */
const claimIn = (l: PaymentLedger, f: AttemptFacts, fingerprint: string) =>
  l.claim(f, [fingerprint], [closedKeyDigest(Buffer.from('test-secret'), f.scope, f.key)]);

const databases: { name: string; location: () => Promise<string> }[] = [
  { name: 'SQLite', location: async () => ':memory:' },
  { name: 'PostgreSQL', location: freshDatabase },
];

for (const database of databases) {
  describe(`the store on ${database.name}`, () => {
    const opened: Store[] = [];
    /** A store of its own, empty, with its own clock. */
    async function store() {
      let clock = START;
      const s = openStore(await database.location());
      opened.push(s);
      await s.ready;
      return { store: s, ledger: new PaymentLedger(s, () => clock), now: () => clock, advance: (ms: number) => (clock += ms) };
    }
    after(() => Promise.all(opened.map((s) => s.close())));

    describe('payment ledger', () => {
      it('claims a key once, and one unresolved attempt per bill whatever its key or case', async () => {
        const { ledger: l } = await store();
        const first = await claimIn(l, facts(), 'fp-1');
        assert.equal(first.kind, 'new');
        assert.equal((await claimIn(l, facts(), 'fp-1')).kind, 'pending', 'the same key, the same request');
        assert.equal((await claimIn(l, facts(), 'fp-2')).kind, 'mismatch', 'the same key, another request');
        const other = await claimIn(l, facts({ key: 'key-00000002', scope: 'user:u1', invoiceNumber: 'inv-1001' }), 'fp-3');
        assert.equal(other.kind, 'bill_open');
        assert.equal(
          (await claimIn(l, facts({ key: 'key-00000003', invoiceNumber: 'INV-1002' }), 'fp-4')).kind,
          'new',
          'another bill is free',
        );
      });

      it('claims a bill once when claims under different keys race', async () => {
        const { ledger: l } = await store();
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) => claimIn(l, facts({ key: `key-race-${i}`, requestId: `req-${i}` }), `fp-${i}`)),
        );
        assert.deepEqual(claims.map((c) => c.kind).sort(), [
          'bill_open',
          'bill_open',
          'bill_open',
          'bill_open',
          'bill_open',
          'bill_open',
          'bill_open',
          'new',
        ]);
      });

      it('refuses a key a status check closed, and a status check finds a claimed key', async () => {
        const { ledger: l } = await store();
        const digest = closedKeyDigest(Buffer.from('test-secret'), 'guest:100200300', 'key-closed');
        assert.equal(await l.findOrClose('guest:100200300', 'key-closed', [digest]), undefined);
        assert.equal((await claimIn(l, facts({ key: 'key-closed' }), 'fp')).kind, 'closed');
        const claimed = await claimIn(l, facts(), 'fp');
        assert.equal(claimed.kind, 'new');
        assert.equal((await l.findOrClose('guest:100200300', 'key-00000001', []))?.id, claimed.attempt.id);
      });

      it('resolves an attempt once; its history only grows', async () => {
        const { ledger: l } = await store();
        const claim = await claimIn(l, facts(), 'fp');
        assert.equal(claim.kind, 'new');
        const id = claim.attempt.id;
        await l.markUnknown(id, 'req-1');
        const paid = {
          state: 'succeeded',
          event: 'succeeded',
          result: { status: 200, body: { receipt: {} } },
          payment: { paymentId: 'P1', confirmationNumber: 'C1' },
        } as const;
        assert.equal(await l.resolve(id, paid, null, { by: 'reconciler' }), true);
        assert.equal(
          await l.resolve(id, { state: 'failed', event: 'refused', result: { status: 402, body: {} } }, 'req-2'),
          false,
          'final stays final',
        );
        assert.deepEqual(
          (await l.history(id)).map((h) => h.event),
          ['claimed', 'outcome_unknown', 'succeeded'],
        );
        assert.equal((await claimIn(l, facts({ key: 'key-00000002' }), 'fp')).kind, 'new', 'the bill is free once resolved');
      });

      it('refuses to rewrite facts or history, to reopen a final attempt, or to delete an unresolved one', async () => {
        const { store: s, ledger: l } = await store();
        const claim = await claimIn(l, facts(), 'fp');
        assert.equal(claim.kind, 'new');
        const id = claim.attempt.id;
        await assert.rejects(sql`UPDATE payment_attempts SET amount_cents = 1 WHERE id = ${id}`.execute(s.db), /written once/);
        await assert.rejects(sql`UPDATE payment_events SET event = 'succeeded' WHERE attempt_id = ${id}`.execute(s.db), /append-only/);
        await assert.rejects(sql`DELETE FROM payment_attempts WHERE id = ${id}`.execute(s.db), /never deleted/);
        await assert.rejects(sql`DELETE FROM payment_events WHERE attempt_id = ${id}`.execute(s.db), /never deleted/);
        await l.resolve(id, { state: 'failed', event: 'declined', result: { status: 402, body: {} } }, 'req-1');
        await assert.rejects(sql`UPDATE payment_attempts SET state = 'pending' WHERE id = ${id}`.execute(s.db), /stays resolved/);
      });

      it('prunes resolved attempts past the retention period and keeps unresolved ones however old', async () => {
        const { ledger: l, advance } = await store();
        const old = await claimIn(l, facts(), 'fp');
        const stuck = await claimIn(l, facts({ key: 'key-00000002', invoiceNumber: 'INV-1002' }), 'fp');
        assert.ok(old.kind === 'new' && stuck.kind === 'new');
        await l.resolve(old.attempt.id, { state: 'succeeded', event: 'succeeded', result: { status: 200, body: {} } }, 'req-1');
        advance(8 * 365 * DAY);
        assert.equal(await l.prune(START + DAY), 1);
        assert.equal(await l.get(old.attempt.id), undefined);
        assert.equal((await l.get(stuck.attempt.id))?.state, 'pending');
        assert.deepEqual(
          (await l.history(stuck.attempt.id)).map((h) => h.event),
          ['claimed'],
        );
      });

      it('leases an attempt to one sweeper at a time, even when they sweep at once', async () => {
        const { ledger: l, advance } = await store();
        assert.equal((await claimIn(l, facts(), 'fp')).kind, 'new');
        assert.equal((await claimIn(l, facts({ key: 'key-00000002', invoiceNumber: 'INV-1002' }), 'fp')).kind, 'new');
        advance(60_000);
        const now = START + 60_000;
        const [a, b] = await Promise.all([l.leaseSweepable(now - 30_000, now + 20_000), l.leaseSweepable(now - 30_000, now + 20_000)]);
        assert.equal(a.length + b.length, 2, 'each attempt leased once');
        assert.equal((await l.leaseSweepable(now - 30_000, now + 20_000)).length, 0, 'leased');
        advance(21_000);
        assert.equal((await l.leaseSweepable(now, now + 41_000)).length, 2, 'the lease ran out');
      });

      it('counts the declines of an account and marks its open bills, whatever the case of the number', async () => {
        const { ledger: l } = await store();
        const declined = await claimIn(l, facts({ accountNumber: 'ab-100' }), 'fp');
        assert.equal(declined.kind, 'new');
        await l.resolve(declined.attempt.id, { state: 'failed', event: 'declined', result: { status: 402, body: {} } }, 'req-1');
        assert.equal((await claimIn(l, facts({ key: 'key-00000002', accountNumber: 'AB-100', invoiceNumber: 'inv-7' }), 'fp')).kind, 'new');
        assert.deepEqual(await l.declinesSince('AB-100', 'guest:', START - 1), { count: 1, oldest: START });
        assert.deepEqual([...(await l.openByInvoice('ab-100'))], [['INV-7', START]]);
      });
    });

    it('keeps a session, slides its expiry, and keeps each Remote Authentication Token sealed', async () => {
      const { store: s, now, advance } = await store();
      const keyring = new Keyring([{ id: 'k1', secret: 'store-test-secret-0123456789abcdef' }]);
      const sessions = new SessionStore(s, keyring, now, 60_000, 3600_000);
      const login = { username: 'jane', icEmail: 'jane@example.com', loginGuid: 'L1', customerGuid: 'C1', authAccount: '100200300' };
      const data: SessionData = {
        userId: 'u1',
        email: 'jane@example.com',
        name: 'Jane',
        login,
        hostAccounts: ['100200300', '100200301'],
        leftOut: [],
        accounts: null,
        methods: null,
      };
      const { token } = await sessions.create(data, { token: 'RA-1', expiresAt: START + 600_000 });
      assert.deepEqual((await sessions.get(token))?.remoteAuths, { '100200300': { token: 'RA-1', expiresAt: START + 600_000 } });
      const [stored] = await s.db.selectFrom('sessions').select(['token_hash', 'remote_auth']).execute();
      assert.ok(stored && !stored.remote_auth.includes('RA-1') && stored.token_hash !== token, 'only a hash and a sealed value');
      // Two frames asking at once for two accounts: each keeps its token.
      await Promise.all([
        sessions.keepRemoteAuth(token, '100200301', { token: 'RA-2', expiresAt: START + 600_000 }, data.hostAccounts),
        sessions.keepRemoteAuth(token, '100200300', { token: 'RA-3', expiresAt: START + 600_000 }, data.hostAccounts),
      ]);
      assert.deepEqual(Object.keys((await sessions.get(token))!.remoteAuths).sort(), ['100200300', '100200301']);
      await sessions.update(token, { ...data, name: 'Jane Doe' });
      advance(50_000);
      assert.equal((await sessions.get(token))?.name, 'Jane Doe', 'used within the idle time');
      advance(61_000);
      assert.equal(await sessions.get(token), undefined, 'idle too long');
      const second = await sessions.create(data, null);
      await sessions.delete(second.token);
      assert.equal(await sessions.get(second.token), undefined);
    });

    it('uses an approval link once, gives it back, and lets it expire', async () => {
      const { store: s, now, advance } = await store();
      const links = new VerificationStore(s, now, 60_000);
      const { token } = await links.create({ userId: 'u1', loginGuid: 'L1', newEmail: 'new@example.com', passwordChange: false });
      assert.deepEqual(await links.get(token), {
        userId: 'u1',
        loginGuid: 'L1',
        newEmail: 'new@example.com',
        passwordChange: false,
        expiresAt: START + 60_000,
      });
      assert.deepEqual(await Promise.all([links.consume(token), links.consume(token)]).then((r) => r.sort()), [false, true]);
      assert.equal(await links.get(token), undefined, 'used');
      await links.restore(token);
      assert.equal((await links.get(token))?.userId, 'u1', 'given back');
      advance(60_000);
      assert.equal(await links.get(token), undefined, 'expired');
    });

    it('remembers unregistered accounts without regard to case, until they are forgotten', async () => {
      const { store: s, now } = await store();
      const accounts = new UnregisteredAccounts(s, now);
      await accounts.remember('u1', ['ab-1', 'AB-2']);
      await accounts.remember('u1', ['AB-1']);
      assert.deepEqual(await accounts.among('u1', ['AB-1', 'ab-2', 'AB-3']), ['AB-1', 'ab-2']);
      assert.deepEqual(await accounts.among('u2', ['AB-1']), []);
      await accounts.forget('u1', ['AB-1']);
      assert.deepEqual(await accounts.among('u1', ['ab-1', 'ab-2']), ['ab-2']);
    });

    it('keeps mail in the outbox, newest first', async () => {
      const { store: s } = await store();
      const outbox = outboxMailer(s);
      await outbox.send({ from: 'a@example.com', to: 'b@example.com', subject: 'first', text: '1' });
      await outbox.send({ from: 'a@example.com', to: 'b@example.com', subject: 'second', text: '2' });
      assert.deepEqual(
        (await outbox.list()).map((m) => m.subject),
        ['second', 'first'],
      );
    });

    it('counts a rate limit in the store it is given', async () => {
      const { store: s } = await store();
      const limit = limiters(s.pool)('store-test', 2, 60);
      await limit('client-1');
      await limit('client-1');
      await assert.rejects(limit('client-1'), /Too many attempts/);
      await limit('client-2');
    });
  });
}

describe('rate limits on PostgreSQL', () => {
  let stores: Store[];
  before(async () => {
    const url = await freshDatabase();
    stores = [openStore(url), openStore(url)];
    await Promise.all(stores.map((s) => s.ready));
  });
  after(() => Promise.all(stores.map((s) => s.close())));

  it('are counted together by every instance on one database', async () => {
    const [a, b] = stores.map((s) => limiters(s.pool)('shared', 3, 60));
    const outcomes = await Promise.allSettled([a!('ip-1'), b!('ip-1'), a!('ip-1'), b!('ip-1'), a!('ip-1'), b!('ip-1')]);
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 3, 'the limit, not twice it');
  });
});
