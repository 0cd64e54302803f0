export { BrokerClient, parseRetryAfter, type BrokerClientOptions, type GuestPaymentsClient, type IcClient, type RequestOptions, type SsoClient } from './broker-client.ts';
export { IcApiError, isIcApiError, isAbortError, toIcApiError, type ClientErrorCode, type IcErrorCode, type IcApiErrorInit } from './errors.ts';
export { newIdempotencyKey } from './idempotency-key.ts';
