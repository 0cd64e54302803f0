/** How `<ic-bills>` sends a payment attempt and asks about it (src/payments/payment-attempt.ts). */
import { getBillPayment, payBill } from '../../client/accounts.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { BillPaymentRequest } from '../../contract/self-service.ts';
import type { AttemptChannel } from '../../payments/payment-attempt.ts';

/**
 * A signed-in bill payment: the transport's session authorizes it. A kept
 * attempt may be asked about before the element has a client (no provider
 * yet): that try fails like a lost answer, and a later one asks again.
 */
export function billChannel(client: () => BrokerTransport | undefined): AttemptChannel<BillPaymentRequest> {
  const api = () => {
    const c = client();
    if (!c) throw new Error('No broker to ask yet: no endpoint and no provider.');
    return c;
  };
  return {
    send: (r, request, signal) => payBill(api(), r.accountNumber, r.idempotencyKey, request, { signal }),
    status: (r, signal) => getBillPayment(api(), r.accountNumber, r.idempotencyKey, { signal }),
  };
}
