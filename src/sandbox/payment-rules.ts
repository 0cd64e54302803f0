/**
 * How the sandbox decides a payment, per FIXTURES.md "Payment test data".
 * Pure functions over the request's payment method: they return what may be
 * stored (kind, brand, last four) and never keep the full number or code.
 */
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { operations } from '../invoicecloud/operations.ts';
import { cardBrand, expiryValid, luhnValid, routingNumberValid, securityCodeValid } from '../shared/validators.ts';
import { decliningBankAccounts, decliningCards } from './fixtures.ts';

export type WireMethod = z.output<(typeof operations)['InvoicePayWithoutSavedMethod']['request']>['PaymentMethod'];

/** What a payment method resolves to: storable facts and the outcome. */
export interface MethodOutcome {
  kind: 'card' | 'ach';
  /** Lowercase: visa/mastercard/amex/discover (card for any other network), or checking/savings. */
  brand: string;
  last4: string;
  declineCode: string | null;
}

/** A request the sandbox refuses outright (HTTP 400), as a processor would before charging. */
export interface MethodRejection {
  errorCode: string;
  message: string;
}

export function evaluateMethod(method: WireMethod, now: Date): MethodOutcome | MethodRejection {
  if (method.PaymentType === 'ACH') {
    if (!routingNumberValid(method.RoutingNumber)) {
      return { errorCode: 'InvalidRoutingNumber', message: 'The routing number is not valid.' };
    }
    const key = `${method.RoutingNumber}/${method.BankAccountNumber}`;
    return {
      kind: 'ach',
      brand: method.BankAccountType === 'Savings' ? 'savings' : 'checking',
      last4: method.BankAccountNumber.slice(-4),
      declineCode: decliningBankAccounts.get(key) ?? null,
    };
  }
  const number = method.CardNumber;
  if (!luhnValid(number)) return { errorCode: 'InvalidCardNumber', message: 'The card number is not valid.' };
  const network = cardBrand(number);
  // FIXTURES.md: any other Luhn-valid number is approved, whatever its network.
  const brand = network === 'unknown' ? 'card' : network;
  if (!securityCodeValid(method.SecurityCode, network)) {
    return { errorCode: 'InvalidSecurityCode', message: 'The security code is not valid for this card.' };
  }
  if (!expiryValid(method.ExpirationMonth, method.ExpirationYear, now)) {
    return { errorCode: 'CardExpired', message: 'The card has expired or its expiration date is not valid.' };
  }
  return { kind: 'card', brand, last4: number.slice(-4), declineCode: decliningCards.get(number) ?? null };
}

export function isRejection(r: MethodOutcome | MethodRejection): r is MethodRejection {
  return 'errorCode' in r;
}

/** InvoiceCloud's CardType spelling for a stored brand. */
export function wireCardType(brand: string): string {
  const names: Record<string, string> = {
    visa: 'Visa',
    mastercard: 'MasterCard',
    amex: 'Amex',
    discover: 'Discover',
    card: 'Card',
    checking: 'Checking',
    savings: 'Savings',
  };
  return names[brand] ?? brand;
}

// No 0/O or 1/I, so a confirmation number read aloud over the phone is unambiguous.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function newPaymentId(): string {
  return `PAY-${randomCode(10)}`;
}

export function newPaymentMethodId(): string {
  return `PM-${randomCode(10)}`;
}

export function newConfirmationNumber(): string {
  return `IC-${randomCode(8)}`;
}

/** Dollars on the wire → integer cents; undefined when the amount has sub-cent digits. */
export function toCents(dollars: number): number | undefined {
  const cents = Math.round(dollars * 100);
  return Math.abs(cents - dollars * 100) < 1e-6 ? cents : undefined;
}

export function toDollars(cents: number): number {
  return cents / 100;
}
