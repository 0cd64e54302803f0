import { Hono, type Context } from 'hono';
import { GuestLookupRequest, GuestPaymentRequest, IdempotencyKey } from '../../contract/guest.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { findBill, payAsGuest } from '../flows/one-time-payment.ts';
import { paymentStatus, type PaymentDeps, type PaymentOutcome } from '../payments.ts';
import { issueLookupToken, verifyLookupToken } from '../lookup-token.ts';
import { check, readBody } from '../validate.ts';

/** Guest routes: One Time Payment (seed), no session, rate limited. */
export function guestRoutes(deps: BrokerDeps) {
  const { options, ic, limits, log } = deps;
  const payments: PaymentDeps = {
    ic,
    idempotency: deps.idempotency,
    reconcileWindowMs: options.reconcileWindowMs,
    now: options.now,
    onUnknown: (info) => log.warn({ event: 'payment_outcome_unknown', ...info }, 'payment outcome unknown; will reconcile'),
  };

  const answer = (c: Context<BrokerEnv>, outcome: PaymentOutcome) => {
    if (outcome.kind === 'succeeded') return c.json({ status: 'succeeded' as const, receipt: outcome.receipt }, 200);
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return c.json({ status: 'pending' as const, retryAfterSeconds: outcome.retryAfterSeconds }, 202);
  };

  return new Hono<BrokerEnv>()
    .post('/lookup', async (c) => {
      await limits.lookupPerIp(c.get('clientIp'));
      const req = await readBody(c, GuestLookupRequest);
      // Counted per account whoever asks, so names cannot be guessed from many IPs.
      await limits.lookupPerAccount(req.accountNumber.toUpperCase());
      const account = await findBill(ic, req.accountNumber, req.lastName);
      const { token, expiresAt } = await issueLookupToken(options.secret, account.accountNumber, options.now(), options.lookupTokenSeconds);
      return c.json({
        lookupToken: token,
        expiresAt,
        account: {
          accountNumber: account.accountNumber,
          customerName: account.customerName,
          balanceCents: account.balanceCents,
          invoices: account.openInvoices,
        },
      });
    })
    .post('/payments', async (c) => {
      await limits.paymentPerIp(c.get('clientIp'));
      const accountNumber = await verifyLookupToken(options.secret, c.req.header('authorization'));
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const request = await readBody(c, GuestPaymentRequest);
      const outcome = await payAsGuest(payments, { scope: `guest:${accountNumber}`, key, accountNumber, request });
      log.info({ event: 'guest_payment', accountNumber, outcome: outcome.kind, requestId: c.get('requestId') });
      return answer(c, outcome);
    })
    .get('/payments/:key', async (c) => {
      await limits.statusPerIp(c.get('clientIp'));
      const accountNumber = await verifyLookupToken(options.secret, c.req.header('authorization'));
      const key = idempotencyKey(c.req.param('key'));
      return answer(c, await paymentStatus(payments, `guest:${accountNumber}`, key));
    });
}

function idempotencyKey(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new BrokerError('idempotency_key_required', 400, 'Payments need an Idempotency-Key header: one new key per payment attempt.');
  }
  return check(IdempotencyKey, value, 'The Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
}
