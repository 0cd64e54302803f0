import type { MiddlewareHandler } from 'hono';
import { guestActor } from '../audit.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { findBill, payAsGuest } from '../flows/one-time-payment.ts';
import { paymentDeps, paymentStatus, withPendingPayments } from '../payments.ts';
import { issueLookupToken } from '../lookup-token.ts';
import { rateLimited } from '../rate-limit.ts';
import { answerPayment, declaredRoutes, idempotencyKey } from '../routing.ts';

const HOUR_MS = 3600_000;

/** Guest routes: One Time Payment (seed), no session, rate limited. */
export function guestRoutes(deps: BrokerDeps) {
  const { options, ic, limits, ledger } = deps;
  const { minimumPaymentCents, declinesPerAccountPerHour } = options.guestLimits;
  const payments = paymentDeps(deps);
  const scopeOf = (accountNumber: string) => `guest:${accountNumber}`;

  /**
   * Card testing: a new attempt (not a retry of one) counts against its look-up
   * token, and waits while the account has had too many declines this hour.
   * Both are checked before anything is claimed or sent.
   */
  const admitNewAttempt = async (accountNumber: string, tokenId: string, key: string) => {
    const earlier = await ledger.find(scopeOf(accountNumber), key);
    if (earlier && earlier.state !== 'not_sent') return;
    await limits.attemptsPerLookup(tokenId);
    const now = options.now();
    const declines = await ledger.declinesSince(accountNumber, 'guest:', now - HOUR_MS);
    if (declines.count >= declinesPerAccountPerHour) {
      const retryAfter = Math.max(1, Math.ceil((declines.oldest! + HOUR_MS - now) / 1000));
      throw rateLimited(
        retryAfter,
        `Too many payments of this account were declined. Please wait ${Math.ceil(retryAfter / 60)} minutes and try again, or call us.`,
      );
    }
  };

  /** A per-IP limit, before the look-up token is checked: callers with bad tokens count too. */
  const perIp =
    (limit: (key: string) => Promise<void>): MiddlewareHandler<BrokerEnv> =>
    async (c, next) => {
      await limit(c.get('clientIp'));
      await next();
    };
  const perToken =
    (limit: (key: string) => Promise<void>): MiddlewareHandler<BrokerEnv> =>
    async (c, next) => {
      await limit(c.get('lookup').tokenId);
      await next();
    };

  const { app, serve } = declaredRoutes(deps);
  serve('lookupGuestAccount', { before: [perIp(limits.lookupPerIp)] }, async (c) => {
    const req = c.req.valid('json');
    // Counted per account whoever asks, so names cannot be guessed from many IPs.
    await limits.lookupPerAccount(req.accountNumber.toUpperCase());
    const account = await findBill(ic, req.accountNumber, req.lastName);
    const { token, expiresAt } = await issueLookupToken(options.keyring, account.accountNumber, options.now(), options.lookupTokenSeconds);
    return c.json({
      lookupToken: token,
      expiresAt,
      minimumPaymentCents,
      account: {
        accountNumber: account.accountNumber,
        customerName: account.customerName,
        balanceCents: account.balanceCents,
        invoices: await withPendingPayments(ledger, account.accountNumber, account.openInvoices),
      },
    });
  });
  serve('payAsGuest', { before: [perIp(limits.paymentPerIp)], after: [perToken(limits.paymentPerToken)] }, async (c) => {
    const { accountNumber, tokenId } = c.get('lookup');
    const key = c.get('idempotencyKey');
    const request = c.req.valid('json');
    if (request.amountCents < minimumPaymentCents) {
      const smallest = `$${(minimumPaymentCents / 100).toFixed(2)}`;
      throw new BrokerError('validation_failed', 400, `The smallest payment accepted online is ${smallest}.`, {
        fields: { amountCents: `At least ${smallest}.` },
      });
    }
    await admitNewAttempt(accountNumber, tokenId, key);
    const outcome = await payAsGuest(payments, {
      scope: scopeOf(accountNumber),
      key,
      actor: guestActor(tokenId),
      requestId: c.get('requestId'),
      accountNumber,
      request,
    });
    return answerPayment(c, outcome);
  });
  serve('getGuestPayment', { before: [perIp(limits.statusPerIp)], after: [perToken(limits.statusPerToken)] }, async (c) => {
    const key = idempotencyKey(c.req.param('key'));
    return answerPayment(c, await paymentStatus(payments, scopeOf(c.get('lookup').accountNumber), key, c.get('requestId')));
  });
  return app;
}
