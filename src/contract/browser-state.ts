import * as z from 'zod/mini';

/**
 * What an element keeps in sessionStorage about a payment attempt until its
 * answer is final (src/payments/payment-attempt.ts). Nothing about the card
 * or bank account.
 */
export const AttemptRecord = z.object({
  idempotencyKey: z.string(),
  /** What authorizes asking about it: the guest's look-up token ('' when the client's session does). */
  credential: z.string(),
  accountNumber: z.string(),
  invoiceNumber: z.string(),
  amountCents: z.int(),
  createdAt: z.string(),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;
