import type { SavedMethod } from '../../contract/self-service.ts';
import { auditUser } from '../audit.ts';
import { ownMethod, requireLogin } from '../auth.ts';
import type { BrokerDeps } from '../context.ts';
import { expiryValid } from '../../shared/validators.ts';
import { cardExpired } from '../errors.ts';
import { moveAutopayToDefault } from '../flows/default-method.ts';
import { declaredRoutes } from '../routing.ts';
import { synced } from '../sync.ts';

/**
 * Seed flow "Manage Payment Methods": store, update, remove, choose the
 * default. AutoPay that charged the old default follows the new one
 * (flows/default-method.ts); removing a method AutoPay still charges is
 * refused (409 `payment_method_in_use`).
 */
export function paymentMethodRoutes(deps: BrokerDeps) {
  const { ic } = deps;
  const owns = { after: [ownMethod(deps)] };

  const { app, serve } = declaredRoutes(deps);
  serve('listPaymentMethods', async (c) => c.json({ methods: (await synced(deps, c.get('sessionToken'), c.get('session'))).methods }));
  serve('storePaymentMethod', async (c) => {
    const req = c.req.valid('json');
    const session = await synced(deps, c.get('sessionToken'), c.get('session'));
    const { loginGuid } = requireLogin(session);
    const oldDefault = session.methods.find((m) => m.isDefault);
    const saved = await ic.storePaymentMethod(loginGuid, req.method, { nickname: req.nickname, makeDefault: req.makeDefault });
    auditUser(deps.audit, c, 'payment_method_stored', { method: summary(saved) });
    if (saved.isDefault) await moveAutopayToDefault(ic, { loginGuid, accounts: session.accounts }, oldDefault, saved.id);
    await synced(deps, c.get('sessionToken'), session, true);
    return c.json(saved, 201);
  });
  serve('updatePaymentMethod', owns, async (c) => {
    const { synced: session, method, login } = c.var;
    const change = c.req.valid('json');
    if (change.expMonth !== undefined || change.expYear !== undefined) {
      const month = change.expMonth ?? method.expMonth;
      const year = change.expYear ?? method.expYear;
      // A bank account has no expiry; a card's must be in the future. Refused before InvoiceCloud is asked.
      if (month === null || year === null || !expiryValid(month, year)) throw cardExpired();
    }
    const oldDefault = session.methods.find((m) => m.isDefault);
    const saved = await ic.updatePaymentMethod(login.loginGuid, method.id, change);
    auditUser(deps.audit, c, 'payment_method_updated', { method: summary(saved), changed: Object.keys(change) });
    if (change.makeDefault)
      await moveAutopayToDefault(ic, { loginGuid: login.loginGuid, accounts: session.accounts }, oldDefault, saved.id);
    await synced(deps, c.get('sessionToken'), session, true);
    return c.json(saved);
  });
  serve('removePaymentMethod', owns, async (c) => {
    const { synced: session, method, login } = c.var;
    await ic.removePaymentMethod(login.loginGuid, method.id);
    auditUser(deps.audit, c, 'payment_method_removed', { method: summary(method) });
    await synced(deps, c.get('sessionToken'), session, true);
    return c.body(null, 204);
  });
  return app;
}

/** What the audit trail says of a saved method: which one, and brand and last four. */
function summary(m: SavedMethod) {
  return { id: m.id, kind: m.kind, brand: m.brand, last4: m.last4 };
}
