/**
 * A card's expiration date as typed ("08/29", "0829"): the one rule for the
 * payment-method form and for changing a saved card's date, kept apart so
 * that changing a date needs none of the rest of the card form.
 */
import { type Phrase, useTerms } from './i18n.ts';
import { expiryValid, parseExpiry } from './validators.ts';

/**
 * A card's expiration date, entered or changed, in English: a part of the
 * term table (src/internal/i18n.ts) kept here so it loads with what shows it.
 */
export const enExpiry = {
  expiration: 'Expiration',
  expirationHint: 'MM/YY',
  expiryInvalid: 'Enter the expiration date as MM/YY, for example 08/29.',
  expiryPast: 'This card has expired. Use a different card.',
};

useTerms(enExpiry);

/** What is wrong with a typed expiration date (as a term), or undefined when it is a month to come. */
export function expiryError(value: string, now: Date = new Date()): Phrase | undefined {
  const parsed = parseExpiry(value);
  if (!parsed || parsed.month < 1 || parsed.month > 12) return ['expiryInvalid'];
  return expiryValid(parsed.month, parsed.year, now) ? undefined : ['expiryPast'];
}
