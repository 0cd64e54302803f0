// The transport, and every call as a plain function over it (one module per resource).
export { BrokerTransport, parseRetryAfter, type BrokerClientOptions, type RequestOptions, type Resource } from './transport.ts';
export { lookupGuestAccount, payAsGuest, getGuestPayment } from './guest.ts';
export { getMe } from './me.ts';
export {
  listAccounts,
  updatePaperless,
  updateAutopay,
  linkAccount,
  unregisterAccount,
  listBills,
  payBill,
  getBillPayment,
} from './accounts.ts';
export { listPaymentMethods, storePaymentMethod, updatePaymentMethod, removePaymentMethod } from './payment-methods.ts';
export { openPortalPage } from './sso.ts';
// The same calls as methods of one class, for hosts that prefer them.
export { BrokerClient } from './broker-client.ts';
export {
  IcApiError,
  isIcApiError,
  isAbortError,
  toIcApiError,
  type ClientErrorCode,
  type IcErrorCode,
  type IcApiErrorInit,
} from './errors.ts';
export { newIdempotencyKey } from './idempotency-key.ts';
