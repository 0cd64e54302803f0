/**
 * A card's network from its leading digits. Apart from the other validators
 * (which re-export it) because naming a card — "Visa ending in 1111" — needs
 * only this, not the rules of the card form that loads on demand.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** Brand from the leading digits (IIN ranges of the four networks we accept). */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9]|622)/.test(digits)) return 'discover';
  return 'unknown';
}
