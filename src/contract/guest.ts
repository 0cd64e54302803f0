import * as z from 'zod/mini';
import { AccountNumber, Cents, IsoDate, IsoDateTime } from './common.ts';
import { IDEMPOTENCY_KEY, MAX_PAYMENT_CENTS } from './limits.ts';
import { PaymentMethodInput } from './payments.ts';

export { MAX_PAYMENT_CENTS };

export const GuestLookupRequest = z.object({
  accountNumber: AccountNumber,
  /** The customer's last name, or the full name as on the bill. */
  lastName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
export type GuestLookupRequest = z.infer<typeof GuestLookupRequest>;

export const Invoice = z.object({
  invoiceNumber: z.string(),
  amountDueCents: Cents,
  dueDate: IsoDate,
  /** Set while a payment of this bill awaits confirmation: it cannot be paid again until then. */
  paymentPendingSince: z.optional(IsoDateTime),
});
export type Invoice = z.infer<typeof Invoice>;

export const GuestLookupResponse = z.object({
  /** Short-lived proof of a successful look-up; send it as `Authorization: Bearer` to pay. */
  lookupToken: z.string(),
  expiresAt: IsoDateTime,
  /** The smallest payment a guest may make, in cents. */
  minimumPaymentCents: Cents,
  account: z.object({
    accountNumber: AccountNumber,
    customerName: z.string(),
    balanceCents: Cents,
    invoices: z.array(Invoice),
  }),
});
export type GuestLookupResponse = z.infer<typeof GuestLookupResponse>;

export const GuestPaymentRequest = z.object({
  invoiceNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  amountCents: z.int().check(z.minimum(1), z.maximum(MAX_PAYMENT_CENTS)),
  method: PaymentMethodInput,
  /** Where to send a copy of the receipt. */
  email: z.optional(z.email()),
});
export type GuestPaymentRequest = z.infer<typeof GuestPaymentRequest>;

/** Idempotency-Key header: the client's one key per payment attempt. */
export const IdempotencyKey = z.string().check(z.regex(IDEMPOTENCY_KEY));
