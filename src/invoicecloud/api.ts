/**
 * InvoiceCloud operations in our own terms: integer cents, camelCase, the
 * contract's method summaries. Routes and flows use this; only this module
 * and the operation table know InvoiceCloud's payloads.
 */
import type { Invoice } from '../contract/guest.ts';
import type { MethodSummary, PaymentMethodInput } from '../contract/payments.ts';
import type { SavedMethod, Bill, PaymentHistoryItem } from '../contract/self-service.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import { createInvoiceCloudClient, type CallOptions, type InvoiceCloudConfig } from './client.ts';
import { InvoiceCloudError } from './errors.ts';
import type { IcAccountSummary, IcPayment } from './operations.ts';
import type { IcSavedMethod } from './wire.ts';

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
  const client = createInvoiceCloudClient(config);
  const { call } = client;

  return {
    /** `GET biller/status`: InvoiceCloud answers with our key; its status and the biller's name, when it says them. */
    async billerStatus(opts?: CallOptions): Promise<{ status: string | null; billerName: string | null }> {
      const r = await client.billerStatus(opts);
      return { status: r.Status ?? null, billerName: r.BillerName ?? null };
    },

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
      const paid = await call(
        'InvoicePayWithoutSavedMethod',
        {
          AccountNumber: input.accountNumber,
          InvoiceNumber: input.invoiceNumber,
          Amount: toDollars(input.amountCents),
          ReferenceId: input.reference,
          EmailAddress: input.email,
          PaymentMethod: toIcMethod(input.method),
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
      return (await call('RetrieveCustomerGuid', { AccountNumber: accountNumber, EmailAddress: email, Username: username }, opts))
        .CustomerGuid;
    },

    /** Retrieve Customer Details: the customer record behind a CustomerGUID, here the email InvoiceCloud has on file. */
    async retrieveCustomerDetails(customerGuid: string, opts?: CallOptions): Promise<{ accountNumber: string; email: string }> {
      const r = await call('RetrieveCustomerDetails', { CustomerGuid: customerGuid }, opts);
      return { accountNumber: r.AccountNumber, email: r.EmailAddress };
    },

    /** Retrieve LoginGUID: the login a username names now, or `null` when none does. */
    async retrieveLoginGuid(username: string, opts?: CallOptions): Promise<string | null> {
      try {
        return (await call('RetrieveLoginGuid', { Username: username }, opts)).LoginGuid;
      } catch (err) {
        if (err instanceof InvoiceCloudError && err.kind === 'status' && err.status === 404) return null;
        throw err;
      }
    },

    /** Every account the login sees, and its saved payment methods: one call syncs a session. */
    async retrieveUserAccounts(loginGuid: string, opts?: CallOptions): Promise<{ accounts: SyncedAccount[]; methods: SavedMethod[] }> {
      const r = await call('RetrieveUserAccounts', { LoginGuid: loginGuid }, opts);
      return {
        accounts: r.Accounts.map((a) => ({ ...fromIcAccount(a), autopayMethodId: a.AutoPayMethodId, linkedTo: a.LinkedTo })),
        methods: r.PaymentMethods.map(fromIcMethod),
      };
    },

    async retrieveInvoices(accountNumber: string, opts?: CallOptions): Promise<Bill[]> {
      const r = await call('RetrieveInvoices', { AccountNumber: accountNumber }, opts);
      return r.Invoices.map((i) => ({
        invoiceNumber: i.InvoiceNumber,
        amountDueCents: toCents(i.AmountDue),
        dueDate: i.DueDate,
        status: i.Status === 'Open' ? 'open' : 'paid',
      }));
    },

    /** Payment history, newest first. */
    async retrievePayments(accountNumber: string, opts?: CallOptions): Promise<PaymentHistoryItem[]> {
      const r = await call('RetrievePayments', { AccountNumber: accountNumber }, opts);
      return r.Payments.map(fromIcPayment).map((p) => ({
        paymentId: p.paymentId,
        confirmationNumber: p.confirmationNumber,
        invoiceNumber: p.invoiceNumber,
        amountCents: p.amountCents,
        paidAt: p.paidAt,
        method: p.method,
        status: p.declineCode === null ? 'approved' : 'declined',
      }));
    },

    /** Invoice Pay with Saved Payment Method. */
    async payInvoiceWithSaved(
      input: Omit<PayInvoiceInput, 'method'> & { loginGuid: string; methodId: string },
      opts?: CallOptions,
    ): Promise<Payment> {
      const paid = await call(
        'InvoicePayWithSavedMethod',
        {
          LoginGuid: input.loginGuid,
          AccountNumber: input.accountNumber,
          InvoiceNumber: input.invoiceNumber,
          Amount: toDollars(input.amountCents),
          ReferenceId: input.reference,
          PaymentMethodId: input.methodId,
          EmailAddress: input.email,
        },
        opts,
      );
      return fromIcPayment(paid);
    },

    /** Store User Credit or ACH Banking. */
    async storePaymentMethod(
      loginGuid: string,
      method: PaymentMethodInput,
      extra: { nickname?: string; makeDefault?: boolean },
      opts?: CallOptions,
    ): Promise<SavedMethod> {
      const r = await call(
        'StorePaymentMethod',
        { LoginGuid: loginGuid, PaymentMethod: toIcMethod(method), Nickname: extra.nickname, MakeDefault: extra.makeDefault },
        opts,
      );
      return fromIcMethod(r);
    },

    async updatePaymentMethod(
      loginGuid: string,
      methodId: string,
      change: { expMonth?: number; expYear?: number; nickname?: string | null; makeDefault?: true },
      opts?: CallOptions,
    ): Promise<SavedMethod> {
      const r = await call(
        'UpdatePaymentMethod',
        {
          LoginGuid: loginGuid,
          PaymentMethodId: methodId,
          ExpirationMonth: change.expMonth,
          ExpirationYear: change.expYear,
          Nickname: change.nickname,
          MakeDefault: change.makeDefault,
        },
        opts,
      );
      return fromIcMethod(r);
    },

    async removePaymentMethod(loginGuid: string, methodId: string, opts?: CallOptions): Promise<void> {
      await call('RemovePaymentMethod', { LoginGuid: loginGuid, PaymentMethodId: methodId }, opts);
    },

    async updateAutoPay(loginGuid: string, accountNumber: string, enabled: boolean, methodId?: string, opts?: CallOptions) {
      const r = await call(
        'UpdateAutoPay',
        { LoginGuid: loginGuid, AccountNumber: accountNumber, Enabled: enabled, PaymentMethodId: methodId },
        opts,
      );
      return { enabled: r.AutoPay, methodId: r.PaymentMethodId };
    },

    async updatePaperless(loginGuid: string, accountNumber: string, enabled: boolean, opts?: CallOptions): Promise<boolean> {
      return (await call('UpdatePaperless', { LoginGuid: loginGuid, AccountNumber: accountNumber, Enabled: enabled }, opts)).Paperless;
    },

    /** Link Accounts; `null` when the account number and name match nothing. */
    async linkAccount(loginGuid: string, accountNumber: string, name: string, opts?: CallOptions): Promise<SyncedAccount[] | null> {
      try {
        return (await call('LinkAccounts', { LoginGuid: loginGuid, AccountNumber: accountNumber, CustomerName: name }, opts)).Accounts.map(
          fromIcAccount,
        );
      } catch (err) {
        if (err instanceof InvoiceCloudError && err.status === 404) return null;
        throw err;
      }
    },

    /** Unregister Accounts: answers every account unregistered (the one asked for and those linked under it). */
    async unregisterAccount(loginGuid: string, accountNumber: string, opts?: CallOptions): Promise<string[]> {
      return (await call('UnregisterAccounts', { LoginGuid: loginGuid, AccountNumber: accountNumber }, opts)).Unregistered;
    },

    async createCustomerRecord(
      c: { accountNumber: string; firstName: string; lastName: string; email: string },
      opts?: CallOptions,
    ): Promise<string> {
      const r = await call(
        'CreateCustomerRecord',
        { AccountNumber: c.accountNumber, FirstName: c.firstName, LastName: c.lastName, EmailAddress: c.email },
        opts,
      );
      return r.CustomerGuid;
    },

    /** Registers the accounts under a login (created if new). The seed: LoginTypeID is always 1. */
    async registerAccounts(r: { username: string; email: string; accountNumbers: string[] }, opts?: CallOptions) {
      const res = await call(
        'RegisterAccounts',
        { Username: r.username, EmailAddress: r.email, LoginTypeID: 1, AccountNumbers: r.accountNumbers },
        opts,
      );
      return { loginGuid: res.LoginGuid, accounts: res.Accounts.map(fromIcAccount) };
    },

    async updatePassword(loginGuid: string, newPassword: string, currentPassword?: string, opts?: CallOptions): Promise<CredentialUpdate> {
      return mismatchAware(() =>
        call('UpdatePassword', { LoginGuid: loginGuid, CurrentPassword: currentPassword, NewPassword: newPassword }, opts),
      );
    },

    async updateEmail(loginGuid: string, newEmail: string, currentPassword?: string, opts?: CallOptions): Promise<CredentialUpdate> {
      return mismatchAware(() =>
        call('UpdateEmail', { LoginGuid: loginGuid, CurrentPassword: currentPassword, NewEmailAddress: newEmail }, opts),
      );
    },

    /** A single-use CloudSSO URL for one portal page, to be framed only by `parentOrigin`. */
    async cloudSsoConnect(remoteAuthenticationToken: string, redirectId: number, parentOrigin: string, opts?: CallOptions) {
      const r = await call(
        'CloudSsoConnect',
        { RemoteAuthenticationToken: remoteAuthenticationToken, RedirectId: redirectId, ParentOrigin: parentOrigin },
        opts,
      );
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

function toIcMethod(m: PaymentMethodInput) {
  return m.kind === 'card'
    ? {
        PaymentType: 'CreditCard' as const,
        CardNumber: m.number,
        ExpirationMonth: m.expMonth,
        ExpirationYear: m.expYear,
        SecurityCode: m.securityCode,
        NameOnCard: m.name,
        PostalCode: m.postalCode,
      }
    : {
        PaymentType: 'ACH' as const,
        RoutingNumber: m.routingNumber,
        BankAccountNumber: m.accountNumber,
        BankAccountType: m.accountType === 'checking' ? ('Checking' as const) : ('Savings' as const),
        NameOnAccount: m.name,
      };
}

function fromIcMethod(m: IcSavedMethod): SavedMethod {
  return {
    id: m.PaymentMethodId,
    kind: m.PaymentType === 'ACH' ? 'ach' : 'card',
    brand: m.CardType.toLowerCase(),
    last4: m.LastFour,
    expMonth: m.ExpirationMonth,
    expYear: m.ExpirationYear,
    nickname: m.Nickname,
    isDefault: m.IsDefault,
  };
}

/** Accounts from answers that carry no AutoPay method or link (RegisterAccounts, LinkAccounts). */
function fromIcAccount(a: IcAccountSummary): SyncedAccount {
  return {
    autopayMethodId: null,
    linkedTo: null,
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
