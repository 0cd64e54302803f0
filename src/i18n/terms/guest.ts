/** English of `<ic-one-time-pay>` only: finding a bill as a guest. */
export const enGuest = {
  // Steps
  stepOf: (step: number, total: number) => `Step ${step} of ${total}`,
  findBillHeading: 'Find your bill',
  amountHeading: 'Payment amount',
  methodHeading: 'Payment method',
  findBill: 'Find my bill',
  findingBill: 'Looking up your bill…',
  // Amount
  chooseBill: 'Bill to pay',
  noOpenBills: 'This account has no bill to pay online right now.',
  editAmount: 'Edit amount',
  editMethod: 'Edit payment method',
  createAccount: 'Create an account',
  registerPitch: 'Create an account to see your bills, pay faster next time and set up AutoPay.',
};
