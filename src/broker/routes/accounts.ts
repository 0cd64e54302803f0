import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { AutopayRequest, BillPaymentRequest, LinkAccountRequest, PaperlessRequest } from '../../contract/self-service.ts';
import { auditUser, userActor } from '../audit.ts';
import { requireLogin, requireSession } from '../auth.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { setAutopay } from '../flows/autopay.ts';
import { billsOf, payBill } from '../flows/registered-payment.ts';
import { answerPayment, idempotencyKey, paymentDeps, paymentStatus } from '../payments.ts';
import { synced } from '../sync.ts';
import { check, readBody } from '../validate.ts';

const Page = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  before: z.optional(z.string().check(z.maxLength(64))),
});

/**
 * The signed-in user's accounts (seed: Registered User Payment, Paperless,
 * AutoPay, Manage Accounts). Every route acts only on an account of the
 * session's synced copy; any other number is a 404, whoever owns it.
 */
export function accountRoutes(deps: BrokerDeps) {
  const { ic } = deps;
  const payments = paymentDeps(deps);
  const token = (c: Context<BrokerEnv>) => c.get('sessionToken');

  /**
   * The session, synced, the account named in the path, which must be the
   * user's, and their login (a session without one has no accounts: a 404 first).
   */
  const own = async (c: Context<BrokerEnv>) => {
    const session = await synced(deps, token(c), c.get('session'));
    const account = session.accounts.find((a) => a.accountNumber === c.req.param('account'));
    if (!account) throw new BrokerError('account_not_found', 404, 'That account is not in your online account.');
    return { session, account, login: requireLogin(session) };
  };
  /** After a change: sync again, answer the account as it now stands. */
  const refreshed = async (c: Context<BrokerEnv>, accountNumber: string) => {
    const session = await synced(deps, token(c), c.get('session'), true);
    return c.json(session.accounts.find((a) => a.accountNumber === accountNumber) ?? null);
  };

  return new Hono<BrokerEnv>()
    .use(requireSession(deps))
    .get('/', async (c) => c.json({ accounts: (await synced(deps, token(c), c.get('session'))).accounts }))
    .post('/links', async (c) => {
      const req = await readBody(c, LinkAccountRequest);
      const session = await synced(deps, token(c), c.get('session'));
      const linked = await ic.linkAccount(requireLogin(session).loginGuid, req.accountNumber, req.lastName);
      // Same answer as the guest look-up for an unknown account or a wrong name.
      if (!linked) throw new BrokerError('account_not_found', 404, 'We could not find an account with that account number and last name.');
      // Linked again by the user: no longer one they unregistered (sessions.ts keeps those out at sign-in).
      deps.unregistered.forget(session.userId, [req.accountNumber]);
      auditUser(deps.audit, c, 'account_linked', { accountNumber: req.accountNumber });
      return c.json({ accounts: (await synced(deps, token(c), session, true)).accounts });
    })
    .delete('/:account', async (c) => {
      const { session, account, login } = await own(c);
      const unregistered = await ic.unregisterAccount(login.loginGuid, account.accountNumber);
      // Every account that went, linked ones too: the next sign-in must not register them again (seed: Manage Accounts).
      deps.unregistered.remember(session.userId, unregistered);
      auditUser(deps.audit, c, 'account_unregistered', { accountNumber: account.accountNumber, unregistered });
      await synced(deps, token(c), session, true);
      return c.json({ unregistered });
    })
    .get('/:account/bills', async (c) => {
      const { account } = await own(c);
      const page = check(Page, c.req.query(), 'Invalid paging parameters.');
      return c.json(await billsOf(ic, deps.ledger, account.accountNumber, page));
    })
    .post('/:account/payments', async (c) => {
      const { session, account, login } = await own(c);
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const request = await readBody(c, BillPaymentRequest);
      const chosen = request.method;
      const saved = chosen.kind === 'saved' ? session.methods.find((m) => m.id === chosen.id) : undefined;
      if (chosen.kind === 'saved' && !saved) throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
      const outcome = await payBill(payments, {
        scope: userActor(session.userId),
        key,
        actor: userActor(session.userId),
        requestId: c.get('requestId'),
        loginGuid: login.loginGuid,
        accountNumber: account.accountNumber,
        saved,
        userEmail: session.email,
        request,
      });
      // The balance changed (not on a replay): the synced copy follows.
      if (outcome.kind === 'succeeded' && outcome.settled) await synced(deps, token(c), session, true);
      return answerPayment(c, outcome);
    })
    .get('/:account/payments/:key', async (c) => {
      const { session, account } = await own(c);
      const outcome = await paymentStatus(payments, userActor(session.userId), idempotencyKey(c.req.param('key')), c.get('requestId'), account.accountNumber);
      // A payment whose answer was lost, found now: its balance change reaches the synced copy too.
      if (outcome.kind === 'succeeded' && outcome.settled) await synced(deps, token(c), session, true);
      return answerPayment(c, outcome);
    })
    .put('/:account/autopay', async (c) => {
      const { session, account, login } = await own(c);
      const req = await readBody(c, AutopayRequest);
      if (req.paymentMethodId && !session.methods.some((m) => m.id === req.paymentMethodId)) {
        throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
      }
      const autopay = await setAutopay(ic, login.loginGuid, account.accountNumber, req, () => synced(deps, token(c), session, true));
      auditUser(deps.audit, c, 'autopay_changed', { accountNumber: account.accountNumber, enabled: autopay.enabled, paymentMethodId: autopay.methodId });
      return refreshed(c, account.accountNumber);
    })
    .put('/:account/paperless', async (c) => {
      const { account, login } = await own(c);
      const { enabled } = await readBody(c, PaperlessRequest);
      const paperless = await ic.updatePaperless(login.loginGuid, account.accountNumber, enabled);
      auditUser(deps.audit, c, 'paperless_changed', { accountNumber: account.accountNumber, enabled: paperless });
      return refreshed(c, account.accountNumber);
    });
}
