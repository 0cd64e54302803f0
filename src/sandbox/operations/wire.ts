/** Stored rows → InvoiceCloud's wire shapes (decimal dollars, InvoiceCloud's spelling). */
import type { IcPayment } from '../../invoicecloud/operations.ts';
import { toDollars, wireCardType } from '../payment-rules.ts';
import type { PaymentRow } from '../store.ts';

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
