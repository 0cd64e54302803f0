import { Hono } from 'hono';
import { VerificationApproval } from '../../contract/host.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { applyVerifiedChange } from '../flows/update-credentials.ts';
import { readBody } from '../validate.ts';

/**
 * The emailed approval link of "Update Email and Password". The token is the
 * capability: whoever holds the mail may approve, once, within 24 hours.
 */
export function verificationRoutes(deps: BrokerDeps) {
  const { verifications, ic, log } = deps;
  const gone = () => new BrokerError('not_found', 404, 'This approval link has expired or was already used. Ask for the change again.');

  return new Hono<BrokerEnv>()
    .get('/:token', (c) => {
      const change = verifications.get(c.req.param('token'));
      if (!change) throw gone();
      return c.json({ newEmail: change.newEmail, passwordChange: change.passwordChange, expiresAt: new Date(change.expiresAt).toISOString() });
    })
    .post('/:token', async (c) => {
      const token = c.req.param('token');
      const { newPassword } = await readBody(c, VerificationApproval);
      const change = verifications.get(token);
      if (!change || !verifications.consume(token)) throw gone();
      try {
        await applyVerifiedChange(ic, change, newPassword);
      } catch (err) {
        // Nothing (or not all) applied: the link stays usable for another try.
        verifications.restore(token);
        throw err;
      }
      log.info({ event: 'credentials_verified', userId: change.userId, requestId: c.get('requestId') });
      return c.json({ status: 'updated' as const });
    });
}
