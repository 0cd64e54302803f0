/**
 * Pure rules behind `<ic-payment-method-form>`: input formatting, the error
 * (as a term) for each field, and the contract value built from valid input.
 * No DOM here, so the rules are tested on their own.
 */
import type { PaymentMethodInput } from '../../contract/payments.ts';
import { expiryError } from './expiry.ts';
import type { Phrase } from '../../i18n/localize.ts';
import type { enExpiry } from '../../i18n/terms/expiry.ts';
import type { enMethodEntry } from '../../i18n/terms/method-entry.ts';
import {
  bankAccountNumberValid,
  cardBrand,
  cardNumberValid,
  digitsOnly,
  parseExpiry,
  postalCodeValid,
  routingNumberValid,
  securityCodeLength,
  securityCodeValid,
  type CardBrand,
} from '../../shared/validators.ts';

export type MethodKind = PaymentMethodInput['kind'];

export const CARD_FIELDS = ['number', 'expiry', 'securityCode', 'cardName', 'postalCode'] as const;
export const BANK_FIELDS = ['routingNumber', 'bankAccount', 'bankAccountConfirm', 'accountType', 'bankName'] as const;
export type MethodField = (typeof CARD_FIELDS)[number] | (typeof BANK_FIELDS)[number];
export type MethodValues = Record<MethodField, string>;

/** A message as a term key plus its arguments, rendered in the element's language. */
export type ErrorTerm = Phrase<typeof enMethodEntry & typeof enExpiry>;

export function emptyMethodValues(): MethodValues {
  return {
    number: '',
    expiry: '',
    securityCode: '',
    cardName: '',
    postalCode: '',
    routingNumber: '',
    bankAccount: '',
    bankAccountConfirm: '',
    accountType: 'checking',
    bankName: '',
  };
}

export function fieldsOf(kind: MethodKind): readonly MethodField[] {
  return kind === 'card' ? CARD_FIELDS : BANK_FIELDS;
}

/** Digit groups as printed on the card: 4-6-5 for American Express, fours otherwise. */
export function formatCardNumber(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 19);
  const groups = cardBrand(digits) === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const out: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(' ');
}

/**
 * The expiry field as typed: "0829" → "08/29", "8" → "08/" is not forced
 * (a "1" may become "12"), "1/" → "01/", and an autofilled "08/2029" → "08/29".
 * While deleting, the text is left as it is so Backspace works naturally.
 */
export function formatExpiryInput(raw: string, deleting: boolean): string {
  if (deleting) return raw;
  const long = /^\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/;
  if (long.test(raw)) return raw.replace(long, (_, month: string, year: string) => `${month.padStart(2, '0')}/${year.slice(2)}`);
  const short = /^\s*(\d)\s*\/(.*)$/.exec(raw);
  const text = short ? `0${short[1]}/${short[2]}` : raw;
  let digits = text.replace(/\D/g, '');
  if (/^[2-9]$/.test(digits)) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  return digits.length >= 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** The caret position in `formatted` after the same number of digits as `digitsBefore`. */
export function caretAfterDigits(formatted: string, digitsBefore: number): number {
  let seen = 0;
  let pos = 0;
  while (pos < formatted.length && seen < digitsBefore) {
    if (/\d/.test(formatted.charAt(pos))) seen++;
    pos++;
  }
  return pos;
}

export function brandOf(values: MethodValues): CardBrand {
  return cardBrand(digitsOnly(values.number));
}

/** The error for one field, or undefined when it is fine. `now` decides which expiry is past. */
export function fieldError(field: MethodField, v: MethodValues, now: Date = new Date()): ErrorTerm | undefined {
  const brand = brandOf(v);
  switch (field) {
    case 'number': {
      const digits = digitsOnly(v.number);
      if (digits === '') return ['cardNumberRequired'];
      return cardNumberValid(digits) ? undefined : ['cardNumberInvalid'];
    }
    case 'expiry':
      return expiryError(v.expiry, now);
    case 'securityCode':
      return securityCodeValid(v.securityCode.trim(), brand) ? undefined : ['securityCodeInvalid', securityCodeLength(brand)];
    case 'cardName':
      return v.cardName.trim() ? undefined : ['nameOnCardRequired'];
    case 'postalCode':
      return postalCodeValid(v.postalCode) ? undefined : ['zipInvalid'];
    case 'routingNumber': {
      const digits = digitsOnly(v.routingNumber);
      if (!/^\d{9}$/.test(digits)) return ['routingRequired'];
      return routingNumberValid(digits) ? undefined : ['routingInvalid'];
    }
    case 'bankAccount':
      return bankAccountNumberValid(digitsOnly(v.bankAccount)) ? undefined : ['bankAccountInvalid'];
    case 'bankAccountConfirm':
      return digitsOnly(v.bankAccountConfirm) === digitsOnly(v.bankAccount) && v.bankAccountConfirm.trim() !== ''
        ? undefined
        : ['bankAccountMismatch'];
    case 'accountType':
      return undefined;
    case 'bankName':
      return v.bankName.trim() ? undefined : ['nameOnAccountRequired'];
  }
}

/** Every error of the chosen kind, in field order. */
export function methodErrors(kind: MethodKind, v: MethodValues, now: Date = new Date()): Partial<Record<MethodField, ErrorTerm>> {
  const errors: Partial<Record<MethodField, ErrorTerm>> = {};
  for (const f of fieldsOf(kind)) {
    const e = fieldError(f, v, now);
    if (e) errors[f] = e;
  }
  return errors;
}

/** The contract value, or null when the values are not one (`methodErrors` says why). */
export function toMethodInput(kind: MethodKind, v: MethodValues): PaymentMethodInput | null {
  if (kind === 'card') {
    const exp = parseExpiry(v.expiry);
    if (!exp) return null;
    return {
      kind: 'card',
      number: digitsOnly(v.number),
      expMonth: exp.month,
      expYear: exp.year,
      securityCode: v.securityCode.trim(),
      name: v.cardName.trim(),
      postalCode: v.postalCode.trim(),
    };
  }
  return {
    kind: 'ach',
    routingNumber: digitsOnly(v.routingNumber),
    accountNumber: digitsOnly(v.bankAccount),
    accountType: v.accountType === 'savings' ? 'savings' : 'checking',
    name: v.bankName.trim(),
  };
}
