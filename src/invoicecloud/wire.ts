/**
 * Wire shapes shared by several InvoiceCloud operations (decimal dollars,
 * PascalCase, as InvoiceCloud sends them).
 */
import { z } from 'zod';

export const Dollars = z.number().nonnegative().max(1_000_000);

/*
 * Dates. InvoiceCloud's newer services write ISO 8601; its older ones write US
 * forms: a date as MM/dd/yyyy, a date-time as MM/dd/yyyy HH:mm:ss with no
 * offset. We read that missing offset as UTC — an assumption: nothing the
 * services publish says which zone they mean. Both forms are read here, at the
 * wire, and only ISO is handed on, so routes and flows never see the US form.
 * A string in either form that names no real day or time (13/45/2026) fails
 * like any other malformed field.
 */

/**
 * The answer fields that carry dates, and their kind. The sandbox's
 * `dateFormat` fault rewrites exactly these, so a new date field is one line
 * here, beside its schema (Date10 or WireDateTime) in its shape below.
 */
export const WIRE_DATE_FIELDS = {
  DueDate: 'date',
  PaymentDate: 'dateTime',
} as const satisfies Record<string, 'date' | 'dateTime'>;

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const US_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2}:\d{2})$/;

/**
 * The US forms are rearranged into ISO and then held to the ISO schema, which
 * knows the calendar: one rule decides what a real date is, whatever the form.
 */
const usToIso = (pattern: RegExp, iso: string, target: typeof IsoDate | typeof IsoDateTime) =>
  z
    .string()
    .regex(pattern)
    .transform((s) => s.replace(pattern, iso))
    .pipe(target);

/** A date (`YYYY-MM-DD` or `MM/dd/yyyy`), read as `YYYY-MM-DD`. */
export const Date10 = z.union([IsoDate, usToIso(US_DATE, '$3-$1-$2', IsoDate)]);

/** A date-time (ISO 8601 with an offset, or `MM/dd/yyyy HH:mm:ss` read as UTC), read as ISO 8601 with an offset. */
export const WireDateTime = z.union([IsoDateTime, usToIso(US_DATE_TIME, '$3-$1-$2T$4.000Z', IsoDateTime)]);

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
  PaymentDate: WireDateTime,
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
