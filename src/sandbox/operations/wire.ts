/** Stored rows → InvoiceCloud's wire shapes (decimal dollars, InvoiceCloud's spelling). */
import type { z } from 'zod';
import type { IcAccountSummary, OperationResponse } from '../../invoicecloud/operations.ts';
import type { IcInvoice, IcPayment, IcSavedMethod } from '../../invoicecloud/wire.ts';
import type { Db } from '../db.ts';
import { toDollars, wireCardType } from '../payment-rules.ts';
import { balanceCents, type AccountRow, type InvoiceRow, type LoginAccountRow, type PaymentMethodRow, type PaymentRow } from '../store.ts';

type UserAccount = OperationResponse<'RetrieveUserAccounts'>['Accounts'][number];

export function toIcPayment(p: PaymentRow): z.input<typeof IcPayment> {
  return {
    PaymentId: p.id,
    ConfirmationNumber: p.confirmationNumber,
    ReferenceId: p.referenceId,
    AccountNumber: p.accountNumber,
    InvoiceNumber: p.invoiceNumber,
    Amount: toDollars(p.amountCents),
    Status: p.status === 'approved' ? 'Approved' : 'Declined',
    DeclineCode: p.declineCode,
    PaymentDate: p.createdAt,
    PaymentType: p.kind === 'card' ? 'CreditCard' : 'ACH',
    CardType: wireCardType(p.brand),
    LastFour: p.last4,
  };
}

export function toIcAccountSummary(db: Db, a: AccountRow): IcAccountSummary {
  return {
    AccountNumber: a.accountNumber,
    CustomerName: `${a.firstName} ${a.lastName}`,
    BalanceDue: toDollars(balanceCents(db, a.accountNumber)),
    Paperless: a.paperless,
    PayByText: a.payByText,
    AutoPay: a.autopayMethodId !== null,
  };
}

/** The summary plus what the self-service elements need from one sync: AutoPay's method and the link (the login's own). */
export function toIcUserAccount(db: Db, a: LoginAccountRow): UserAccount {
  return { ...toIcAccountSummary(db, a), AutoPayMethodId: a.autopayMethodId, LinkedTo: a.linkedTo };
}

/** AmountDue is what is still owed: 0 for a paid invoice, as LookupAccount has always answered. */
export function toIcInvoice(i: InvoiceRow): z.input<typeof IcInvoice> {
  return {
    InvoiceNumber: i.invoiceNumber,
    AmountDue: toDollars(i.amountDueCents),
    DueDate: i.dueDate,
    Status: i.status === 'paid' ? 'Paid' : 'Open',
  };
}

export function toIcSavedMethod(m: PaymentMethodRow): IcSavedMethod {
  return {
    PaymentMethodId: m.id,
    PaymentType: m.kind === 'card' ? 'CreditCard' : 'ACH',
    CardType: wireCardType(m.brand),
    LastFour: m.last4,
    // A bank account has no expiry; the columns are NULL for it.
    ExpirationMonth: m.kind === 'card' ? m.expMonth : null,
    ExpirationYear: m.kind === 'card' ? m.expYear : null,
    Nickname: m.nickname,
    IsDefault: m.isDefault,
  };
}
