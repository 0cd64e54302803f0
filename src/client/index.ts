import { everyCall, useCalls } from './broker-client.ts';

// A client from the package entry makes every call.
useCalls(everyCall);

export { BrokerClient, parseRetryAfter, type BrokerClientOptions, type GuestPaymentsClient, type IcClient, type RequestOptions, type SsoClient } from './broker-client.ts';
export { IcApiError, isIcApiError, isAbortError, toIcApiError, type ClientErrorCode, type IcErrorCode, type IcApiErrorInit } from './errors.ts';
export { newIdempotencyKey } from './idempotency-key.ts';
