import * as z from 'zod/mini';
import { AccountNumber, Cents, IsoDate, IsoDateTime } from './common.ts';
import { MAX_PAYMENT_CENTS } from './guest.ts';
import { MethodSummary, PaymentMethodInput } from './payments.ts';
import { SyncedAccount } from './sessions.ts';

/** A saved payment method: never more than brand, last four and expiry. */
export const SavedMethod = z.object({
  id: z.string(),
  kind: z.enum(['card', 'ach']),
  /** Card brand (visa, mastercard, amex, discover, card) or, for a bank account, checking/savings. */
  brand: z.string(),
  last4: z.string().check(z.regex(/^\d{4}$/)),
  expMonth: z.nullable(z.int()),
  expYear: z.nullable(z.int()),
  nickname: z.nullable(z.string()),
  isDefault: z.boolean(),
});
export type SavedMethod = z.infer<typeof SavedMethod>;

export const AccountsResponse = z.object({ accounts: z.array(SyncedAccount) });
export type AccountsResponse = z.infer<typeof AccountsResponse>;

export const PaymentMethodsResponse = z.object({ methods: z.array(SavedMethod) });
export type PaymentMethodsResponse = z.infer<typeof PaymentMethodsResponse>;

export const StoreMethodRequest = z.object({
  method: PaymentMethodInput,
  nickname: z.optional(z.string().check(z.trim(), z.maxLength(40))),
  makeDefault: z.optional(z.boolean()),
});
export type StoreMethodRequest = z.infer<typeof StoreMethodRequest>;

export const UpdateMethodRequest = z.object({
  expMonth: z.optional(z.int().check(z.minimum(1), z.maximum(12))),
  expYear: z.optional(z.int().check(z.minimum(2000), z.maximum(2100))),
  nickname: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(40)))),
  makeDefault: z.optional(z.literal(true)),
});
export type UpdateMethodRequest = z.infer<typeof UpdateMethodRequest>;

/** A bill of a signed-in user's account. */
export const Bill = z.object({
  invoiceNumber: z.string(),
  amountDueCents: Cents,
  dueDate: IsoDate,
  status: z.enum(['open', 'paid']),
  /** Set while a payment of this bill awaits confirmation: it cannot be paid again until then. */
  paymentPendingSince: z.optional(IsoDateTime),
});
export type Bill = z.infer<typeof Bill>;

export const PaymentHistoryItem = z.object({
  paymentId: z.string(),
  confirmationNumber: z.string(),
  invoiceNumber: z.string(),
  amountCents: Cents,
  paidAt: IsoDateTime,
  method: MethodSummary,
  status: z.enum(['approved', 'declined']),
});
export type PaymentHistoryItem = z.infer<typeof PaymentHistoryItem>;

/** The query of `GET /accounts/{account}/bills`: a page of payment history. */
export const BillsQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50), z.describe('How many payments, 1 to 50')), 10),
  before: z.optional(z.string().check(z.maxLength(64), z.describe("The last answer's nextCursor, for older payments"))),
});

export const BillsResponse = z.object({
  bills: z.array(Bill),
  payments: z.array(PaymentHistoryItem),
  /** Pass as `?before=` for older payments; absent when there are none. */
  nextCursor: z.optional(z.string()),
});
export type BillsResponse = z.infer<typeof BillsResponse>;

/** Pay a bill with a saved method (`{ kind: 'saved', id }`) or a new card or bank account. */
export const BillPaymentRequest = z.object({
  invoiceNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  amountCents: z.int().check(z.minimum(1), z.maximum(MAX_PAYMENT_CENTS)),
  method: z.union([z.object({ kind: z.literal('saved'), id: z.string().check(z.minLength(1), z.maxLength(64)) }), PaymentMethodInput]),
  email: z.optional(z.email()),
});
export type BillPaymentRequest = z.infer<typeof BillPaymentRequest>;

/**
 * Turn AutoPay on or off. On: with a saved method's id, with a new method to
 * store first (seed: "if no payment method exists then one is entered and
 * saved"), or with neither for the default method.
 */
export const AutopayRequest = z.object({
  enabled: z.boolean(),
  paymentMethodId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  newMethod: z.optional(StoreMethodRequest),
});
export type AutopayRequest = z.infer<typeof AutopayRequest>;

export const PaperlessRequest = z.object({ enabled: z.boolean() });
export type PaperlessRequest = z.infer<typeof PaperlessRequest>;

export const LinkAccountRequest = z.object({
  accountNumber: AccountNumber,
  /** The last name (or full name) on the account: proof the user may see it. */
  lastName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
export type LinkAccountRequest = z.infer<typeof LinkAccountRequest>;

export const UnregisterResponse = z.object({
  /** Every account that is no longer registered: the one asked for and all linked under it. */
  unregistered: z.array(AccountNumber),
});
export type UnregisterResponse = z.infer<typeof UnregisterResponse>;
