/** The signed-in user's saved payment methods (`<ic-payment-methods>`, and the methods AutoPay and bills offer). */
import type * as C from '../contract/index.ts';
import { CHANGED, READ, WRITE, type BrokerTransport, type RequestOptions } from './transport.ts';

/** The saved payment methods; exactly one is the default when there are any. Kept once answered. */
export function listPaymentMethods(client: BrokerTransport, options: RequestOptions = {}): Promise<C.SavedMethod[]> {
  return client[READ]('/payment-methods', 'PaymentMethodsResponse', options).then((r) => r.methods);
}

/** Saves a card or bank account, for payments and AutoPay. */
export async function storePaymentMethod(
  client: BrokerTransport,
  request: C.StoreMethodRequest,
  options: RequestOptions = {},
): Promise<C.SavedMethod> {
  const saved = await client[WRITE]('POST', '/payment-methods', 'SavedMethod', request, options);
  // A new default carries AutoPay with it.
  client[CHANGED](saved.isDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
  return saved;
}

/** A card's expiry, a nickname, or making it the default (AutoPay moves to the new default). */
export async function updatePaymentMethod(
  client: BrokerTransport,
  id: string,
  change: C.UpdateMethodRequest,
  options: RequestOptions = {},
): Promise<C.SavedMethod> {
  const saved = await client[WRITE]('PATCH', `/payment-methods/${encodeURIComponent(id)}`, 'SavedMethod', change, options);
  client[CHANGED](change.makeDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
  return saved;
}

/** Refused (`payment_method_in_use`) while AutoPay charges it. */
export async function removePaymentMethod(client: BrokerTransport, id: string, options: RequestOptions = {}): Promise<void> {
  await client[WRITE]('DELETE', `/payment-methods/${encodeURIComponent(id)}`, 'NoContent', undefined, options);
  client[CHANGED](['payment-methods']);
}
