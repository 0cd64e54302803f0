/**
 * English: the account, name, amount and email fields, their hints and their
 * checks (src/templates/field-rules.ts): `<ic-one-time-pay>`, `<ic-bills>`,
 * `<ic-linked-accounts>`.
 */
export const enFields = {
  accountNumber: 'Account number',
  accountNumberHint: 'As printed on your bill.',
  lastName: 'Last name',
  lastNameHint: 'The last name on the account.',
  accountNumberRequired: 'Enter your account number.',
  accountNumberInvalid: 'Use only the letters, digits and dashes printed on your bill.',
  lastNameRequired: 'Enter the last name on the account.',
  amountRequired: 'Enter the amount to pay.',
  amountInvalid: 'Enter the amount in dollars and cents, for example 84.20.',
  amountTooSmall: 'Enter an amount greater than $0.00.',
  amountTooLarge: (max: string) => `The most you can pay online at one time is ${max}.`,
  amountBelowMinimum: (min: string) => `The smallest payment accepted online is ${min}.`,
  emailInvalid: 'Enter an email address like name@example.com, or leave it empty.',
};
