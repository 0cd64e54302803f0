/**
 * English for every element: the errors a payer can act on, shared buttons and
 * states (src/base/ic-element.ts shows the errors).
 */
export const enCommon = {
  card: 'Card',
  // Errors a payer can act on
  errAccountNotFound: 'We could not find a bill with that account number and last name. Check both against your bill and try again.',
  errCardDeclined: 'Your card was declined. Check the card details or use a different card.',
  errInsufficientFunds: 'The payment was declined for insufficient funds. Use a different card or bank account.',
  errAccountClosed: 'That bank account is closed. Use a different bank account or a card.',
  errPaymentDeclined: 'The payment was declined. Check the details or use a different payment method.',
  errRateLimited: (when: string) => `Too many tries. Please try again ${when}.`,
  errNetwork: 'We cannot reach the payment service. Check your internet connection and try again.',
  errTimeout: 'The payment service is taking too long to answer. Please try again.',
  errNotCharged: 'Your payment did not go through and you were not charged. You can try again.',
  // Also said in place of a bill's form: the broker marks the bill (or refuses to pay it) while a payment of it awaits confirmation.
  billBeingConfirmed: (at: string) =>
    `A payment of this bill${at ? ` made on ${at}` : ''} is still being confirmed. To keep you from paying twice, the bill cannot be paid again until then.`,
  errLookupExpired: 'Your time to pay this bill ran out. Look up your bill again to continue.',
  errInvoiceNotPayable: 'This bill cannot be paid online right now. It may already be paid.',
  errUnavailable: 'The billing service is not available right now. Please try again in a few minutes.',
  errValidation: 'Some payment details were not accepted. Check them and try again.',
  errGeneric: 'Something went wrong on our side. Please try again.',
  errPartNotLoaded: 'Part of this page did not load. Check your internet connection, then reload the page.',
  errorReference: (id: string) => `Reference: ${id}`,
  tryAgain: 'Try again',
  errSessionEnded: 'Your session has ended. Sign in again to see this page.',
  cancel: 'Cancel',
  defaultMethod: 'Default',
  loadingAccount: 'Loading…',
  errMethodInUse: 'AutoPay uses this payment method. Choose another method for AutoPay, or turn AutoPay off, first.',
  errNoMethod: 'Add a payment method first.',
  errAccountNotInSession: 'This account is not in your online account.',
  // 409 no_invoicecloud_login: each account the host listed is registered to another login, so the session has none to act through.
  errNoLogin:
    'None of your accounts can be used online: each is registered to another online account. Sign in with the email address of that online account, or contact us.',
  saving: 'Saving…',
};
