/** How `<ic-bills>` sends a payment attempt and asks about it (src/payments/payment-attempt.ts). */
import { getBillPayment, payBill } from '../../client/accounts.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { BillPaymentRequest } from '../../contract/self-service.ts';
import type { AttemptChannel } from '../../payments/payment-attempt.ts';

/** A signed-in bill payment: the transport's session authorizes it. */
export function billChannel(client: () => BrokerTransport): AttemptChannel<BillPaymentRequest> {
  return {
    send: (r, request, signal) => payBill(client(), r.accountNumber, r.idempotencyKey, request, { signal }),
    status: (r, signal) => getBillPayment(client(), r.accountNumber, r.idempotencyKey, { signal }),
  };
}
