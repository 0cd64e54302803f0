/**
 * The one table of InvoiceCloud web-service operations this project uses:
 * operation name (as the seed and the sandbox call log name it) → HTTP method,
 * path under `…/api/v1/`, and the wire shapes of request and response.
 *
 * Known real shapes (DESIGN.md) keep their real paths; the others are named in
 * the same style. Amounts on the wire are decimal dollars, as InvoiceCloud
 * sends them; our own contract speaks integer cents, and the client converts.
 * The sandbox validates requests against these same schemas, so the two
 * cannot drift apart.
 */
import { z } from 'zod';

const Dollars = z.number().nonnegative().max(1_000_000);
const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Body of every non-2xx answer InvoiceCloud gives. */
export const IcErrorBody = z.object({ ErrorCode: z.string(), Message: z.string() });

const IcInvoice = z.object({
  InvoiceNumber: z.string(),
  AmountDue: Dollars,
  DueDate: Date10,
  Status: z.enum(['Open', 'Paid']),
});

const LookupAccount = {
  method: 'POST',
  path: 'customer/LookupAccount',
  request: z.object({ AccountNumber: z.string(), CustomerName: z.string() }),
  response: z.object({
    AccountNumber: z.string(),
    CustomerName: z.string(),
    BalanceDue: Dollars,
    Invoices: z.array(IcInvoice),
  }),
} as const;

const IcCard = z.object({
  PaymentType: z.literal('CreditCard'),
  CardNumber: z.string().regex(/^\d{12,19}$/),
  ExpirationMonth: z.number().int().min(1).max(12),
  ExpirationYear: z.number().int(),
  SecurityCode: z.string().regex(/^\d{3,4}$/),
  NameOnCard: z.string(),
  PostalCode: z.string(),
});

const IcBank = z.object({
  PaymentType: z.literal('ACH'),
  RoutingNumber: z.string().regex(/^\d{9}$/),
  BankAccountNumber: z.string().regex(/^\d{4,17}$/),
  BankAccountType: z.enum(['Checking', 'Savings']),
  NameOnAccount: z.string(),
});

/** A payment as InvoiceCloud reports it, in answers and in payment history. */
const IcPayment = z.object({
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

const InvoicePayWithoutSavedMethod = {
  method: 'POST',
  path: 'payments/InvoicePay',
  request: z.object({
    AccountNumber: z.string(),
    InvoiceNumber: z.string(),
    Amount: Dollars.positive(),
    ReferenceId: z.string().min(1).max(128),
    EmailAddress: z.string().email().optional(),
    PaymentMethod: z.discriminatedUnion('PaymentType', [IcCard, IcBank]),
  }),
  response: IcPayment,
} as const;

const RetrievePayments = {
  method: 'GET',
  path: 'payments',
  request: z.object({ AccountNumber: z.string(), ReferenceId: z.string().optional() }),
  response: z.object({ Payments: z.array(IcPayment) }),
} as const;

export const operations = {
  LookupAccount,
  InvoicePayWithoutSavedMethod,
  RetrievePayments,
} as const;

export type OperationName = keyof typeof operations;
export type OperationRequest<N extends OperationName> = z.input<(typeof operations)[N]['request']>;
export type OperationResponse<N extends OperationName> = z.output<(typeof operations)[N]['response']>;
