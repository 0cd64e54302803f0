/**
 * English: a card or bank account as the payer sees it once entered or saved
 * ("Visa ending in 1111"), and the on-demand card and bank form loading:
 * `<ic-one-time-pay>`, `<ic-bills>`, `<ic-autopay-toggle>`, `<ic-payment-methods>`.
 */
export const enPayment = {
  bank: 'Bank account',
  checking: 'Checking',
  savings: 'Savings',
  cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
  bankEnding: (type: string, last4: string) => `${type} account ending in ${last4}`,
  methodFormLoading: 'Loading the card and bank account form…',
  methodFormFailed: 'The card and bank account form did not load. Check your internet connection, then reload the page.',
  // Brands
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  unknownBrand: 'Card',
};
