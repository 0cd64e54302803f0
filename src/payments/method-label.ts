/**
 * How a card or bank account is named once saved or entered: brand (or
 * account type) and last four, never more. Shared by every element that
 * names a method, with or without the card and bank form loaded.
 */
import type { Localize } from '../i18n/localize.ts';
import type { enPayment } from '../i18n/terms/payment.ts';

const BRANDS = ['visa', 'mastercard', 'amex', 'discover'] as const;

/** "Visa ending in 1111", "Checking account ending in 6789". */
export function methodLabel(t: Localize<typeof enPayment>, m: { kind: string; brand: string; last4: string }): string {
  if (m.kind === 'ach') return t.term('bankEnding', t.term(m.brand === 'savings' ? 'savings' : 'checking'), m.last4);
  const brand = BRANDS.find((b) => b === m.brand.toLowerCase());
  return t.term('cardEnding', t.term(brand ?? 'unknownBrand'), m.last4);
}
