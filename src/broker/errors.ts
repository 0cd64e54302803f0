import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../contract/common.ts';
import { InvoiceCloudError } from '../invoicecloud/errors.ts';

/**
 * An error the broker answers on purpose. `onError` turns it into the one
 * error body; anything else thrown is a bug and becomes a generic 500 that
 * carries no detail.
 */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: { retryable?: boolean; fields?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

/** Maps an InvoiceCloud failure to what the caller may know of it; upstream text never leaks. */
export function fromInvoiceCloud(err: InvoiceCloudError): BrokerError {
  switch (err.kind) {
    case 'timeout':
      return new BrokerError('upstream_timeout', 504, 'The billing service did not answer in time. Please try again.', { retryable: true });
    case 'malformed':
      return new BrokerError('upstream_invalid', 502, 'The billing service sent an answer we could not read. Please try again later.', { retryable: true });
    case 'status':
      if (err.status === 429) {
        return new BrokerError('upstream_unavailable', 503, 'The billing service is busy. Please try again in a minute.', { retryable: true });
      }
      return new BrokerError('upstream_unavailable', 502, 'The billing service is unavailable. Please try again later.', { retryable: true });
    default:
      return new BrokerError('upstream_unavailable', 502, 'The billing service could not be reached. Please try again later.', { retryable: true });
  }
}
