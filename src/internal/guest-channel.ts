/** How `<ic-one-time-pay>` sends a payment attempt and asks about it (src/internal/payment-attempt.ts). */
import { guestPaymentCalls, useCalls, type GuestPaymentsClient } from '../client/broker-client.ts';
import type { GuestPaymentRequest } from '../contract/guest.ts';
import type { AttemptChannel } from './payment-attempt.ts';

useCalls(guestPaymentCalls);

/** A guest payment: the look-up token authorizes it (`credential`). */
export function guestChannel(client: () => GuestPaymentsClient): AttemptChannel<GuestPaymentRequest> {
  return {
    send: (r, request, signal) => client().payAsGuest(r.credential, r.idempotencyKey, request, { signal }),
    status: (r, signal) => client().guestPaymentStatus(r.credential, r.idempotencyKey, { signal }),
  };
}
