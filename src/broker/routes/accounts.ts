import type { Context } from 'hono';
import { auditUser, userActor } from '../audit.ts';
import { ownAccount, requireLogin } from '../auth.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { setAutopay } from '../flows/autopay.ts';
import { billsOf, payBill } from '../flows/registered-payment.ts';
import { paymentDeps, paymentStatus } from '../payments.ts';
import { answerPayment, declaredRoutes, idempotencyKey } from '../routing.ts';
import { synced } from '../sync.ts';

/**
 * The signed-in user's accounts (seed: Registered User Payment, Paperless,
 * AutoPay, Manage Accounts). Every route acts only on an account of the
 * session's synced copy; any other number is a 404, whoever owns it.
 */
export function accountRoutes(deps: BrokerDeps) {
  const { ic } = deps;
  const payments = paymentDeps(deps);
  const owns = { after: [ownAccount(deps)] };
  /** After a change: sync again, answer the account as it now stands. */
  const refreshed = async (c: Context<BrokerEnv>, accountNumber: string) => {
    const session = await synced(deps, c.get('sessionToken'), c.get('synced'), true);
    return c.json(session.accounts.find((a) => a.accountNumber === accountNumber) ?? null);
  };

  const { app, serve } = declaredRoutes(deps);
  serve('listAccounts', async (c) => c.json({ accounts: (await synced(deps, c.get('sessionToken'), c.get('session'))).accounts }));
  serve('linkAccount', async (c) => {
    const req = c.req.valid('json');
    const session = await synced(deps, c.get('sessionToken'), c.get('session'));
    const linked = await ic.linkAccount(requireLogin(session).loginGuid, req.accountNumber, req.lastName);
    // Same answer as the guest look-up for an unknown account or a wrong name.
    if (!linked) throw new BrokerError('account_not_found', 404, 'We could not find an account with that account number and last name.');
    // Linked again by the user: no longer one they unregistered (sessions.ts keeps those out at sign-in).
    await deps.unregistered.forget(session.userId, [req.accountNumber]);
    auditUser(deps.audit, c, 'account_linked', { accountNumber: req.accountNumber });
    return c.json({ accounts: (await synced(deps, c.get('sessionToken'), session, true)).accounts });
  });
  serve('unregisterAccount', owns, async (c) => {
    const { synced: session, account, login } = c.var;
    const unregistered = await ic.unregisterAccount(login.loginGuid, account.accountNumber);
    // Every account that went, linked ones too: the next sign-in must not register them again (seed: Manage Accounts).
    await deps.unregistered.remember(session.userId, unregistered);
    auditUser(deps.audit, c, 'account_unregistered', { accountNumber: account.accountNumber, unregistered });
    await synced(deps, c.get('sessionToken'), session, true);
    return c.json({ unregistered });
  });
  serve('listBills', owns, async (c) => {
    return c.json(await billsOf(ic, deps.ledger, c.get('account').accountNumber, c.req.valid('query')));
  });
  serve('payBill', owns, async (c) => {
    const { synced: session, account, login } = c.var;
    const request = c.req.valid('json');
    const chosen = request.method;
    const saved = chosen.kind === 'saved' ? session.methods.find((m) => m.id === chosen.id) : undefined;
    if (chosen.kind === 'saved' && !saved)
      throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
    const outcome = await payBill(payments, {
      scope: userActor(session.userId),
      key: c.get('idempotencyKey'),
      actor: userActor(session.userId),
      requestId: c.get('requestId'),
      loginGuid: login.loginGuid,
      accountNumber: account.accountNumber,
      saved,
      userEmail: session.email,
      request,
    });
    // The balance changed (not on a replay): the synced copy follows.
    if (outcome.kind === 'succeeded' && outcome.settled) await synced(deps, c.get('sessionToken'), session, true);
    return answerPayment(c, outcome);
  });
  serve('getBillPayment', owns, async (c) => {
    const { synced: session, account } = c.var;
    const outcome = await paymentStatus(
      payments,
      userActor(session.userId),
      idempotencyKey(c.req.param('key')),
      c.get('requestId'),
      account.accountNumber,
    );
    // A payment whose answer was lost, found now: its balance change reaches the synced copy too.
    if (outcome.kind === 'succeeded' && outcome.settled) await synced(deps, c.get('sessionToken'), session, true);
    return answerPayment(c, outcome);
  });
  serve('updateAutopay', owns, async (c) => {
    const { synced: session, account, login } = c.var;
    const req = c.req.valid('json');
    if (req.paymentMethodId && !session.methods.some((m) => m.id === req.paymentMethodId)) {
      throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
    }
    const autopay = await setAutopay(ic, login.loginGuid, account.accountNumber, req, () =>
      synced(deps, c.get('sessionToken'), session, true),
    );
    auditUser(deps.audit, c, 'autopay_changed', {
      accountNumber: account.accountNumber,
      enabled: autopay.enabled,
      paymentMethodId: autopay.methodId,
    });
    return refreshed(c, account.accountNumber);
  });
  serve('updatePaperless', owns, async (c) => {
    const { account, login } = c.var;
    const { enabled } = c.req.valid('json');
    const paperless = await ic.updatePaperless(login.loginGuid, account.accountNumber, enabled);
    auditUser(deps.audit, c, 'paperless_changed', { accountNumber: account.accountNumber, enabled: paperless });
    return refreshed(c, account.accountNumber);
  });
  return app;
}
