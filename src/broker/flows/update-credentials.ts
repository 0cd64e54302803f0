/**
 * Seed flow "Update Email and Password". Passwords change only in the host
 * (MyMeter); InvoiceCloud follows:
 *   the host's current email and password match InvoiceCloud's → Update Email / Update Password at once
 *   otherwise → a verification email to the address InvoiceCloud has on file; once approved,
 *               Update Email / Update Password.
 * InvoiceCloud itself checks the password (the client passes it as CurrentPassword
 * and a mismatch changes nothing). The broker never stores a password: approving
 * a password change asks for the new password again.
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

export async function updateCredentials(
  deps: CredentialsDeps,
  session: Pick<SessionData, 'userId' | 'email'>,
  login: IcLogin,
  req: CredentialsRequest,
): Promise<CredentialsResponse> {
  if (session.email.toLowerCase() === login.icEmail.toLowerCase()) {
    // Email before password: once the password changes, the current one no longer matches.
    const email = req.newEmail ? await deps.ic.updateEmail(login.loginGuid, req.newEmail, req.currentPassword) : 'updated';
    const password = email === 'updated' && req.newPassword ? await deps.ic.updatePassword(login.loginGuid, req.newPassword, req.currentPassword) : email;
    if (password === 'updated') return { status: 'updated' };
  }
  const { token, expiresAt } = deps.verifications.create({
    userId: session.userId,
    loginGuid: login.loginGuid,
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
    throw new BrokerError('validation_failed', 400, 'Enter your new password to approve the change.', { fields: { newPassword: 'Required.' } });
  }
  if (change.newEmail) await ic.updateEmail(change.loginGuid, change.newEmail);
  if (change.passwordChange) await ic.updatePassword(change.loginGuid, newPassword!);
}

function verificationText(req: CredentialsRequest, link: string, biller: string): string {
  const what = [req.newEmail ? `your email address to ${req.newEmail}` : '', req.newPassword ? 'your password' : ''].filter(Boolean).join(' and ');
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
