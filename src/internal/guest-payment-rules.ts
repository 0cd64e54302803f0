/**
 * Pure rules of the guest payment form: what is wrong with a typed field, and
 * which message a payer sees for each broker or client error. Messages are
 * phrases (term + arguments), rendered in the element's language.
 */
import type { IcApiError } from '../client/errors.ts';
import { ACCOUNT_NUMBER, MAX_PAYMENT_CENTS } from '../contract/limits.ts';
import type { Lang, Phrase } from './i18n.ts';
import { formatCents, parseAmount } from './money.ts';

export function accountNumberError(value: string): Phrase | undefined {
  if (value.trim() === '') return ['accountNumberRequired'];
  return ACCOUNT_NUMBER.test(value.trim()) ? undefined : ['accountNumberInvalid'];
}

export function lastNameError(value: string): Phrase | undefined {
  return value.trim() === '' ? ['lastNameRequired'] : undefined;
}

/** The amount must parse, be more than zero and at most MAX_PAYMENT_CENTS. */
export function amountError(value: string, lang: Lang): Phrase | undefined {
  if (value.trim() === '') return ['amountRequired'];
  const cents = parseAmount(value);
  if (cents === null) return ['amountInvalid'];
  if (cents <= 0) return ['amountTooSmall'];
  if (cents > MAX_PAYMENT_CENTS) return ['amountTooLarge', formatCents(MAX_PAYMENT_CENTS, lang)];
  return undefined;
}

/** Optional; when given, a plain address the broker's schema will accept. */
export function emailError(value: string): Phrase | undefined {
  const v = value.trim();
  return v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : ['emailInvalid'];
}

/**
 * The message for an error, specific enough to act on. `inSeconds` words a
 * wait ("in 30 seconds") in the element's language.
 */
export function errorPhrase(error: IcApiError, inSeconds: (s: number) => string): Phrase {
  switch (error.code) {
    case 'account_not_found':
      return ['errAccountNotFound'];
    case 'card_declined':
      return ['errCardDeclined'];
    case 'insufficient_funds':
      return ['errInsufficientFunds'];
    case 'account_closed':
      return ['errAccountClosed'];
    case 'payment_declined':
      return ['errPaymentDeclined'];
    case 'rate_limited':
      return ['errRateLimited', inSeconds(error.retryAfterSeconds ?? 60)];
    case 'network_error':
      return ['errNetwork'];
    case 'timeout':
      return ['errTimeout'];
    case 'lookup_expired':
    case 'unauthorized':
      return ['errLookupExpired'];
    // A status check that finds no such payment: it never reached the broker.
    case 'not_found':
    case 'payment_not_completed':
      return ['errNotCharged'];
    case 'invoice_not_payable':
      return ['errInvoiceNotPayable'];
    case 'upstream_timeout':
    case 'upstream_unavailable':
    case 'upstream_invalid':
      return ['errUnavailable'];
    case 'validation_failed':
      return ['errValidation'];
    default:
      return ['errGeneric'];
  }
}

/**
 * The message for an error of a signed-in element (bills, toggles, methods,
 * accounts): the session's own failures, then the payment wording.
 */
export function sessionErrorPhrase(error: IcApiError, inSeconds: (s: number) => string): Phrase {
  switch (error.code) {
    case 'unauthorized':
    case 'session_expired':
      return ['errSessionEnded'];
    case 'payment_method_in_use':
      return ['errMethodInUse'];
    case 'no_payment_method':
      return ['errNoMethod'];
    case 'account_not_found':
      return ['errAccountNotInSession'];
    default:
      return errorPhrase(error, inSeconds);
  }
}
