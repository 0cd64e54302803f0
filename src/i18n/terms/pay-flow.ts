/**
 * English: the steps of paying a bill, its review and its receipt:
 * `<ic-one-time-pay>` and `<ic-bills>`.
 */
export const enPayFlow = {
  confirmationNumber: 'Confirmation number',
  amountDueOn: (amount: string, date: string) => `${amount} due ${date}`,
  // Review
  reviewAmount: 'Amount',
  reviewBill: 'Bill',
  reviewAccount: 'Account',
  reviewMethod: 'Payment method',
  reviewEmail: 'Receipt email',
  reviewConsent: (amount: string) => `When you select Pay, you authorize a one-time payment of ${amount}.`,
  pay: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  checkAgain: 'Check again',
  print: 'Print receipt',
  // Confirming
  confirming: 'We are confirming your payment…',
  confirmingDetail: 'Please keep this page open. Do not pay again: you will not be charged twice.',
  stalled: 'We could not confirm your payment yet. Do not pay again. Select Check again in a minute.',
  reviewing: 'Your payment is being confirmed. This is taking longer than usual.',
  reviewingEmail: 'We will email you once it is confirmed.',
  paidOn: 'Date',
  receiptSent: (email: string) => `A copy of this receipt was sent to ${email}.`,
  reviewHeading: 'Review your payment',
  confirmingHeading: 'Confirming your payment',
  receiptHeading: 'Payment received',
  billNumber: (invoice: string) => `Bill ${invoice}`,
  accountLine: (account: string) => `Account ${account}`,
  amountLabel: 'Amount to pay',
  amountHint: 'In US dollars, for example 84.20.',
  // Method
  emailLabel: 'Email for your receipt (optional)',
  emailHint: 'We will email you a copy of the receipt.',
  // Buttons
  continue: 'Continue',
  back: 'Back',
};
