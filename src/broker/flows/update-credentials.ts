/**
 * Seed flow "Update Email and Password". Passwords change only in the host
 * (MyMeter); InvoiceCloud follows. "MyMeter verify if Email and Password are
 * the same as IC":
 *   the email: the one on InvoiceCloud's customer record now (Retrieve Customer
 *              Details), not the one seen at sign-in — it may have changed since;
 *   the password: InvoiceCloud checks it (the client passes it as CurrentPassword,
 *              and a mismatch changes nothing).
 *   both the same → Update Email / Update Password at once
 *   otherwise     → a verification email; once approved, Update Email / Update Password.
 * Retrieve LoginGUID, asked at the time of the change, says whether the
 * session's username still names the session's login; the updates act on it
 * only then. The broker never stores a password: approving a password change
 * asks for the new password again.
 */
import type { CredentialsRequest, CredentialsResponse } from '../../contract/host.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { BrokerError } from '../errors.ts';
import { senderName, type Mailer } from '../mail.ts';
import type { IcLogin, SessionData } from '../sessions.ts';
import type { PendingChange, VerificationStore } from '../verifications.ts';

export interface CredentialsDeps {
  ic: InvoiceCloud;
  verifications: VerificationStore;
  mailer: Mailer;
  mailFrom: string;
  /** Link template with `{token}`. */
  verificationUrl: string;
}

/**
 * What InvoiceCloud holds now, in one round trip when the session kept the
 * CustomerGUID (sign-in's registered branch), two when it did not (a login
 * made at sign-in): the email on the customer record of the account the user
 * signed in with, and the login their username names.
 */
async function onFile(ic: InvoiceCloud, login: IcLogin): Promise<{ email: string; loginGuid: string | null }> {
  const details = async () => {
    const customerGuid = login.customerGuid ?? (await ic.retrieveCustomerGuid(login.authAccount, login.icEmail, login.username));
    return ic.retrieveCustomerDetails(customerGuid);
  };
  const [{ email }, loginGuid] = await Promise.all([details(), ic.retrieveLoginGuid(login.username)]);
  return { email, loginGuid };
}

export async function updateCredentials(
  deps: CredentialsDeps,
  session: Pick<SessionData, 'userId' | 'email'>,
  login: IcLogin,
  req: CredentialsRequest,
): Promise<CredentialsResponse> {
  const now = await onFile(deps.ic, login);
  if (now.loginGuid !== login.loginGuid) {
    // The username names no login now, or another one (an email changed in InvoiceCloud renames its login):
    // the login this session signed in with is not the user's by the sign-in rule any more, so nothing is
    // changed through it.
    throw new BrokerError(
      'no_invoicecloud_login',
      409,
      'Your online account no longer has your email address, so it cannot be changed from here. Sign out and sign in again, or contact us.',
    );
  }
  const { loginGuid } = login;
  if (session.email.toLowerCase() === now.email.toLowerCase()) {
    // Email before password: once the password changes, the current one no longer matches.
    const email = req.newEmail ? await deps.ic.updateEmail(loginGuid, req.newEmail, req.currentPassword) : 'updated';
    const password =
      email === 'updated' && req.newPassword ? await deps.ic.updatePassword(loginGuid, req.newPassword, req.currentPassword) : email;
    if (password === 'updated') return { status: 'updated' };
  }
  // The approval goes to the login's own address, which sign-in matched to the host's: the customer record's
  // may be another person's (a household sharing an account, each with a login of their own).
  const { token, expiresAt } = await deps.verifications.create({
    userId: session.userId,
    loginGuid,
    newEmail: req.newEmail ?? null,
    passwordChange: req.newPassword !== undefined,
  });
  await deps.mailer.send({
    from: deps.mailFrom,
    to: login.icEmail,
    subject: 'Approve the change to your online account',
    text: verificationText(req, deps.verificationUrl.replace('{token}', encodeURIComponent(token)), senderName(deps.mailFrom)),
  });
  return { status: 'verification_sent', sentTo: maskEmail(login.icEmail), expiresAt: new Date(expiresAt).toISOString() };
}

/** Applies an approved change. A password change needs the new password given again. */
export async function applyVerifiedChange(ic: InvoiceCloud, change: PendingChange, newPassword: string | undefined): Promise<void> {
  if (change.passwordChange && !newPassword) {
    throw new BrokerError('validation_failed', 400, 'Enter your new password to approve the change.', {
      fields: { newPassword: 'Required.' },
    });
  }
  if (change.newEmail) await ic.updateEmail(change.loginGuid, change.newEmail);
  if (change.passwordChange) await ic.updatePassword(change.loginGuid, newPassword!);
}

function verificationText(req: CredentialsRequest, link: string, biller: string): string {
  const what = [req.newEmail ? `your email address to ${req.newEmail}` : '', req.newPassword ? 'your password' : '']
    .filter(Boolean)
    .join(' and ');
  return [
    `Someone asked to change ${what} for your ${biller} online account.`,
    '',
    `To approve it, open this link within 24 hours (it works once):`,
    link,
    '',
    'If this was not you, ignore this email: nothing changes until the link is opened.',
  ].join('\n');
}

/** "john.smith@example.com" → "j•••@example.com": enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
