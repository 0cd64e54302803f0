/**
 * English: a card's expiration date, entered or changed (src/elements/ic-payment-method-form/expiry.ts):
 * the card and bank form and `<ic-payment-methods>`.
 */
export const enExpiry = {
  expiration: 'Expiration',
  expirationHint: 'MM/YY',
  expiryInvalid: 'Enter the expiration date as MM/YY, for example 08/29.',
  expiryPast: 'This card has expired. Use a different card.',
};
