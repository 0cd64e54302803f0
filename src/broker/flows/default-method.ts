/**
 * Seed flow "Manage Payment Methods": "choose the default (AutoPay uses the
 * default)". When the default changes, every account whose AutoPay charged the
 * old default moves to the new one (Update AutoPay, one call per account, all
 * at once), so a customer who adds a bank account, makes it the default and
 * removes the old card is never stopped by an AutoPay they did not choose
 * separately. AutoPay set to a method other than the default stays where it is.
 */
import type { SavedMethod, SyncedAccount } from '../../contract/index.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';

export async function moveAutopayToDefault(
  ic: InvoiceCloud,
  session: { loginGuid: string; accounts: readonly SyncedAccount[] },
  oldDefault: SavedMethod | undefined,
  newDefaultId: string,
): Promise<void> {
  if (!oldDefault || oldDefault.id === newDefaultId) return;
  const moving = session.accounts.filter((a) => a.autopay && a.autopayMethodId === oldDefault.id);
  await Promise.all(moving.map((a) => ic.updateAutoPay(session.loginGuid, a.accountNumber, true, newDefaultId)));
}
