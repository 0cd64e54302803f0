/**
 * What may be shown of a card or bank account once entered or saved: brand
 * (or account type) and last four, never more. Shared by every element that
 * names a method, with or without the card and bank form loaded.
 */
import type { MethodSummary, PaymentMethodInput } from '../contract/payments.ts';
import { enPayment, type Localize, useTerms } from './i18n.ts';
import { cardBrand } from './card-brand.ts';

useTerms(enPayment);

const BRANDS = ['visa', 'mastercard', 'amex', 'discover'] as const;

/** What may be shown of a method once entered: brand (or account type) and last four, nothing more. */
export function methodSummary(method: PaymentMethodInput): MethodSummary {
  return method.kind === 'card'
    ? { kind: 'card', brand: cardBrand(method.number), last4: method.number.slice(-4) }
    : { kind: 'ach', brand: method.accountType, last4: method.accountNumber.slice(-4) };
}

/** "Visa ending in 1111", "Checking account ending in 6789". */
export function methodLabel(t: Localize, m: { kind: string; brand: string; last4: string }): string {
  if (m.kind === 'ach') return t.term('bankEnding', t.term(m.brand === 'savings' ? 'savings' : 'checking'), m.last4);
  const brand = BRANDS.find((b) => b === m.brand.toLowerCase());
  return t.term('cardEnding', t.term(brand ?? 'unknownBrand'), m.last4);
}
