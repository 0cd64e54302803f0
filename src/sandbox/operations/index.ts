/**
 * Operation name → sandbox handler. The routes, methods and schemas come from
 * the one InvoiceCloud operation table (src/invoicecloud/operations.ts); this
 * table only says what the sandbox does. An operation in that table without a
 * handler here answers 501, so the two can grow independently.
 */
import type { OperationName } from '../../invoicecloud/operations.ts';
import { cloudSsoConnect } from './cloud-sso-connect.ts';
import { createCustomerRecord } from './create-customer-record.ts';
import { invoicePayWithSavedMethod } from './invoice-pay-saved.ts';
import { invoicePayWithoutSavedMethod } from './invoice-pay.ts';
import { linkAccounts } from './link-accounts.ts';
import { lookupAccount } from './lookup-account.ts';
import { registerAccounts } from './register-accounts.ts';
import { remoteAuthentication } from './remote-authentication.ts';
import { removePaymentMethod } from './remove-payment-method.ts';
import { retrieveCustomerDetails } from './retrieve-customer-details.ts';
import { retrieveCustomerGuid } from './retrieve-customer-guid.ts';
import { retrieveInvoices } from './retrieve-invoices.ts';
import { retrieveLoginGuid } from './retrieve-login-guid.ts';
import { retrievePayments } from './retrieve-payments.ts';
import { retrieveUserAccounts } from './retrieve-user-accounts.ts';
import { retrieveUsers } from './retrieve-users.ts';
import { storePaymentMethod } from './store-payment-method.ts';
import type { Handler } from './types.ts';
import { unregisterAccounts } from './unregister-accounts.ts';
import { updateAutoPay } from './update-autopay.ts';
import { updateEmail } from './update-email.ts';
import { updatePaperless } from './update-paperless.ts';
import { updatePassword } from './update-password.ts';
import { updatePaymentMethod } from './update-payment-method.ts';

export const handlers: { [N in OperationName]?: Handler<N> } = {
  LookupAccount: lookupAccount,
  InvoicePayWithoutSavedMethod: invoicePayWithoutSavedMethod,
  RetrievePayments: retrievePayments,
  RetrieveUsers: retrieveUsers,
  RemoteAuthentication: remoteAuthentication,
  RetrieveCustomerGuid: retrieveCustomerGuid,
  RetrieveLoginGuid: retrieveLoginGuid,
  RetrieveUserAccounts: retrieveUserAccounts,
  RetrieveCustomerDetails: retrieveCustomerDetails,
  CreateCustomerRecord: createCustomerRecord,
  RegisterAccounts: registerAccounts,
  UpdatePassword: updatePassword,
  UpdateEmail: updateEmail,
  CloudSsoConnect: cloudSsoConnect,
  // Self-service (operations-self-service.ts): Registered User Payment, Paperless,
  // AutoPay, Manage Payment Methods, Manage Accounts.
  RetrieveInvoices: retrieveInvoices,
  InvoicePayWithSavedMethod: invoicePayWithSavedMethod,
  StorePaymentMethod: storePaymentMethod,
  UpdatePaymentMethod: updatePaymentMethod,
  RemovePaymentMethod: removePaymentMethod,
  UpdateAutoPay: updateAutoPay,
  UpdatePaperless: updatePaperless,
  LinkAccounts: linkAccounts,
  UnregisterAccounts: unregisterAccounts,
};
