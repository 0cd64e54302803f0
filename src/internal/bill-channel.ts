/** How `<ic-bills>` sends a payment attempt and asks about it (src/internal/payment-attempt.ts). */
import { billPaymentCalls, useCalls, type SelfServiceClient } from '../client/broker-client.ts';
import type { BillPaymentRequest } from '../contract/self-service.ts';
import type { AttemptChannel } from './payment-attempt.ts';

useCalls(billPaymentCalls);

/** A signed-in bill payment: the client's session authorizes it. */
export function billChannel(client: () => SelfServiceClient): AttemptChannel<BillPaymentRequest> {
  return {
    send: (r, request, signal) => client().payBill(r.accountNumber, r.idempotencyKey, request, { signal }),
    status: (r, signal) => client().billPaymentStatus(r.accountNumber, r.idempotencyKey, { signal }),
  };
}
