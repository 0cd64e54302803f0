import { Hono } from 'hono';
import { GuestLookupRequest, GuestPaymentRequest } from '../../contract/guest.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { findBill, payAsGuest } from '../flows/one-time-payment.ts';
import { answerPayment as answer, idempotencyKey, paymentDeps, paymentStatus } from '../payments.ts';
import { issueLookupToken, verifyLookupToken } from '../lookup-token.ts';
import { readBody } from '../validate.ts';

/** Guest routes: One Time Payment (seed), no session, rate limited. */
export function guestRoutes(deps: BrokerDeps) {
  const { options, ic, limits, log } = deps;
  const payments = paymentDeps(deps);

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
