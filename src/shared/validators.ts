/**
 * Pure validators for payment fields. Shared by the elements (instant
 * feedback) and the contract (the broker re-checks everything it receives).
 */

import { cardBrand, type CardBrand } from './card-brand.ts';

export { cardBrand, type CardBrand };

/** Strips spaces and dashes a person types between digit groups. */
export function digitsOnly(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card number lengths each brand issues. */
export function cardLengths(brand: CardBrand): readonly number[] {
  switch (brand) {
    case 'amex':
      return [15];
    case 'visa':
      return [13, 16, 19];
    case 'mastercard':
      return [16];
    case 'discover':
      return [16, 19];
    default:
      return [12, 13, 14, 15, 16, 17, 18, 19];
  }
}

/** A card number is valid when its length fits its brand and the Luhn check passes. */
export function cardNumberValid(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && cardLengths(cardBrand(digits)).includes(digits.length) && luhnValid(digits);
}

/** Security code length: American Express prints 4 digits, the others 3. */
export function securityCodeLength(brand: CardBrand): number {
  return brand === 'amex' ? 4 : 3;
}

export function securityCodeValid(code: string, brand: CardBrand): boolean {
  return new RegExp(`^\\d{${securityCodeLength(brand)}}$`).test(code);
}

/**
 * A card is usable through the last day of its expiry month.
 * `now` is injectable so tests do not depend on the calendar.
 */
export function expiryValid(month: number, year: number, now: Date = new Date()): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(year) || month < 1 || month > 12) return false;
  const thisYear = now.getFullYear();
  if (year < thisYear || year > thisYear + 20) return false;
  return year > thisYear || month >= now.getMonth() + 1;
}

/** Reads "MM/YY", "MM / YY" or "MM/YYYY" as typed into one expiry field. */
export function parseExpiry(value: string): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return { month, year };
}

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function routingNumberValid(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const d = [...value].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** US bank account numbers run from 4 to 17 digits. */
export function bankAccountNumberValid(value: string): boolean {
  return /^\d{4,17}$/.test(value);
}

/** US ZIP code, five digits with an optional ZIP+4. */
export function postalCodeValid(value: string): boolean {
  return /^\d{5}(-\d{4})?$/.test(value.trim());
}
