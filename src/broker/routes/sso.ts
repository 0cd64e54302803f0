import type { SsoTarget } from '../../contract/sessions.ts';
import { auditUser } from '../audit.ts';
import { requireLogin } from '../auth.ts';
import type { BrokerDeps } from '../context.ts';
import { BrokerError } from '../errors.ts';
import { openPortalPage } from '../flows/portal-page.ts';
import { declaredRoutes } from '../routing.ts';
import { synced } from '../sync.ts';

/** CloudSSO redirect ids of the InvoiceCloud portal pages we open (seed: redirect 11 = Pay By Text Enrollment). */
const REDIRECT: Record<SsoTarget, number> = { dashboard: 1, 'pay-by-text': 11 };

/**
 * A fresh, single-use CloudSSO URL for one frame, for one of the user's
 * accounts (flows/portal-page.ts). The Remote Authentication Token never
 * leaves the broker except inside that URL's one-time exchange.
 */
export function ssoRoutes(deps: BrokerDeps) {
  const { ic, sessions, options } = deps;

  const { app, serve } = declaredRoutes(deps);
  serve('openPortalPage', async (c) => {
    const { target, accountNumber } = c.req.valid('json');
    const parentOrigin = c.req.header('origin');
    // Only a browser-serialised http(s) origin may become the frame's ParentOrigin: InvoiceCloud refuses
    // anything else ('null', a path, a port out of range), which under corsOrigins '*' used to surface as a 502.
    if (!parentOrigin || !isOrigin(parentOrigin) || (!options.corsOrigins.includes('*') && !options.corsOrigins.includes(parentOrigin))) {
      throw new BrokerError('forbidden', 403, 'Portal pages open only inside a page of an allowed origin.');
    }
    const token = c.get('sessionToken');
    // A session without a login says why (every account is another login's) before anything is synced.
    const login = requireLogin(c.get('session'));
    const session = await synced(deps, token, c.get('session'));
    const numbers = (accounts: { accountNumber: string }[]) => accounts.map((a) => a.accountNumber);
    const page = await openPortalPage(ic, options.now, {
      login,
      accounts: numbers(session.accounts),
      accountNumber,
      redirectId: REDIRECT[target],
      parentOrigin,
      remoteAuths: session.remoteAuths,
      keep: (n, remoteAuth) => sessions.keepRemoteAuth(token, n, remoteAuth, numbers(session.accounts)),
      resync: async () => numbers((await synced(deps, token, session, true)).accounts),
    });
    auditUser(deps.audit, c, 'sso_url_issued', { target, accountNumber: page.accountNumber, parentOrigin });
    return c.json({
      url: page.url,
      expiresAt: new Date(options.now() + page.expiresInSeconds * 1000).toISOString(),
      origin: new URL(page.url).origin,
    });
  });
  return app;
}

/** `scheme://host[:port]` exactly as a browser sends it in Origin: http(s), nothing more, nothing less. */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
}
