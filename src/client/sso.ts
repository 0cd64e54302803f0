/** InvoiceCloud portal pages (`<ic-sso-frame>`). */
import type * as C from '../contract/index.ts';
import { BEARER, SEND, type BrokerTransport, type RequestOptions } from './transport.ts';

/**
 * A new single-use URL of an InvoiceCloud portal page, and the origin its
 * messages come from: `'pay-by-text'`, or `{ target, accountNumber }` for
 * one of the user's accounts (the first when left out). A POST, never shared
 * or kept: every call must get its own URL, which works once.
 */
export function openPortalPage(
  client: BrokerTransport,
  page: C.SsoTarget | C.SsoRequest,
  options: RequestOptions = {},
): Promise<C.SsoResponse> {
  const { target, accountNumber } = typeof page === 'string' ? { target: page, accountNumber: undefined } : page;
  const auth = client[BEARER]();
  return client[SEND]({
    method: 'POST',
    path: '/sso',
    answer: 'SsoResponse',
    headers: auth ? { authorization: auth } : {},
    // No account: the broker's default (the first); an empty one is none.
    body: accountNumber ? { target, accountNumber } : { target },
    signal: options.signal,
  });
}
