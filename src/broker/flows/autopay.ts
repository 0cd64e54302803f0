/**
 * Seed flow "AutoPay Enrollment": Update AutoPay; if no payment method exists,
 * one is entered and stored first (Store User Credit or ACH Banking), then
 * AutoPay is enrolled with it: one request, no dead end.
 */
import type { AutopayRequest } from '../../contract/self-service.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';

export async function setAutopay(ic: InvoiceCloud, loginGuid: string, accountNumber: string, req: AutopayRequest) {
  let methodId = req.paymentMethodId;
  if (req.enabled && req.newMethod) {
    const stored = await ic.storePaymentMethod(loginGuid, req.newMethod.method, { nickname: req.newMethod.nickname, makeDefault: req.newMethod.makeDefault });
    methodId = stored.id;
  }
  return ic.updateAutoPay(loginGuid, accountNumber, req.enabled, req.enabled ? methodId : undefined);
}
