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
    readonly extra: { retryable?: boolean; fields?: Record<string, string>; retryAfterSeconds?: number; attemptedAt?: string } = {},
  ) {
    super(message);
  }
}

/**
 * InvoiceCloud refusals a user can act on, by InvoiceCloud's ErrorCode. Each
 * became our own code and words; anything else is an upstream failure.
 */
const REFUSALS: Record<string, () => BrokerError> = {
  AccountNotFound: () => new BrokerError('account_not_found', 404, 'We could not find an account with that account number and last name.'),
  AlreadyRegistered: () => new BrokerError('account_already_registered', 409, 'That account already belongs to another online account.'),
  AlreadyLinked: () => new BrokerError('account_already_registered', 409, 'That account is already in your online account.'),
  PaymentMethodNotFound: () => new BrokerError('not_found', 404, 'That payment method is not saved in your online account.'),
  MethodInUseByAutoPay: () =>
    new BrokerError(
      'payment_method_in_use',
      409,
      'AutoPay uses this payment method. Choose another method for AutoPay first, or turn AutoPay off.',
    ),
  NoPaymentMethod: () => new BrokerError('no_payment_method', 409, 'AutoPay needs a saved payment method. Add one first.'),
  CardExpired: () => cardExpired(),
  // Update Email: another InvoiceCloud login already signs in with that address. Retrying cannot help, so not a 502.
  UsernameTaken: () =>
    new BrokerError('validation_failed', 400, 'Another online account already uses that email address.', {
      fields: { newEmail: 'Already used by another online account.' },
    }),
  InvoiceNotFound: () => new BrokerError('invoice_not_payable', 409, 'This bill cannot be paid online right now. It may already be paid.'),
  InvoiceNotPayable: () =>
    new BrokerError('invoice_not_payable', 409, 'This bill cannot be paid online right now. It may already be paid.'),
  card_declined: () => declined('card_declined'),
  insufficient_funds: () => declined('insufficient_funds'),
  account_closed: () => declined('account_closed'),
};

/** Checked here before InvoiceCloud is asked, and InvoiceCloud's own refusal reads the same. */
export function cardExpired(): BrokerError {
  return new BrokerError('validation_failed', 400, 'The card has expired or its expiration date is not valid.', {
    fields: { expYear: 'Not a future date.' },
  });
}

export function declined(code: string): BrokerError {
  switch (code) {
    case 'card_declined':
      return new BrokerError('card_declined', 402, 'Your card was declined. Please use a different card or contact your card issuer.');
    case 'insufficient_funds':
      return new BrokerError(
        'insufficient_funds',
        402,
        'The payment was declined for insufficient funds. Please use a different payment method.',
      );
    case 'account_closed':
      return new BrokerError('account_closed', 402, 'That bank account is closed. Please use a different account.');
    default:
      return new BrokerError('payment_declined', 402, 'The payment was declined. Please use a different payment method.');
  }
}

/** The user-facing refusal behind an InvoiceCloud 4xx, when we know its ErrorCode. */
export function refusalOf(err: InvoiceCloudError): BrokerError | undefined {
  const refusal = err.kind === 'status' && err.upstreamCode && (err.status ?? 500) < 500 ? REFUSALS[err.upstreamCode] : undefined;
  return refusal?.();
}

/** Maps an InvoiceCloud failure to what the caller may know of it; upstream text never leaks. */
export function fromInvoiceCloud(err: InvoiceCloudError): BrokerError {
  const refusal = refusalOf(err);
  if (refusal) return refusal;
  switch (err.kind) {
    case 'timeout':
      return new BrokerError('upstream_timeout', 504, 'The billing service did not answer in time. Please try again.', { retryable: true });
    case 'malformed':
      return new BrokerError('upstream_invalid', 502, 'The billing service sent an answer we could not read. Please try again later.', {
        retryable: true,
      });
    case 'status':
      if (err.status === 429) {
        return new BrokerError('upstream_unavailable', 503, 'The billing service is busy. Please try again in a minute.', {
          retryable: true,
        });
      }
      return new BrokerError('upstream_unavailable', 502, 'The billing service is unavailable. Please try again later.', {
        retryable: true,
      });
    default:
      return new BrokerError('upstream_unavailable', 502, 'The billing service could not be reached. Please try again later.', {
        retryable: true,
      });
  }
}
