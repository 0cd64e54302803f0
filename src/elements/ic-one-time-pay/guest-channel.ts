/** How `<ic-one-time-pay>` sends a payment attempt and asks about it (src/payments/payment-attempt.ts). */
import { getGuestPayment, payAsGuest } from '../../client/guest.ts';
import type { BrokerTransport } from '../../client/transport.ts';
import type { GuestPaymentRequest } from '../../contract/guest.ts';
import type { AttemptChannel } from '../../payments/payment-attempt.ts';

/** A guest payment: the look-up token authorizes it (`credential`). */
export function guestChannel(client: () => BrokerTransport): AttemptChannel<GuestPaymentRequest> {
  return {
    send: (r, request, signal) => payAsGuest(client(), r.credential, r.idempotencyKey, request, { signal }),
    status: (r, signal) => getGuestPayment(client(), r.credential, r.idempotencyKey, { signal }),
  };
}
