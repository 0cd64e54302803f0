/** The signed-in user (for hosts: no element asks). */
import type * as C from '../contract/index.ts';
import { BEARER, GET, type BrokerTransport, type RequestOptions } from './transport.ts';

/** The signed-in user and their accounts. Several callers asking at once (a page of them) share one request. */
export function getMe(client: BrokerTransport, options: RequestOptions = {}): Promise<C.MeResponse> {
  return client[GET]('/me', 'MeResponse', client[BEARER](), options.signal);
}
