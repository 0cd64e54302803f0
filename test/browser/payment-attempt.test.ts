/**
 * The exactly-once rules of PaymentAttemptController, with a scripted
 * channel so every failure mode is exact and instant. The real-stack versions of the
 * same stories live in ic-one-time-pay.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IcApiError, type IcErrorCode } from '../../src/client/errors.ts';
import type { GuestPaymentRequest, PaymentResult, Receipt } from '../../src/contract/index.ts';
import {
  ATTEMPT_STORAGE_KEY,
  loadAttempt,
  PaymentAttemptController,
  saveAttempt,
  type AttemptChannel,
  type AttemptOutcome,
} from '../../src/payments/payment-attempt.ts';
import { waitUntil } from './helpers/dom.ts';
import { visa } from '../support/cards.ts';
import { keptAttempt } from './helpers/attempts.ts';

const request: GuestPaymentRequest = {
  invoiceNumber: 'INV-1001',
  amountCents: 8420,
  method: visa(),
};
const receipt: Receipt = {
  paymentId: 'p1',
  confirmationNumber: 'C-1',
  accountNumber: '100200300',
  invoiceNumber: 'INV-1001',
  amountCents: 8420,
  paidAt: '2026-12-01T10:00:00Z',
  method: { kind: 'card', brand: 'visa', last4: '1111' },
};
const succeeded: PaymentResult = { status: 'succeeded', receipt };
const error = (code: IcErrorCode, retryAfterSeconds?: number) =>
  new IcApiError({
    code,
    message: code,
    retryable: false,
    requestId: 'r',
    status: 400,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });

type Step = PaymentResult | IcApiError | (() => Promise<PaymentResult>);

/** Answers each send and status check from a script and records the key and token (credential) it was asked with. */
function scriptedChannel(pay: Step[], status: Step[]) {
  const calls: { op: 'pay' | 'status'; token: string; key: string }[] = [];
  const answer = async (step: Step | undefined) => {
    if (step === undefined) throw new Error('unscripted call');
    if (step instanceof IcApiError) throw step;
    return typeof step === 'function' ? step() : step;
  };
  const channel: AttemptChannel<GuestPaymentRequest> = {
    send: (r) => {
      calls.push({ op: 'pay', token: r.credential, key: r.idempotencyKey });
      return answer(pay.shift());
    },
    status: (r) => {
      calls.push({ op: 'status', token: r.credential, key: r.idempotencyKey });
      return answer(status.shift());
    },
  };
  return { channel, calls };
}

function setup(channel: AttemptChannel<GuestPaymentRequest>, patienceMs?: number) {
  const outcomes: AttemptOutcome[] = [];
  const phases: string[] = [];
  const host: ReactiveControllerHost = {
    addController: (_c: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => phases.push(attempt.phase),
    updateComplete: Promise.resolve(true),
  };
  const attempt = new PaymentAttemptController(host, {
    channel,
    onOutcome: (o) => outcomes.push(o),
    backoff: () => 0,
    ...(patienceMs ? { patienceMs } : {}),
  });
  const settled = () => waitUntil(() => outcomes[0], 'an outcome', 5000);
  return { attempt, outcomes, phases, settled };
}

describe('PaymentAttemptController', () => {
  beforeEach(() => sessionStorage.clear());

  it('pays once and clears the stored attempt', async () => {
    const { channel, calls } = scriptedChannel([succeeded], []);
    const { attempt, settled } = setup(channel);
    expect(attempt.pay('tok', '100200300', request)).to.equal(true);
    expect(attempt.busy).to.equal(true);
    expect((await settled()).kind).to.equal('succeeded');
    expect(calls.map((c) => c.op)).to.deep.equal(['pay']);
    expect(attempt.busy).to.equal(false);
    expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
  });

  it('refuses a second pay() while the first is running', async () => {
    const { channel, calls } = scriptedChannel([succeeded, succeeded], []);
    const { attempt, settled } = setup(channel);
    expect(attempt.pay('tok', '100200300', request)).to.equal(true);
    expect(attempt.pay('tok', '100200300', request)).to.equal(false);
    await settled();
    expect(calls).to.have.length(1);
  });

  it('stores the key and what is needed to ask about it — never the card', () => {
    const { channel } = scriptedChannel([() => new Promise(() => {})], []);
    const { attempt } = setup(channel);
    attempt.pay('tok', '100200300', request);
    const raw = sessionStorage.getItem(ATTEMPT_STORAGE_KEY)!;
    expect(Object.keys(JSON.parse(raw)).sort()).to.deep.equal(
      ['accountNumber', 'amountCents', 'createdAt', 'idempotencyKey', 'invoiceNumber', 'credential'].sort(),
    );
    expect(raw).to.not.contain('4111');
    expect(raw).to.not.contain('Jane');
  });

  for (const code of [
    'network_error',
    'timeout',
    'invalid_response',
    'upstream_timeout',
    'internal',
    'idempotency_key_in_flight',
  ] as const) {
    it(`${code} on the payment → asks about the SAME key, never pays again`, async () => {
      const { channel, calls } = scriptedChannel(
        [error(code, 0.01)],
        [{ status: 'pending', retryAfterSeconds: 0.01, reviewing: false, confirmationEmail: false }, succeeded],
      );
      const { attempt, phases, settled } = setup(channel);
      attempt.pay('tok', '100200300', request);
      expect((await settled()).kind).to.equal('succeeded');
      expect(phases).to.deep.equal(['paying', 'confirming', 'idle']);
      expect(calls.map((c) => c.op)).to.deep.equal(['pay', 'status', 'status']);
      expect(new Set(calls.map((c) => c.key)).size).to.equal(1);
    });
  }

  it('202 pending → waits retryAfterSeconds, then asks with the same key', async () => {
    const { channel, calls } = scriptedChannel(
      [{ status: 'pending', retryAfterSeconds: 1, reviewing: false, confirmationEmail: false }],
      [succeeded],
    );
    const { attempt, settled } = setup(channel);
    const started = Date.now();
    attempt.pay('tok', '100200300', request);
    await settled();
    expect(Date.now() - started).to.be.at.least(950);
    expect(calls[1]).to.deep.include({ op: 'status', key: calls[0]!.key });
  });

  // payment_being_confirmed: the broker sent nothing (another attempt at the bill is unresolved), so its key is never asked about.
  for (const code of [
    'card_declined',
    'insufficient_funds',
    'account_closed',
    'payment_declined',
    'invoice_not_payable',
    'rate_limited',
    'payment_being_confirmed',
  ] as const) {
    it(`${code} is final: no status check; the next attempt gets a new key`, async () => {
      const { channel, calls } = scriptedChannel([error(code), succeeded], []);
      const { attempt, outcomes, settled } = setup(channel);
      attempt.pay('tok', '100200300', request);
      const first = await settled();
      expect(first).to.deep.include({ kind: 'failed' });
      expect((first as { error: IcApiError }).error.code).to.equal(code);
      expect(loadAttempt()).to.equal(null);
      attempt.pay('tok', '100200300', request);
      await waitUntil(() => outcomes[1], 'second outcome');
      expect(calls.map((c) => c.op)).to.deep.equal(['pay', 'pay']);
      expect(calls[0]!.key).to.not.equal(calls[1]!.key);
    });
  }

  it('a status check that finds no such key (404) ends the attempt: nothing was charged', async () => {
    const { channel } = scriptedChannel([error('network_error')], [error('not_found')]);
    const { attempt, settled } = setup(channel);
    attempt.pay('tok', '100200300', request);
    const outcome = await settled();
    expect(outcome.kind).to.equal('failed');
    expect((outcome as { error: IcApiError }).error.code).to.equal('not_found');
    expect(loadAttempt()).to.equal(null);
  });

  it('keeps asking through failures of the status check that say nothing of the payment', async () => {
    const { channel, calls } = scriptedChannel(
      [error('timeout')],
      [
        error('network_error', 0.01),
        error('rate_limited', 0.01),
        error('upstream_unavailable', 0.01),
        error('forbidden', 0.01),
        error('internal', 0.01),
        succeeded,
      ],
    );
    const { attempt, settled } = setup(channel);
    attempt.pay('tok', '100200300', request);
    expect((await settled()).kind).to.equal('succeeded');
    expect(calls.filter((c) => c.op === 'status')).to.have.length(6);
  });

  it('an expired look-up while confirming keeps the attempt; resume(newToken) asks again with it', async () => {
    const { channel, calls } = scriptedChannel([error('timeout')], [error('lookup_expired'), succeeded]);
    const { attempt, outcomes, settled } = setup(channel);
    attempt.pay('old', '100200300', request);
    const outcome = await settled();
    expect(outcome).to.deep.include({ kind: 'expired', unresolved: true });
    expect(loadAttempt()?.credential).to.equal('old');
    expect(attempt.pay('new', '100200300', request), 'no new attempt while one is unresolved').to.equal(false);
    expect(attempt.resume('new')).to.equal(true);
    await waitUntil(() => outcomes[1], 'second outcome');
    expect(outcomes[1]!.kind).to.equal('succeeded');
    expect(calls.at(-1)).to.deep.include({ op: 'status', token: 'new', key: calls[0]!.key });
  });

  it('an expired look-up on the payment itself is final (nothing was sent on)', async () => {
    const { channel } = scriptedChannel([error('lookup_expired')], []);
    const { attempt, settled } = setup(channel);
    attempt.pay('tok', '100200300', request);
    expect(await settled()).to.deep.include({ kind: 'expired', unresolved: false });
    expect(loadAttempt()).to.equal(null);
  });

  it('under review: says so, and whether an email will follow; keeps asking the same key, and still stalls', async () => {
    const review: PaymentResult = { status: 'pending', retryAfterSeconds: 0.01, reviewing: true, confirmationEmail: true };
    const { channel, calls } = scriptedChannel(
      [{ status: 'pending', retryAfterSeconds: 0.01, reviewing: false, confirmationEmail: false }],
      Array.from({ length: 50 }, () => review),
    );
    const { attempt } = setup(channel, 60);
    attempt.pay('tok', '100200300', request);
    expect(attempt.reviewing).to.equal(false);
    await waitUntil(() => attempt.reviewing, 'under review');
    expect(attempt.confirmationEmail).to.equal(true);
    await waitUntil(() => attempt.phase === 'stalled', 'stalled');
    expect(attempt.reviewing).to.equal(true);
    expect(loadAttempt()).to.not.equal(null);
    expect(calls.filter((c) => c.op === 'pay')).to.have.length(1);
    expect(new Set(calls.map((c) => c.key)).size).to.equal(1);
  });

  it('stalls after its patience runs out, and "check again" resumes', async () => {
    const pending: PaymentResult = { status: 'pending', retryAfterSeconds: 0.02, reviewing: false, confirmationEmail: false };
    let settledUpstream = false;
    const { channel } = scriptedChannel(
      [pending],
      Array.from({ length: 50 }, () => async () => (settledUpstream ? succeeded : pending)),
    );
    const { attempt, settled } = setup(channel, 30);
    attempt.pay('tok', '100200300', request);
    await waitUntil(() => attempt.phase === 'stalled', 'stalled');
    expect(loadAttempt()).to.not.equal(null);
    expect(attempt.pay('tok', '100200300', request)).to.equal(false);
    settledUpstream = true;
    expect(attempt.resume()).to.equal(true);
    expect((await settled()).kind).to.equal('succeeded');
  });

  it('backs off between status checks even when the broker says "2 seconds"', async () => {
    const { channel } = scriptedChannel([], []);
    const waits: number[] = [];
    const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) };
    const attempt = new PaymentAttemptController(host, { channel, onOutcome: () => {} });
    // The default schedule, read through a spy on setTimeout.
    const original = window.setTimeout;
    window.setTimeout = ((fn: () => void, ms?: number) => {
      if (ms !== 25) waits.push(ms ?? 0); // 25 ms: waitUntil's own polling
      return original(fn, 0);
    }) as typeof window.setTimeout;
    const pending: PaymentResult = { status: 'pending', retryAfterSeconds: 2, reviewing: false, confirmationEmail: false };
    let calls = 0;
    channel.status = async () => (++calls < 7 ? pending : succeeded);
    saveAttempt(keptAttempt('t', { idempotencyKey: 'key-backoff-1', accountNumber: '1', invoiceNumber: 'I', amountCents: 1 }));
    try {
      attempt.resume();
      await waitUntil(() => calls >= 7, 'seven checks');
    } finally {
      window.setTimeout = original;
    }
    expect(waits.slice(0, 7)).to.deep.equal([0, 2000, 2000, 4000, 8000, 15000, 15000]);
  });

  it('resumes a stored attempt (a reload) by asking about it', async () => {
    saveAttempt(keptAttempt('tok', { idempotencyKey: 'stored-key-123' }));
    const { channel, calls } = scriptedChannel([], [succeeded]);
    const { attempt, settled } = setup(channel);
    attempt.hostConnected();
    expect((await settled()).kind).to.equal('succeeded');
    expect(calls).to.deep.equal([{ op: 'status', token: 'tok', key: 'stored-key-123' }]);
  });

  it('drops a stored attempt older than the broker keeps keys (24 h)', () => {
    saveAttempt(keptAttempt('tok', { idempotencyKey: 'old-key-123', createdAt: new Date(Date.now() - 25 * 3600_000).toISOString() }));
    expect(loadAttempt()).to.equal(null);
    expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
  });

  it('a disconnect stops asking but keeps the attempt for later', async () => {
    const { channel } = scriptedChannel(
      [error('timeout')],
      [{ status: 'pending', retryAfterSeconds: 5, reviewing: false, confirmationEmail: false }],
    );
    const { attempt } = setup(channel);
    attempt.pay('tok', '100200300', request);
    await waitUntil(() => attempt.phase === 'confirming', 'confirming');
    attempt.hostDisconnected();
    expect(attempt.phase).to.equal('idle');
    expect(loadAttempt()).to.not.equal(null);
  });
});
