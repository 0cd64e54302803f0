import { Hono, type Context } from 'hono';
import { StoreMethodRequest, UpdateMethodRequest, type SavedMethod } from '../../contract/self-service.ts';
import { auditUser } from '../audit.ts';
import { requireLogin, requireSession } from '../auth.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { expiryValid } from '../../internal/validators.ts';
import { BrokerError, cardExpired } from '../errors.ts';
import { moveAutopayToDefault } from '../flows/default-method.ts';
import { synced } from '../sync.ts';
import { readBody } from '../validate.ts';

/**
 * Seed flow "Manage Payment Methods": store, update, remove, choose the
 * default. AutoPay that charged the old default follows the new one
 * (flows/default-method.ts); removing a method AutoPay still charges is
 * refused (409 `payment_method_in_use`).
 */
export function paymentMethodRoutes(deps: BrokerDeps) {
  const { ic } = deps;
  const token = (c: Context<BrokerEnv>) => c.get('sessionToken');
  /** The session, synced, the method named in the path, which must be the user's, and their login. */
  const own = async (c: Context<BrokerEnv>) => {
    const session = await synced(deps, token(c), c.get('session'));
    const method = session.methods.find((m) => m.id === c.req.param('id'));
    if (!method) throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
    return { session, method, login: requireLogin(session) };
  };

  return new Hono<BrokerEnv>()
    .use(requireSession(deps))
    .get('/', async (c) => c.json({ methods: (await synced(deps, token(c), c.get('session'))).methods }))
    .post('/', async (c) => {
      const req = await readBody(c, StoreMethodRequest);
      const session = await synced(deps, token(c), c.get('session'));
      const { loginGuid } = requireLogin(session);
      const oldDefault = session.methods.find((m) => m.isDefault);
      const saved = await ic.storePaymentMethod(loginGuid, req.method, { nickname: req.nickname, makeDefault: req.makeDefault });
      auditUser(deps.audit, c, 'payment_method_stored', { method: summary(saved) });
      if (saved.isDefault) await moveAutopayToDefault(ic, { loginGuid, accounts: session.accounts }, oldDefault, saved.id);
      await synced(deps, token(c), session, true);
      return c.json(saved, 201);
    })
    .patch('/:id', async (c) => {
      const { session, method, login } = await own(c);
      const change = await readBody(c, UpdateMethodRequest);
      if (change.expMonth !== undefined || change.expYear !== undefined) {
        const month = change.expMonth ?? method.expMonth;
        const year = change.expYear ?? method.expYear;
        // A bank account has no expiry; a card's must be in the future. Refused before InvoiceCloud is asked.
        if (month === null || year === null || !expiryValid(month, year)) throw cardExpired();
      }
      const oldDefault = session.methods.find((m) => m.isDefault);
      const saved = await ic.updatePaymentMethod(login.loginGuid, method.id, change);
      auditUser(deps.audit, c, 'payment_method_updated', { method: summary(saved), changed: Object.keys(change) });
      if (change.makeDefault) await moveAutopayToDefault(ic, { loginGuid: login.loginGuid, accounts: session.accounts }, oldDefault, saved.id);
      await synced(deps, token(c), session, true);
      return c.json(saved);
    })
    .delete('/:id', async (c) => {
      const { session, method, login } = await own(c);
      await ic.removePaymentMethod(login.loginGuid, method.id);
      auditUser(deps.audit, c, 'payment_method_removed', { method: summary(method) });
      await synced(deps, token(c), session, true);
      return c.body(null, 204);
    });
}

/** What the audit trail says of a saved method: which one, and brand and last four. */
function summary(m: SavedMethod) {
  return { id: m.id, kind: m.kind, brand: m.brand, last4: m.last4 };
}
