/**
 * What is wrong with a typed account number, last name, amount or email:
 * the rules of the guest payment, bill payment and account-linking forms.
 * Messages are phrases (term + arguments), rendered in the element's language.
 */
import { ACCOUNT_NUMBER, MAX_PAYMENT_CENTS } from '../contract/limits.ts';
import type { Lang, Phrase } from '../i18n/localize.ts';
import { formatCents, parseAmount } from '../i18n/money.ts';
import type { enFields } from '../i18n/terms/fields.ts';

/** A field's error, worded in enFields. */
export type FieldPhrase = Phrase<typeof enFields>;

export function accountNumberError(value: string): FieldPhrase | undefined {
  if (value.trim() === '') return ['accountNumberRequired'];
  return ACCOUNT_NUMBER.test(value.trim()) ? undefined : ['accountNumberInvalid'];
}

export function lastNameError(value: string): FieldPhrase | undefined {
  return value.trim() === '' ? ['lastNameRequired'] : undefined;
}

/**
 * The amount must parse, be more than zero, at least `minimumCents` when the
 * broker sets a smallest payment (a guest's), and at most MAX_PAYMENT_CENTS.
 */
export function amountError(value: string, lang: Lang, minimumCents = 0): FieldPhrase | undefined {
  if (value.trim() === '') return ['amountRequired'];
  const cents = parseAmount(value);
  if (cents === null) return ['amountInvalid'];
  if (cents <= 0) return ['amountTooSmall'];
  if (cents < minimumCents) return ['amountBelowMinimum', formatCents(minimumCents, lang)];
  if (cents > MAX_PAYMENT_CENTS) return ['amountTooLarge', formatCents(MAX_PAYMENT_CENTS, lang)];
  return undefined;
}

/** Optional; when given, a plain address the broker's schema will accept. */
export function emailError(value: string): FieldPhrase | undefined {
  const v = value.trim();
  return v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : ['emailInvalid'];
}
