/**
 * A card's expiration date as typed ("08/29", "0829"): the one rule for the
 * payment-method form and for changing a saved card's date, kept apart so
 * that changing a date needs none of the rest of the card form.
 */
import type { Phrase } from '../../i18n/localize.ts';
import type { enExpiry } from '../../i18n/terms/expiry.ts';
import { expiryValid, parseExpiry } from '../../shared/validators.ts';

/** What is wrong with a typed expiration date (as a term), or undefined when it is a month to come. */
export function expiryError(value: string, now: Date = new Date()): Phrase<typeof enExpiry> | undefined {
  const parsed = parseExpiry(value);
  if (!parsed || parsed.month < 1 || parsed.month > 12) return ['expiryInvalid'];
  return expiryValid(parsed.month, parsed.year, now) ? undefined : ['expiryPast'];
}
