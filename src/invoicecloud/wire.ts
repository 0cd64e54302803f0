/**
 * Wire shapes shared by several InvoiceCloud operations (decimal dollars,
 * PascalCase, as InvoiceCloud sends them).
 */
import { z } from 'zod';

export const Dollars = z.number().nonnegative().max(1_000_000);

export const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IcInvoice = z.object({
  InvoiceNumber: z.string(),
  AmountDue: Dollars,
  DueDate: Date10,
  Status: z.enum(['Open', 'Paid']),
});

export const IcCard = z.object({
  PaymentType: z.literal('CreditCard'),
  CardNumber: z.string().regex(/^\d{12,19}$/),
  ExpirationMonth: z.number().int().min(1).max(12),
  ExpirationYear: z.number().int(),
  SecurityCode: z.string().regex(/^\d{3,4}$/),
  NameOnCard: z.string(),
  PostalCode: z.string(),
});

export const IcBank = z.object({
  PaymentType: z.literal('ACH'),
  RoutingNumber: z.string().regex(/^\d{9}$/),
  BankAccountNumber: z.string().regex(/^\d{4,17}$/),
  BankAccountType: z.enum(['Checking', 'Savings']),
  NameOnAccount: z.string(),
});

/** A payment as InvoiceCloud reports it, in answers and in payment history. */
export const IcPayment = z.object({
  PaymentId: z.string(),
  ConfirmationNumber: z.string(),
  /** The caller's own reference, echoed back: how an unknown outcome is reconciled. */
  ReferenceId: z.string(),
  AccountNumber: z.string(),
  InvoiceNumber: z.string(),
  Amount: Dollars,
  Status: z.enum(['Approved', 'Declined']),
  /** Why a payment was declined: card_declined, insufficient_funds, account_closed, … */
  DeclineCode: z.string().nullable(),
  PaymentDate: z.string().datetime({ offset: true }),
  PaymentType: z.enum(['CreditCard', 'ACH']),
  /** Card brand (Visa, MasterCard, …) or, for ACH, Checking/Savings. */
  CardType: z.string(),
  LastFour: z.string().regex(/^\d{4}$/),
});
export type IcPayment = z.infer<typeof IcPayment>;

/** An account as InvoiceCloud summarizes it for a login. */
export const IcAccountSummary = z.object({
  AccountNumber: z.string(),
  CustomerName: z.string(),
  BalanceDue: Dollars,
  Paperless: z.boolean(),
  PayByText: z.boolean(),
  AutoPay: z.boolean(),
});
export type IcAccountSummary = z.infer<typeof IcAccountSummary>;

export const Guid = z.string().min(1).max(64);

/** A stored payment method: brand and last four, never the number. */
export const IcSavedMethod = z.object({
  PaymentMethodId: z.string(),
  PaymentType: z.enum(['CreditCard', 'ACH']),
  /** Card brand (Visa, MasterCard, …) or, for ACH, Checking/Savings. */
  CardType: z.string(),
  LastFour: z.string().regex(/^\d{4}$/),
  ExpirationMonth: z.number().int().min(1).max(12).nullable(),
  ExpirationYear: z.number().int().nullable(),
  Nickname: z.string().nullable(),
  IsDefault: z.boolean(),
});
export type IcSavedMethod = z.infer<typeof IcSavedMethod>;
