/** English of `<ic-bills>`. */
export const enBills = {
  newMethod: 'A new card or bank account',
  billsOpen: 'Open bills',
  billsNothingDue: 'Nothing to pay right now.',
  billsPay: 'Pay',
  billsPayHeading: (invoice: string) => `Pay bill ${invoice}`,
  billsHistory: 'Payment history',
  billsNoPayments: 'No payments yet.',
  billsStatus: 'Status',
  billsApproved: 'Approved',
  billsDeclined: 'Declined',
  billsShowMore: 'Show more',
  billsShowing: (count: number) => `Showing ${count} payments`,
  billsBack: 'Back to bills',
};
