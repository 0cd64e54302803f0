/**
 * CloudSSOConnect: trades the session's Remote Authentication Token for a
 * single-use URL (60 s) of a portal page on the sandbox's own origin
 * (cloudsso/routes.ts serves it). The ParentOrigin is remembered: it is the
 * only origin the page may be framed by (CSP frame-ancestors) and talk to.
 */
import { REDIRECTS, SSO_CODE_SECONDS, findRemoteToken, issueSsoCode } from '../cloudsso/state.ts';
import { icError, type Handler } from './types.ts';

/** `scheme://host[:port]` of an http(s) origin, or undefined for anything more or less than an origin. */
export function exactOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  return url.origin;
}

export const cloudSsoConnect: Handler<'CloudSsoConnect'> = (req, { db, now, publicUrl }) => {
  const at = now();
  const grant = findRemoteToken(db, req.RemoteAuthenticationToken, at);
  if (!grant) return icError(401, 'InvalidToken', 'The Remote Authentication Token is unknown or has expired.');
  const page = REDIRECTS.get(req.RedirectId);
  if (!page) return icError(400, 'UnknownRedirect', 'RedirectId must be 1 (customer dashboard) or 11 (Pay By Text Enrollment).');
  const parentOrigin = exactOrigin(req.ParentOrigin);
  if (!parentOrigin) return icError(400, 'InvalidParentOrigin', 'ParentOrigin must be an http(s) origin, without a path.');
  const code = issueSsoCode(db, { ...grant, page, parentOrigin }, at);
  return { status: 200, body: { Url: `${publicUrl}/cloudsso/${code}`, ExpiresInSeconds: SSO_CODE_SECONDS } };
};
