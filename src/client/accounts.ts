/**
 * The signed-in user's accounts and what hangs on each: paperless billing,
 * AutoPay, bills and their payments, linking and unregistering. Named after
 * the operations of openapi.json.
 */
import type * as C from '../contract/index.ts';
import { IcApiError } from './errors.ts';
import { checkIdempotencyKey } from './idempotency-key.ts';
import { BEARER, CHANGED, GET, READ, WITH_ACCOUNT, WRITE, type BrokerTransport, type RequestOptions } from './transport.ts';

/** The user's accounts, as the broker last synced them from InvoiceCloud. Kept once answered. */
export function listAccounts(client: BrokerTransport, options: RequestOptions = {}): Promise<C.SyncedAccount[]> {
  return client[READ]('/accounts', 'AccountsResponse', options).then((r) => r.accounts);
}

/** Paperless billing on or off; answers the account as it now stands. */
export async function updatePaperless(
  client: BrokerTransport,
  accountNumber: string,
  enabled: boolean,
  options: RequestOptions = {},
): Promise<C.SyncedAccount> {
  const account = await client[WRITE]('PUT', `${accountPath(accountNumber)}/paperless`, 'SyncedAccount', { enabled }, options);
  client[CHANGED](['accounts'], client[WITH_ACCOUNT](account));
  return account;
}

/** AutoPay on (with a saved method, a new one to store first, or the default) or off. */
export async function updateAutopay(
  client: BrokerTransport,
  accountNumber: string,
  request: C.AutopayRequest,
  options: RequestOptions = {},
): Promise<C.SyncedAccount> {
  let account: C.SyncedAccount;
  try {
    account = await client[WRITE]('PUT', `${accountPath(accountNumber)}/autopay`, 'SyncedAccount', request, options);
  } catch (err) {
    // The new method may be stored even though AutoPay is not on: whoever lists methods asks again.
    if (request.newMethod) client[CHANGED](['payment-methods']);
    throw err;
  }
  // A new method was stored on the way (and may be the default now).
  client[CHANGED](request.newMethod ? ['accounts', 'payment-methods'] : ['accounts'], client[WITH_ACCOUNT](account));
  return account;
}

/** Links another account, proven by the last name on it; answers every account now. */
export async function linkAccount(
  client: BrokerTransport,
  request: C.LinkAccountRequest,
  options: RequestOptions = {},
): Promise<C.SyncedAccount[]> {
  const { accounts } = await client[WRITE]('POST', '/accounts/links', 'AccountsResponse', request, options);
  client[CHANGED](['accounts'], { accounts });
  return accounts;
}

/** Unregisters an account and every account linked under it; answers all that were removed. */
export async function unregisterAccount(client: BrokerTransport, accountNumber: string, options: RequestOptions = {}): Promise<string[]> {
  const { unregistered } = await client[WRITE]('DELETE', accountPath(accountNumber), 'UnregisterResponse', undefined, options);
  client[CHANGED](['accounts', 'bills']);
  return unregistered;
}

/** Open bills and one page of payment history, newest first (`before`: the previous page's `nextCursor`). Kept once answered. */
export function listBills(
  client: BrokerTransport,
  accountNumber: string,
  page: { before?: string; limit?: number } = {},
  options: RequestOptions = {},
): Promise<C.BillsResponse> {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  if (page.before) query.set('before', page.before);
  const q = query.toString();
  return client[READ](`${accountPath(accountNumber)}/bills${q ? `?${q}` : ''}`, 'BillsResponse', options);
}

/** Pays a bill. Same key + same body → the same result, never a second charge. */
export async function payBill(
  client: BrokerTransport,
  accountNumber: string,
  idempotencyKey: string,
  request: C.BillPaymentRequest,
  options: RequestOptions = {},
): Promise<C.PaymentResult> {
  checkIdempotencyKey(idempotencyKey);
  let result: C.PaymentResult;
  try {
    result = await client[WRITE]('POST', `${accountPath(accountNumber)}/payments`, 'PaymentResult', request, options, {
      'idempotency-key': idempotencyKey,
    });
  } catch (err) {
    // Another payment of the bill awaits confirmation, which the kept bills do not show yet: read them again.
    if (err instanceof IcApiError && err.code === 'payment_being_confirmed') client[CHANGED](['bills']);
    throw err;
  }
  if (result.status === 'succeeded') client[CHANGED](['bills', 'accounts']);
  return result;
}

/** Where the bill payment with this key stands; `not_found` means the broker never saw it. */
export async function getBillPayment(
  client: BrokerTransport,
  accountNumber: string,
  idempotencyKey: string,
  options: RequestOptions = {},
): Promise<C.PaymentResult> {
  checkIdempotencyKey(idempotencyKey);
  const path = `${accountPath(accountNumber)}/payments/${encodeURIComponent(idempotencyKey)}`;
  const result = await client[GET](path, 'PaymentResult', client[BEARER](), options.signal);
  if (result.status === 'succeeded') client[CHANGED](['bills', 'accounts']);
  return result;
}

const accountPath = (accountNumber: string) => `/accounts/${encodeURIComponent(accountNumber)}`;
