/**
 * Which message a payer sees for each broker or client error: a phrase
 * (term + arguments), rendered in the element's language.
 */
import type { IcApiError } from '../client/errors.ts';
import type { Localize, Phrase, TermTable } from './localize.ts';
import type { enCommon } from './terms/common.ts';

/** How an error's wait ("in 30 seconds") and time are worded: the element's language (its `Localize`). */
export type ErrorWording = Pick<Localize<TermTable>, 'inSeconds' | 'dateTime'>;

/** An error's message: a phrase of the terms every element has. */
export type ErrorPhrase = Phrase<typeof enCommon>;

/** The message for an error, specific enough to act on, in `t`'s language. */
export function errorPhrase(error: IcApiError, t: ErrorWording): ErrorPhrase {
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
      return ['errRateLimited', t.inSeconds(error.retryAfterSeconds ?? 60)];
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
    case 'payment_being_confirmed':
      return ['billBeingConfirmed', error.attemptedAt ? t.dateTime(error.attemptedAt) : ''];
    case 'upstream_timeout':
    case 'upstream_unavailable':
    case 'upstream_invalid':
      return ['errUnavailable'];
    case 'validation_failed':
      return ['errValidation'];
    case 'load_failed':
      return ['errPartNotLoaded'];
    default:
      return ['errGeneric'];
  }
}

/**
 * The message for an error of a signed-in element (bills, toggles, methods,
 * accounts): the session's own failures, then the payment wording.
 */
export function sessionErrorPhrase(error: IcApiError, t: ErrorWording): ErrorPhrase {
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
    // Linking, saving a method, a portal page: every account is another login's (README, "Signed-in elements").
    case 'no_invoicecloud_login':
      return ['errNoLogin'];
    default:
      return errorPhrase(error, t);
  }
}
