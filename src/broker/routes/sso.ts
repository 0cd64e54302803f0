import { Hono } from 'hono';
import { SsoRequest, type SsoTarget } from '../../contract/sessions.ts';
import { InvoiceCloudError } from '../../invoicecloud/errors.ts';
import { auditUser } from '../audit.ts';
import { requireLogin, requireSession } from '../auth.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { authenticate } from '../flows/identity.ts';
import type { RemoteAuth } from '../sessions.ts';
import { readBody } from '../validate.ts';

/** CloudSSO redirect ids of the InvoiceCloud portal pages we open (seed: redirect 11 = Pay By Text Enrollment). */
const REDIRECT: Record<SsoTarget, number> = { dashboard: 1, 'pay-by-text': 11 };

/**
 * A fresh, single-use CloudSSO URL for one frame. The Remote Authentication
 * Token never leaves the broker except inside that URL's one-time exchange.
 */
export function ssoRoutes(deps: BrokerDeps) {
  const { ic, sessions, options } = deps;

  return new Hono<BrokerEnv>().use(requireSession(deps)).post('/', async (c) => {
    const { target } = await readBody(c, SsoRequest);
    const parentOrigin = c.req.header('origin');
    // Only a browser-serialised http(s) origin may become the frame's ParentOrigin: InvoiceCloud refuses
    // anything else ('null', a path, a port out of range), which under corsOrigins '*' used to surface as a 502.
    if (!parentOrigin || !isOrigin(parentOrigin) || (!options.corsOrigins.includes('*') && !options.corsOrigins.includes(parentOrigin))) {
      throw new BrokerError('forbidden', 403, 'Portal pages open only inside a page of an allowed origin.');
    }
    const session = c.get('session');
    const login = requireLogin(session);
    const refresh = async (): Promise<RemoteAuth> => {
      const remoteAuth = await authenticate(ic, login.username, login.authAccount, options.now());
      sessions.update(c.get('sessionToken'), session, remoteAuth);
      return remoteAuth;
    };
    let remoteAuth = session.remoteAuth && session.remoteAuth.expiresAt - options.now() > 30_000 ? session.remoteAuth : await refresh();
    let sso;
    try {
      sso = await ic.cloudSsoConnect(remoteAuth.token, REDIRECT[target], parentOrigin);
    } catch (err) {
      // InvoiceCloud may end a token before its stated expiry: authenticate again, once.
      if (!(err instanceof InvoiceCloudError && err.status === 401)) throw err;
      remoteAuth = await refresh();
      sso = await ic.cloudSsoConnect(remoteAuth.token, REDIRECT[target], parentOrigin);
    }
    auditUser(deps.audit, c, 'sso_url_issued', { target, parentOrigin });
    return c.json({
      url: sso.url,
      expiresAt: new Date(options.now() + sso.expiresInSeconds * 1000).toISOString(),
      origin: new URL(sso.url).origin,
    });
  });
}

/** `scheme://host[:port]` exactly as a browser sends it in Origin: http(s), nothing more, nothing less. */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
}
