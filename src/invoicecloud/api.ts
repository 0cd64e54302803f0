/**
 * InvoiceCloud operations in our own terms: integer cents, camelCase, the
 * contract's method summaries. Routes and flows use this; only this module
 * and the operation table know InvoiceCloud's payloads.
 */
import type { Invoice } from '../contract/guest.ts';
import type { MethodSummary, PaymentMethodInput } from '../contract/payments.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import { createInvoiceCloudClient, type CallOptions, type InvoiceCloudConfig } from './client.ts';
import { InvoiceCloudError } from './errors.ts';
import type { IcAccountSummary, IcPayment } from './operations.ts';

export const toCents = (dollars: number) => Math.round(dollars * 100);
export const toDollars = (cents: number) => cents / 100;

export interface AccountSummary {
  accountNumber: string;
  customerName: string;
  balanceCents: number;
  openInvoices: Invoice[];
}

export interface Payment {
  paymentId: string;
  confirmationNumber: string;
  reference: string;
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  paidAt: string;
  method: MethodSummary;
  /** `null` when approved; otherwise InvoiceCloud's decline reason. */
  declineCode: string | null;
}

export interface PayInvoiceInput {
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  method: PaymentMethodInput;
  /** Our reference, echoed back by InvoiceCloud: how an unknown outcome is found again. */
  reference: string;
  email?: string;
}

export interface IcUser {
  loginGuid: string;
  username: string;
  email: string;
}

/** `updated`, or `mismatch` when the current password given does not match InvoiceCloud's. */
export type CredentialUpdate = 'updated' | 'mismatch';

export type InvoiceCloud = ReturnType<typeof createInvoiceCloud>;

export function createInvoiceCloud(config: InvoiceCloudConfig) {
  const { call } = createInvoiceCloudClient(config);

  return {
    /** Account and open invoices, if the account number and name match; `null` otherwise. */
    async lookupAccount(accountNumber: string, name: string, opts?: CallOptions): Promise<AccountSummary | null> {
      try {
        const a = await call('LookupAccount', { AccountNumber: accountNumber, CustomerName: name }, opts);
        return {
          accountNumber: a.AccountNumber,
          customerName: a.CustomerName,
          balanceCents: toCents(a.BalanceDue),
          openInvoices: a.Invoices.filter((i) => i.Status === 'Open').map((i) => ({
            invoiceNumber: i.InvoiceNumber,
            amountDueCents: toCents(i.AmountDue),
            dueDate: i.DueDate,
          })),
        };
      } catch (err) {
        if (err instanceof InvoiceCloudError && err.kind === 'status' && err.status === 404) return null;
        throw err;
      }
    },

    /** Invoice Pay without a saved payment method (the guest payment). */
    async payInvoice(input: PayInvoiceInput, opts?: CallOptions): Promise<Payment> {
      const m = input.method;
      const paid = await call(
        'InvoicePayWithoutSavedMethod',
        {
          AccountNumber: input.accountNumber,
          InvoiceNumber: input.invoiceNumber,
          Amount: toDollars(input.amountCents),
          ReferenceId: input.reference,
          EmailAddress: input.email,
          PaymentMethod:
            m.kind === 'card'
              ? {
                  PaymentType: 'CreditCard',
                  CardNumber: m.number,
                  ExpirationMonth: m.expMonth,
                  ExpirationYear: m.expYear,
                  SecurityCode: m.securityCode,
                  NameOnCard: m.name,
                  PostalCode: m.postalCode,
                }
              : {
                  PaymentType: 'ACH',
                  RoutingNumber: m.routingNumber,
                  BankAccountNumber: m.accountNumber,
                  BankAccountType: m.accountType === 'checking' ? 'Checking' : 'Savings',
                  NameOnAccount: m.name,
                },
        },
        opts,
      );
      return fromIcPayment(paid);
    },

    /** Whether the account has a customer record, and the logins (registered users) that see it. */
    async retrieveUsers(accountNumber: string, opts?: CallOptions): Promise<{ customerExists: boolean; users: IcUser[] }> {
      const r = await call('RetrieveUsers', { AccountNumber: accountNumber }, opts);
      return {
        customerExists: r.CustomerExists,
        users: r.Users.map((u) => ({ loginGuid: u.LoginGuid, username: u.Username, email: u.EmailAddress })),
      };
    },

    /** The Remote Authentication Token that opens CloudSSO pages as this user. */
    async remoteAuthentication(username: string, accountNumber: string, opts?: CallOptions) {
      const r = await call('RemoteAuthentication', { Username: username, AccountNumber: accountNumber }, opts);
      return { token: r.RemoteAuthenticationToken, expiresInSeconds: r.ExpiresInSeconds };
    },

    async retrieveCustomerGuid(accountNumber: string, email: string, username: string, opts?: CallOptions): Promise<string> {
      return (await call('RetrieveCustomerGuid', { AccountNumber: accountNumber, EmailAddress: email, Username: username }, opts)).CustomerGuid;
    },

    async retrieveUserAccounts(loginGuid: string, opts?: CallOptions): Promise<SyncedAccount[]> {
      return (await call('RetrieveUserAccounts', { LoginGuid: loginGuid }, opts)).Accounts.map(fromIcAccount);
    },

    async createCustomerRecord(c: { accountNumber: string; firstName: string; lastName: string; email: string }, opts?: CallOptions): Promise<string> {
      const r = await call('CreateCustomerRecord', { AccountNumber: c.accountNumber, FirstName: c.firstName, LastName: c.lastName, EmailAddress: c.email }, opts);
      return r.CustomerGuid;
    },

    /** Registers the accounts under a login (created if new). The seed: LoginTypeID is always 1. */
    async registerAccounts(r: { username: string; email: string; accountNumbers: string[] }, opts?: CallOptions) {
      const res = await call('RegisterAccounts', { Username: r.username, EmailAddress: r.email, LoginTypeID: 1, AccountNumbers: r.accountNumbers }, opts);
      return { loginGuid: res.LoginGuid, accounts: res.Accounts.map(fromIcAccount) };
    },

    async updatePassword(loginGuid: string, newPassword: string, currentPassword?: string, opts?: CallOptions): Promise<CredentialUpdate> {
      return mismatchAware(() => call('UpdatePassword', { LoginGuid: loginGuid, CurrentPassword: currentPassword, NewPassword: newPassword }, opts));
    },

    async updateEmail(loginGuid: string, newEmail: string, currentPassword?: string, opts?: CallOptions): Promise<CredentialUpdate> {
      return mismatchAware(() => call('UpdateEmail', { LoginGuid: loginGuid, CurrentPassword: currentPassword, NewEmailAddress: newEmail }, opts));
    },

    /** A single-use CloudSSO URL for one portal page, to be framed only by `parentOrigin`. */
    async cloudSsoConnect(remoteAuthenticationToken: string, redirectId: number, parentOrigin: string, opts?: CallOptions) {
      const r = await call('CloudSsoConnect', { RemoteAuthenticationToken: remoteAuthenticationToken, RedirectId: redirectId, ParentOrigin: parentOrigin }, opts);
      return { url: r.Url, expiresInSeconds: r.ExpiresInSeconds };
    },

    /** Payments of an account carrying our reference (reconciliation). */
    async findPayments(accountNumber: string, reference: string, opts?: CallOptions): Promise<Payment[]> {
      const r = await call('RetrievePayments', { AccountNumber: accountNumber, ReferenceId: reference }, opts);
      return r.Payments.filter((p) => p.ReferenceId === reference).map(fromIcPayment);
    },
  };
}

async function mismatchAware(update: () => Promise<unknown>): Promise<CredentialUpdate> {
  try {
    await update();
    return 'updated';
  } catch (err) {
    if (err instanceof InvoiceCloudError && err.status === 409 && err.upstreamCode === 'CurrentPasswordMismatch') return 'mismatch';
    throw err;
  }
}

function fromIcAccount(a: IcAccountSummary): SyncedAccount {
  return {
    accountNumber: a.AccountNumber,
    customerName: a.CustomerName,
    balanceCents: toCents(a.BalanceDue),
    paperless: a.Paperless,
    payByText: a.PayByText,
    autopay: a.AutoPay,
  };
}

function fromIcPayment(p: IcPayment): Payment {
  return {
    paymentId: p.PaymentId,
    confirmationNumber: p.ConfirmationNumber,
    reference: p.ReferenceId,
    accountNumber: p.AccountNumber,
    invoiceNumber: p.InvoiceNumber,
    amountCents: toCents(p.Amount),
    paidAt: p.PaymentDate,
    method: {
      kind: p.PaymentType === 'ACH' ? 'ach' : 'card',
      brand: p.CardType.toLowerCase(),
      last4: p.LastFour,
    },
    declineCode: p.Status === 'Approved' ? null : (p.DeclineCode ?? 'declined'),
  };
}
