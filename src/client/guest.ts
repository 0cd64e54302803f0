/**
 * Finding a bill as a guest and paying it (`<ic-one-time-pay>`): no session,
 * the look-up's token authorizes the payment. Named after the operations of
 * openapi.json.
 */
import type * as C from '../contract/index.ts';
import { checkIdempotencyKey } from './idempotency-key.ts';
import { GET, SEND, type BrokerTransport, type RequestOptions } from './transport.ts';

/** Finds the account and its open bills; the answer's `lookupToken` authorizes the payment. */
export function lookupGuestAccount(
  client: BrokerTransport,
  request: C.GuestLookupRequest,
  options: RequestOptions = {},
): Promise<C.GuestLookupResponse> {
  return client[SEND]({ method: 'POST', path: '/guest/lookup', answer: 'GuestLookupResponse', body: request, signal: options.signal });
}

/** Sends one payment attempt. Same key + same body → the same result, never a second charge. */
export function payAsGuest(
  client: BrokerTransport,
  lookupToken: string,
  idempotencyKey: string,
  request: C.GuestPaymentRequest,
  options: RequestOptions = {},
): Promise<C.PaymentResult> {
  checkIdempotencyKey(idempotencyKey);
  return client[SEND]({
    method: 'POST',
    path: '/guest/payments',
    answer: 'PaymentResult',
    headers: { authorization: `Bearer ${lookupToken}`, 'idempotency-key': idempotencyKey },
    body: request,
    signal: options.signal,
  });
}

/** Where the attempt with this key stands; `not_found` means the broker never saw it. */
export function getGuestPayment(
  client: BrokerTransport,
  lookupToken: string,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<C.PaymentResult> {
  checkIdempotencyKey(idempotencyKey);
  return client[GET](`/guest/payments/${encodeURIComponent(idempotencyKey)}`, 'PaymentResult', `Bearer ${lookupToken}`, options.signal);
}
