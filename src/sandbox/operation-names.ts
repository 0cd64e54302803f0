/**
 * Every InvoiceCloud operation name FIXTURES.md lists: the call log uses
 * exactly these, and faults may be set on any of them, including operations
 * the sandbox does not answer yet.
 */
export const OPERATION_NAMES = [
  'RetrieveUsers',
  'RemoteAuthentication',
  'RetrieveCustomerGuid',
  'RetrieveLoginGuid',
  'RetrieveUserAccounts',
  'RetrieveCustomerDetails',
  'CreateCustomerRecord',
  'RegisterAccounts',
  'LinkAccounts',
  'UnregisterAccounts',
  'UpdatePassword',
  'UpdateEmail',
  'UpdateAutoPay',
  'UpdatePaperless',
  'StorePaymentMethod',
  'UpdatePaymentMethod',
  'RemovePaymentMethod',
  'RetrieveInvoices',
  'RetrievePayments',
  'InvoicePayWithSavedMethod',
  'InvoicePayWithoutSavedMethod',
  'LookupAccount',
  'CloudSsoConnect',
] as const;

export type LoggedOperationName = (typeof OPERATION_NAMES)[number];
