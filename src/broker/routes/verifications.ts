import { userActor } from '../audit.ts';
import type { BrokerDeps } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { applyVerifiedChange } from '../flows/update-credentials.ts';
import { declaredRoutes } from '../routing.ts';

/**
 * The emailed approval link of "Update Email and Password". The token is the
 * capability: whoever holds the mail may approve, once, within 24 hours. It
 * comes in the request body, so the broker's request log never holds it.
 */
export function verificationRoutes(deps: BrokerDeps) {
  const { verifications, ic, audit } = deps;
  const gone = () => new BrokerError('not_found', 404, 'This approval link has expired or was already used. Ask for the change again.');

  const { app, serve } = declaredRoutes(deps);
  serve('previewVerification', async (c) => {
    const { token } = c.req.valid('json');
    const change = await verifications.get(token);
    if (!change) throw gone();
    return c.json({
      newEmail: change.newEmail,
      passwordChange: change.passwordChange,
      expiresAt: new Date(change.expiresAt).toISOString(),
    });
  });
  serve('approveVerification', async (c) => {
    const { token, newPassword } = c.req.valid('json');
    const change = await verifications.get(token);
    if (!change || !(await verifications.consume(token))) throw gone();
    try {
      await applyVerifiedChange(ic, change, newPassword);
    } catch (err) {
      // Nothing (or not all) applied: the link stays usable for another try.
      await verifications.restore(token);
      throw err;
    }
    audit('credentials_change_applied', {
      actor: userActor(change.userId),
      requestId: c.get('requestId'),
      email: change.newEmail !== null,
      password: change.passwordChange,
      approvedBy: 'emailed link',
    });
    return c.json({ status: 'updated' as const });
  });
  return app;
}
