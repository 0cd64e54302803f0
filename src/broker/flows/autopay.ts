/**
 * Seed flow "AutoPay Enrollment": Update AutoPay; if no payment method exists,
 * one is entered and stored first (Store User Credit or ACH Banking), then
 * AutoPay is enrolled with it: one request, no dead end.
 */
import type { AutopayRequest } from '../../contract/self-service.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';

export async function setAutopay(
  ic: InvoiceCloud,
  loginGuid: string,
  accountNumber: string,
  req: AutopayRequest,
  /** Called when the method was stored but enrolling failed: the stored method is real and must be known. */
  onStoredOnly: () => Promise<unknown>,
) {
  let methodId = req.paymentMethodId;
  const stored =
    req.enabled && req.newMethod
      ? await ic.storePaymentMethod(loginGuid, req.newMethod.method, {
          nickname: req.newMethod.nickname,
          makeDefault: req.newMethod.makeDefault,
        })
      : undefined;
  if (stored) methodId = stored.id;
  try {
    return await ic.updateAutoPay(loginGuid, accountNumber, req.enabled, req.enabled ? methodId : undefined);
  } catch (err) {
    // Half done: the method is saved, AutoPay is not on. A retry enrolls with it instead of storing it again.
    if (stored) await onStoredOnly().catch(() => undefined);
    throw err;
  }
}
