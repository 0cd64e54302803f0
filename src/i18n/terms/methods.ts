/** English of `<ic-payment-methods>`. */
export const enMethods = {
  nickname: 'Nickname (optional)',
  makeDefault: 'Make this my default',
  methodsHeading: 'Payment methods',
  noMethods: 'No saved payment methods yet.',
  expires: (date: string) => `Expires ${date}`,
  addMethod: 'Add a card or bank account',
  defaultHint: 'AutoPay that uses your default follows it.',
  editItem: 'Edit',
  saveMethod: 'Save',
  removeMethod: 'Remove',
  removingMethod: 'Removing…',
  removeHeading: (method: string) => `Remove ${method}?`,
};
