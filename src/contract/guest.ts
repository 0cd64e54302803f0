import * as z from 'zod/mini';
import { AccountNumber, Cents, IsoDate, IsoDateTime } from './common.ts';
import { PaymentMethodInput } from './payments.ts';

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
});
export type Invoice = z.infer<typeof Invoice>;

export const GuestLookupResponse = z.object({
  /** Short-lived proof of a successful look-up; send it as `Authorization: Bearer` to pay. */
  lookupToken: z.string(),
  expiresAt: IsoDateTime,
  account: z.object({
    accountNumber: AccountNumber,
    customerName: z.string(),
    balanceCents: Cents,
    invoices: z.array(Invoice),
  }),
});
export type GuestLookupResponse = z.infer<typeof GuestLookupResponse>;

/** Largest single payment the guest flow accepts, in cents ($10,000.00). */
export const MAX_PAYMENT_CENTS = 1_000_000;

export const GuestPaymentRequest = z.object({
  invoiceNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  amountCents: z.int().check(z.minimum(1), z.maximum(MAX_PAYMENT_CENTS)),
  method: PaymentMethodInput,
  /** Where to send a copy of the receipt. */
  email: z.optional(z.email()),
});
export type GuestPaymentRequest = z.infer<typeof GuestPaymentRequest>;

/** Idempotency-Key header: the client's one key per payment attempt. */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/));
