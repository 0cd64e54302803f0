/**
 * The payment ledger's own rules, held by the store itself: what an auditor
 * reads there cannot have been rewritten, and nothing unresolved can vanish.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedKeyDigest, PaymentLedger, type AttemptFacts } from '../../src/broker/ledger.ts';
import { openStore } from '../../src/broker/store.ts';

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
/** A claim as payments.ts makes it: with the keyed digest of its key. */
const claimIn = (l: PaymentLedger, f: AttemptFacts, fingerprint: string) =>
  l.claim(f, [fingerprint], [closedKeyDigest(Buffer.from('test-secret'), f.scope, f.key)]);

function ledger() {
  let clock = Date.parse('2026-12-03T08:00:00Z');
  const db = openStore(':memory:');
  return { db, ledger: new PaymentLedger(db, () => clock), advance: (ms: number) => (clock += ms) };
}

describe('payment ledger', () => {
  it('claims a key once, and one unresolved attempt per bill whatever its key or case', () => {
    const { ledger: l } = ledger();
    const first = claimIn(l, facts(), 'fp-1');
    assert.equal(first.kind, 'new');
    assert.equal(claimIn(l, facts(), 'fp-1').kind, 'pending', 'the same key, the same request');
    assert.equal(claimIn(l, facts(), 'fp-2').kind, 'mismatch', 'the same key, another request');
    const other = claimIn(l, facts({ key: 'key-00000002', scope: 'user:u1', invoiceNumber: 'inv-1001' }), 'fp-3');
    assert.equal(other.kind, 'bill_open');
    assert.equal(claimIn(l, facts({ key: 'key-00000003', invoiceNumber: 'INV-1002' }), 'fp-4').kind, 'new', 'another bill is free');
  });

  it('resolves an attempt once; its history only grows', () => {
    const { ledger: l } = ledger();
    const claim = claimIn(l, facts(), 'fp');
    assert.equal(claim.kind, 'new');
    const id = claim.attempt.id;
    l.markUnknown(id, 'req-1');
    const paid = {
      state: 'succeeded',
      event: 'succeeded',
      result: { status: 200, body: { receipt: {} } },
      payment: { paymentId: 'P1', confirmationNumber: 'C1' },
    } as const;
    assert.equal(l.resolve(id, paid, null, { by: 'reconciler' }), true);
    assert.equal(
      l.resolve(id, { state: 'failed', event: 'refused', result: { status: 402, body: {} } }, 'req-2'),
      false,
      'final stays final',
    );
    assert.deepEqual(
      l.history(id).map((h) => h.event),
      ['claimed', 'outcome_unknown', 'succeeded'],
    );
    assert.equal(claimIn(l, facts({ key: 'key-00000002' }), 'fp').kind, 'new', 'the bill is free once resolved');
  });

  it('refuses to rewrite facts or history, to reopen a final attempt, or to delete an unresolved one', () => {
    const { db, ledger: l } = ledger();
    const claim = claimIn(l, facts(), 'fp');
    assert.equal(claim.kind, 'new');
    const id = claim.attempt.id;
    assert.throws(() => db.prepare('UPDATE payment_attempts SET amount_cents = 1 WHERE id = ?').run(id), /written once/);
    assert.throws(() => db.prepare('UPDATE payment_events SET event = ? WHERE attempt_id = ?').run('succeeded', id), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM payment_attempts WHERE id = ?').run(id), /never deleted/);
    assert.throws(() => db.prepare('DELETE FROM payment_events WHERE attempt_id = ?').run(id), /never deleted/);
    l.resolve(id, { state: 'failed', event: 'declined', result: { status: 402, body: {} } }, 'req-1');
    assert.throws(() => db.prepare(`UPDATE payment_attempts SET state = 'pending' WHERE id = ?`).run(id), /stays resolved/);
  });

  it('prunes resolved attempts past the retention period and keeps unresolved ones however old', () => {
    const { ledger: l, advance } = ledger();
    const old = claimIn(l, facts(), 'fp');
    const stuck = claimIn(l, facts({ key: 'key-00000002', invoiceNumber: 'INV-1002' }), 'fp');
    assert.ok(old.kind === 'new' && stuck.kind === 'new');
    l.resolve(old.attempt.id, { state: 'succeeded', event: 'succeeded', result: { status: 200, body: {} } }, 'req-1');
    advance(8 * 365 * DAY);
    assert.equal(l.prune(Date.parse('2026-12-03T08:00:00Z') + DAY), 1);
    assert.equal(l.get(old.attempt.id), undefined);
    assert.equal(l.get(stuck.attempt.id)?.state, 'pending');
    assert.deepEqual(
      l.history(stuck.attempt.id).map((h) => h.event),
      ['claimed'],
    );
  });

  it('leases an attempt to one sweeper at a time', () => {
    const { ledger: l, advance } = ledger();
    const claim = claimIn(l, facts(), 'fp');
    assert.equal(claim.kind, 'new');
    advance(60_000);
    const now = Date.parse('2026-12-03T08:01:00Z');
    assert.equal(l.leaseSweepable(now - 30_000, now + 20_000).length, 1);
    assert.equal(l.leaseSweepable(now - 30_000, now + 20_000).length, 0, 'leased');
    advance(21_000);
    assert.equal(l.leaseSweepable(now, now + 41_000).length, 1, 'the lease ran out');
  });
});
