import * as z from 'zod/mini';
import {
  bankAccountNumberValid,
  cardBrand,
  cardNumberValid,
  postalCodeValid,
  routingNumberValid,
  securityCodeValid,
} from '../shared/validators.ts';
import { AccountNumber, Cents, IsoDateTime } from './common.ts';

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

/** A new card, as typed by the payer. Relayed to InvoiceCloud, never stored. */
export const CardInput = z
  .object({
    kind: z.literal('card'),
    number: z.string().check(z.refine(cardNumberValid, 'Card number is not valid')),
    expMonth: z.int().check(z.minimum(1), z.maximum(12)),
    expYear: z.int().check(z.minimum(2000), z.maximum(2100)),
    securityCode: z.string().check(z.regex(/^\d{3,4}$/)),
    name: Name,
    postalCode: z.string().check(z.refine(postalCodeValid, 'ZIP code is not valid')),
  })
  .check(
    z.refine((c) => securityCodeValid(c.securityCode, cardBrand(c.number)), {
      message: 'Security code length does not match the card brand',
      path: ['securityCode'],
    }),
  );

/** A new bank account (ACH), as typed by the payer. */
export const BankAccountInput = z.object({
  kind: z.literal('ach'),
  routingNumber: z.string().check(z.refine(routingNumberValid, 'Routing number fails the ABA checksum')),
  accountNumber: z.string().check(z.refine(bankAccountNumberValid, 'Bank account number must be 4 to 17 digits')),
  accountType: z.enum(['checking', 'savings']),
  name: Name,
});

export const PaymentMethodInput = z.discriminatedUnion('kind', [CardInput, BankAccountInput]);
export type PaymentMethodInput = z.infer<typeof PaymentMethodInput>;

/** What may be shown of a method after the fact: never more than brand and last four. */
export const MethodSummary = z.object({
  kind: z.enum(['card', 'ach']),
  /** Card brand (visa, mastercard, amex, discover) or, for a bank account, checking/savings. */
  brand: z.string(),
  last4: z.string().check(z.regex(/^\d{4}$/)),
});
export type MethodSummary = z.infer<typeof MethodSummary>;

export const Receipt = z.object({
  paymentId: z.string(),
  confirmationNumber: z.string(),
  accountNumber: AccountNumber,
  invoiceNumber: z.string(),
  amountCents: Cents,
  paidAt: IsoDateTime,
  method: MethodSummary,
  email: z.optional(z.email()),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * The answer to a payment request and to a status check. `pending` means the
 * outcome is not known yet (InvoiceCloud did not answer in time, or its answer
 * was lost): the broker keeps looking it up, and the caller asks again with
 * the same Idempotency-Key. It stays pending for as long as it takes: a
 * payment is never called "not made" for want of finding it.
 */
export const PaymentResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('succeeded'), receipt: Receipt }),
  z.object({
    status: z.literal('pending'),
    retryAfterSeconds: z.int().check(z.positive()),
    /** Pending for longer than the broker's review time: tell the payer it is being confirmed, and not to pay again. */
    reviewing: z.boolean(),
    /** The payer will get an email with the outcome (a guest who gave an address, or a signed-in user). */
    confirmationEmail: z.boolean(),
  }),
]);
export type PaymentResult = z.infer<typeof PaymentResult>;
