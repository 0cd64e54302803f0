/** Stored rows → InvoiceCloud's wire shapes (decimal dollars, InvoiceCloud's spelling). */
import type { IcAccountSummary, IcPayment } from '../../invoicecloud/operations.ts';
import type { Db } from '../db.ts';
import { toDollars, wireCardType } from '../payment-rules.ts';
import { balanceCents, type AccountRow, type PaymentRow } from '../store.ts';

export function toIcPayment(p: PaymentRow): IcPayment {
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
