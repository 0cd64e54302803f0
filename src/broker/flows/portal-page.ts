/**
 * An InvoiceCloud portal page for one of the user's accounts (seed: Pay By
 * Text Enrollment, "CloudSSOConnect (redirect 11 = Customer Portal Pay By
 * Text Enrollment)"; DESIGN.md: `<ic-sso-frame target="pay-by-text"
 * account-number>` "for the chosen account"). InvoiceCloud ties a Remote
 * Authentication Token to the account it was asked for, and the page it opens
 * shows that account, so the token used is the chosen account's:
 *   kept, and not near expiry      → CloudSSOConnect with it
 *   missing or near expiry         → Remote Authentication for that account, kept, then CloudSSOConnect
 *   CloudSSOConnect answers 401    → Remote Authentication again, once (InvoiceCloud may end a token early)
 * The account must be one of the session's synced accounts; with none left
 * (all unregistered) there is no page to open, and InvoiceCloud is not asked.
 */
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { InvoiceCloudError } from '../../invoicecloud/errors.ts';
import { BrokerError } from '../errors.ts';
import type { IcLogin, RemoteAuth, RemoteAuths } from '../sessions.ts';
import { authenticate } from './identity.ts';

/** A kept token this close to its expiry is not used: the page it opens must outlive the exchange. */
const EXPIRY_MARGIN_MS = 30_000;

export interface PortalPageRequest {
  login: IcLogin;
  /** The session's synced accounts, in InvoiceCloud's order. */
  accounts: readonly string[];
  /** The account the page is for; the first synced account when not given. */
  accountNumber: string | undefined;
  /** CloudSSO redirect id of the page. */
  redirectId: number;
  /** The only origin that may frame the page. */
  parentOrigin: string;
  /** The session's tokens, by account. */
  remoteAuths: RemoteAuths;
  /** Keeps a new token in the session (sealed). */
  keep: (accountNumber: string, remoteAuth: RemoteAuth) => Promise<unknown>;
  /** Syncs the session's accounts again and answers them: when InvoiceCloud no longer knows the user on an account. */
  resync: () => Promise<readonly string[]>;
}

export interface PortalPage {
  accountNumber: string;
  url: string;
  expiresInSeconds: number;
}

/** The account a page is for, or why there is none. */
export function portalAccount(accounts: readonly string[], requested: string | undefined): string {
  const first = accounts[0];
  if (first === undefined) {
    throw new BrokerError(
      'no_portal_account',
      409,
      'None of your accounts is registered online any more, so there is no online account page to show. Link an account to see its pages.',
    );
  }
  if (requested === undefined) return first;
  if (!accounts.includes(requested)) throw new BrokerError('account_not_found', 404, 'That account is not in your online account.');
  return requested;
}

export async function openPortalPage(ic: InvoiceCloud, now: () => number, r: PortalPageRequest): Promise<PortalPage> {
  const accountNumber = portalAccount(r.accounts, r.accountNumber);

  const obtain = async (): Promise<RemoteAuth> => {
    let remoteAuth: RemoteAuth;
    try {
      remoteAuth = await authenticate(ic, r.login.username, accountNumber, now());
    } catch (err) {
      // The login no longer sees the account (unregistered in another session or tab): say so as for
      // any account not in the session, from InvoiceCloud's accounts as they now stand.
      if (err instanceof InvoiceCloudError && err.status === 404) portalAccount(await r.resync(), accountNumber);
      throw err;
    }
    await r.keep(accountNumber, remoteAuth);
    return remoteAuth;
  };

  const kept = r.remoteAuths[accountNumber];
  let remoteAuth = kept && kept.expiresAt - now() > EXPIRY_MARGIN_MS ? kept : await obtain();
  let sso;
  try {
    sso = await ic.cloudSsoConnect(remoteAuth.token, r.redirectId, r.parentOrigin);
  } catch (err) {
    if (!(err instanceof InvoiceCloudError && err.status === 401)) throw err;
    remoteAuth = await obtain();
    sso = await ic.cloudSsoConnect(remoteAuth.token, r.redirectId, r.parentOrigin);
  }
  return { accountNumber, url: sso.url, expiresInSeconds: sso.expiresInSeconds };
}
