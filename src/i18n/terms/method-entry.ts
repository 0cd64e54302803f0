/**
 * English: entering a card or bank account, the fields and their errors
 * (`<ic-payment-method-form>`, which elements load when a payer needs it).
 */
export const enMethodEntry = {
  payWith: 'Pay with',
  cardNumber: 'Card number',
  cardBrand: (brand: string) => `${brand} card`,
  securityCode: 'Security code',
  securityCodeHint: (digits: number, front: boolean) => `${digits} digits on the ${front ? 'front' : 'back'} of the card.`,
  nameOnCard: 'Name on card',
  zip: 'ZIP code',
  routingNumber: 'Routing number',
  routingHint: 'The 9 digits at the bottom left of a check.',
  bankAccountNumber: 'Bank account number',
  confirmBankAccountNumber: 'Confirm bank account number',
  accountType: 'Account type',
  nameOnAccount: 'Name on the bank account',
  cardNumberRequired: 'Enter the card number.',
  cardNumberInvalid: 'Check the card number: it is not a valid card number.',
  securityCodeInvalid: (digits: number) => `Enter the ${digits}-digit security code.`,
  nameOnCardRequired: 'Enter the name as it appears on the card.',
  zipInvalid: 'Enter a 5-digit ZIP code.',
  routingRequired: 'Enter the 9-digit routing number.',
  routingInvalid: 'Check the routing number: it is not a valid US routing number.',
  bankAccountInvalid: 'Enter the bank account number: 4 to 17 digits.',
  bankAccountMismatch: 'The bank account numbers do not match.',
  nameOnAccountRequired: 'Enter the name on the bank account.',
  fixFields: (count: number) => (count === 1 ? 'Please fix 1 field.' : `Please fix ${count} fields.`),
};
