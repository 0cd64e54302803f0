/**
 * InvoiceCloud operations in our own terms: integer cents, camelCase, the
 * contract's method summaries. Routes and flows use this; only this module
 * and the operation table know InvoiceCloud's payloads.
 */
import type { Invoice } from '../contract/guest.ts';
import type { MethodSummary, PaymentMethodInput } from '../contract/payments.ts';
import { createInvoiceCloudClient, type CallOptions, type InvoiceCloudConfig } from './client.ts';
import { InvoiceCloudError } from './errors.ts';
import type { IcPayment } from './operations.ts';

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

    /** Payments of an account carrying our reference (reconciliation). */
    async findPayments(accountNumber: string, reference: string, opts?: CallOptions): Promise<Payment[]> {
      const r = await call('RetrievePayments', { AccountNumber: accountNumber, ReferenceId: reference }, opts);
      return r.Payments.filter((p) => p.ReferenceId === reference).map(fromIcPayment);
    },
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
