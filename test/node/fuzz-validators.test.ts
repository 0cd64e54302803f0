/**
 * The client-side validators and the money parser, checked against reference
 * definitions written here from their textbook statements (not from the code
 * under test): Luhn, the ABA routing checksum, card expiry with an injected
 * "now", brand-aware security-code length, the expiry field parser, and the
 * amount parser with its round trip through the formatters.
 *
 * Valid inputs are built (a random prefix and a computed check digit), so the
 * "valid" branch is exercised as often as the "invalid" one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { centsToInput, formatCents, parseAmount } from '../../src/i18n/money.ts';
import {
  cardBrand,
  cardNumberValid,
  expiryValid,
  luhnValid,
  parseExpiry,
  routingNumberValid,
  securityCodeValid,
} from '../../src/shared/validators.ts';

fc.configureGlobal({
  seed: Number(process.env.FUZZ_SEED ?? 20_251_125),
  numRuns: 1_000 * Number(process.env.FUZZ_RUNS ?? 1),
  endOnFailure: true,
});

// ---------------------------------------------------------------------------
// References.

const isAsciiDigits = (s: string) => s.length > 0 && [...s].every((ch) => ch >= '0' && ch <= '9');

/** Luhn, as taught: from the right, double every second digit; a two-digit product counts as the sum of its digits. */
function luhnRef(s: string): boolean {
  if (!isAsciiDigits(s)) return false;
  let sum = 0;
  [...s].reverse().forEach((ch, i) => {
    const d = Number(ch);
    const p = i % 2 === 1 ? d * 2 : d;
    sum += Math.floor(p / 10) + (p % 10);
  });
  return sum % 10 === 0;
}

/** The digit that makes `body + digit` pass Luhn: try all ten (no algebra shared with the code under test). */
function luhnCheckDigit(body: string): string {
  return '0123456789'.split('').find((d) => luhnRef(body + d))!;
}

/** ABA: weights 3, 7, 1 repeated over the nine digits; the sum is a multiple of ten. */
function abaRef(s: string): boolean {
  if (s.length !== 9 || !isAsciiDigits(s)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return [...s].reduce((sum, ch, i) => sum + Number(ch) * weights[i]!, 0) % 10 === 0;
}

function abaCheckDigit(eight: string): string {
  return '0123456789'.split('').find((d) => abaRef(eight + d))!;
}

/** Usable through its month; not past; at most 20 calendar years ahead of now (the payer's own calendar). */
function expiryRef(month: number, year: number, now: Date): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(year) || month < 1 || month > 12) return false;
  const current = now.getFullYear() * 12 + now.getMonth();
  const card = year * 12 + (month - 1);
  return card >= current && year - now.getFullYear() <= 20;
}

/** American Express (34, 37) prints four digits; every other card three. */
function securityCodeRef(code: string, number: string): boolean {
  const amex = number.startsWith('34') || number.startsWith('37');
  return isAsciiDigits(code) && code.length === (amex ? 4 : 3);
}

/**
 * One expiry field: month (1–2 digits) and year (2 or 4 digits), split by a
 * slash with optional spaces around it, by spaces alone, or not at all
 * ("1230" is 12/30; "123" is 1/23; "12345" is 1/2345; "123456" is 12/3456).
 */
function parseExpiryRef(value: string): { month: number; year: number } | null {
  const t = value.trim();
  let month: string;
  let year: string;
  const parts = t.split('/');
  if (parts.length === 2) {
    [month, year] = [parts[0]!.trim(), parts[1]!.trim()];
  } else if (parts.length === 1) {
    const words = t.split(/\s+/);
    if (words.length === 2) [month, year] = words as [string, string];
    else if (words.length === 1) {
      const split = { 3: 1, 4: 2, 5: 1, 6: 2 }[t.length];
      if (split === undefined) return null;
      [month, year] = [t.slice(0, split), t.slice(split)];
    } else return null;
  } else return null;
  if (!isAsciiDigits(month) || !isAsciiDigits(year) || month.length > 2 || (year.length !== 2 && year.length !== 4)) return null;
  return { month: Number(month), year: year.length === 2 ? 2000 + Number(year) : Number(year) };
}

/**
 * A typed amount: optional "US" and/or "$" (spaces may follow them), then
 * whole dollars — plain digits, or grouped by commas in threes — and/or a
 * point with up to two cent digits. At most 12 whole digits. Anything else,
 * including a decimal comma, is not an amount.
 */
function parseAmountRef(text: string): number | null {
  let t = text.trim();
  if (t.slice(0, 2).toLowerCase() === 'us') t = t.slice(2);
  if (t.startsWith('$')) t = t.slice(1);
  t = t.trimStart();
  const [whole = '', cents, ...more] = t.split('.');
  if (more.length > 0) return null;
  if (cents !== undefined && cents !== '' && (!isAsciiDigits(cents) || cents.length > 2)) return null;
  const groups = whole.split(',');
  const grouped =
    groups.length > 1 && groups[0]!.length <= 3 && groups.every(isAsciiDigits) && groups.slice(1).every((g) => g.length === 3);
  if (whole !== '' && !grouped && !isAsciiDigits(whole)) return null;
  if (whole === '' && !cents) return null;
  const digits = groups.join('');
  if (digits.length > 12) return null;
  return Number(digits || '0') * 100 + Number((cents ?? '').padEnd(2, '0'));
}

// ---------------------------------------------------------------------------
// Arbitraries.

const digitString = (minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength, maxLength }).map((ds) => ds.join(''));

/** Strings a person (or a paste) could produce around digits: other digit systems, separators, spaces. */
const nearDigits = fc
  .array(
    fc.constantFrom(...'0123456789', ' ', '-', '/', '.', ',', '\t', '\u00a0', '٣', '１', '⁴', 'a', 'O', 'l', '$', 'U', 'S', 'e', '+'),
    { maxLength: 24 },
  )
  .map((cs) => cs.join(''));
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearDigits);

/** IIN prefixes and the lengths each network issues. */
const BRANDS = {
  visa: { prefixes: ['4'], lengths: [13, 16, 19] },
  mastercard: { prefixes: ['51', '53', '55', '2221', '2500', '2720'], lengths: [16] },
  amex: { prefixes: ['34', '37'], lengths: [15] },
  discover: { prefixes: ['6011', '65', '644', '622'], lengths: [16, 19] },
} as const;

const validCard = fc.constantFrom(...(Object.keys(BRANDS) as (keyof typeof BRANDS)[])).chain((brand) =>
  fc
    .record({
      prefix: fc.constantFrom(...BRANDS[brand].prefixes),
      length: fc.constantFrom(...BRANDS[brand].lengths),
      fill: digitString(18, 18),
    })
    .map(({ prefix, length, fill }) => {
      const body = (prefix + fill).slice(0, length - 1);
      return { brand, number: body + luhnCheckDigit(body) };
    }),
);

const validRouting = digitString(8, 8).map((eight) => eight + abaCheckDigit(eight));

/** Change one digit to a different one. */
const withOneDigitChanged = (s: string) =>
  fc
    .record({ at: fc.nat({ max: s.length - 1 }), by: fc.integer({ min: 1, max: 9 }) })
    .map(({ at, by }) => s.slice(0, at) + String((Number(s[at]) + by) % 10) + s.slice(at + 1));

// ---------------------------------------------------------------------------

describe('fuzz: card numbers (Luhn)', () => {
  it('agrees with the textbook Luhn on digit strings and on anything else', () => {
    fc.assert(fc.property(fc.oneof(digitString(1, 25), anyString), (s) => luhnValid(s) === luhnRef(s)));
  });

  it('accepts every number built from a prefix and its check digit, and rejects every one-digit change of it', () => {
    fc.assert(
      fc.property(
        digitString(1, 24).chain((body) => {
          const valid = body + luhnCheckDigit(body);
          return fc.tuple(fc.constant(valid), withOneDigitChanged(valid));
        }),
        ([valid, changed]) => luhnValid(valid) && !luhnValid(changed),
      ),
    );
  });

  it('rejects a swap of two adjacent different digits (except 0 and 9, which Luhn cannot see)', () => {
    fc.assert(
      fc.property(
        validCard.chain(({ number }) => fc.tuple(fc.constant(number), fc.nat({ max: number.length - 2 }))),
        ([number, at]) => {
          const [a, b] = [number[at]!, number[at + 1]!];
          fc.pre(a !== b && !(a + b === '09' || a + b === '90'));
          const swapped = number.slice(0, at) + b + a + number.slice(at + 2);
          return !luhnValid(swapped);
        },
      ),
    );
  });

  it('accepts a valid number of every network at the lengths it issues, brands it, and never accepts what Luhn refuses', () => {
    fc.assert(fc.property(validCard, ({ brand, number }) => cardNumberValid(number) && cardBrand(number) === brand));
    fc.assert(
      fc.property(fc.oneof(digitString(1, 25), anyString), (s) => {
        if (!cardNumberValid(s)) return true;
        return luhnRef(s) && s.length >= 12 && s.length <= 19;
      }),
    );
  });

  it('knows the fixture cards', () => {
    for (const n of [
      '4111111111111111',
      '5555555555554444',
      '378282246310005',
      '6011111111111117',
      '4000000000000002',
      '4000000000009995',
    ]) {
      assert.ok(cardNumberValid(n) && luhnRef(n), n);
    }
    assert.ok(!luhnValid('4111111111111112'));
  });
});

describe('fuzz: routing numbers (ABA 3-7-1)', () => {
  it('agrees with the 3-7-1 checksum on nine-digit strings and on anything else', () => {
    fc.assert(fc.property(fc.oneof(digitString(9, 9), digitString(0, 12), anyString), (s) => routingNumberValid(s) === abaRef(s)));
  });

  it('accepts every built number and rejects every one-digit change of it', () => {
    fc.assert(
      fc.property(
        validRouting.chain((r) => fc.tuple(fc.constant(r), withOneDigitChanged(r))),
        ([valid, changed]) => routingNumberValid(valid) && !routingNumberValid(changed),
      ),
    );
  });

  it('knows the fixture routing numbers', () => {
    assert.ok(routingNumberValid('011000015') && routingNumberValid('021000021'));
    assert.ok(!routingNumberValid('011000016'));
  });
});

describe('fuzz: expiry', () => {
  // Any instant from 2000 to 2090, in the process's own time zone: the validator uses the local calendar.
  const now = fc.date({ min: new Date(2000, 0, 1), max: new Date(2090, 11, 31, 23, 59, 59), noInvalidDate: true });

  it('agrees with the reference for any month and year around now, integers or not', () => {
    fc.assert(
      fc.property(
        now,
        fc.oneof(fc.integer({ min: -2, max: 15 }), fc.constantFrom(1.5, Number.NaN, Infinity, -0)),
        fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constantFrom(0.5, Number.NaN)),
        (at, month, offset) => {
          const year = at.getFullYear() + offset;
          return expiryValid(month, year, at) === expiryRef(month, year, at);
        },
      ),
    );
  });

  it('draws its lines at this month and at twenty years ahead', () => {
    fc.assert(
      fc.property(now, (at) => {
        const [y, m] = [at.getFullYear(), at.getMonth() + 1];
        const last = m === 1 ? { month: 12, year: y - 1 } : { month: m - 1, year: y };
        return (
          expiryValid(m, y, at) && !expiryValid(last.month, last.year, at) && expiryValid(12, y + 20, at) && !expiryValid(1, y + 21, at)
        );
      }),
    );
  });
});

describe('fuzz: security code', () => {
  it('wants four digits for American Express and three for every other card', () => {
    const number = fc.oneof(
      validCard.map((c) => c.number),
      digitString(0, 19),
      anyString,
    );
    const code = fc.oneof(digitString(0, 6), anyString, fc.constantFrom('١٢٣', '１２３', '123 ', ' 1234', '12a'));
    fc.assert(fc.property(number, code, (n, c) => securityCodeValid(c, cardBrand(n)) === securityCodeRef(c, n)));
  });
});

describe('fuzz: parseExpiry', () => {
  const space = fc.array(fc.constantFrom(' ', '\t', '\u00a0'), { maxLength: 2 }).map((s) => s.join(''));

  it('reads MM/YY, M/YY, MM / YY, MM/YYYY, MMYY and MM YY back to the same month and year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2099 }),
        fc.nat({ max: 5 }),
        space,
        space,
        (month, year, form, before, after) => {
          const mm = String(month).padStart(2, '0');
          const yy = String(year % 100).padStart(2, '0');
          const text = [`${mm}/${yy}`, `${month}/${yy}`, `${mm} / ${yy}`, `${mm}/${year}`, `${mm}${yy}`, `${mm} ${yy}`][form]!;
          assert.deepEqual(parseExpiry(before + text + after), { month, year });
        },
      ),
    );
  });

  it('agrees with the reference on anything typed', () => {
    const typed = fc.oneof(
      fc.array(fc.constantFrom(...'0123456789', '/', ' ', '\t', '\u00a0', '-', '.'), { maxLength: 10 }).map((cs) => cs.join('')),
      anyString,
    );
    fc.assert(fc.property(typed, (s) => assert.deepEqual(parseExpiry(s), parseExpiryRef(s))));
  });
});

describe('fuzz: amounts', () => {
  it('reads back every formatted amount, in English and Spanish and as the input field shows it, from $0.00 to $1,000,000.00', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom(0, 1, 99, 100, 100_000, 99_999_999, 100_000_000)),
        (cents) => {
          assert.equal(parseAmount(formatCents(cents, 'en')), cents);
          assert.equal(parseAmount(formatCents(cents, 'es')), cents);
          assert.equal(parseAmount(centsToInput(cents)), cents);
        },
      ),
    );
  });

  it('agrees with the reference on anything typed', () => {
    const typed = fc.oneof(
      fc
        .array(fc.constantFrom(...'0123456789', '$', 'U', 'S', 'u', 's', ',', '.', ' ', '\t', '-', '€'), { maxLength: 18 })
        .map((cs) => cs.join('')),
      fc
        .tuple(
          fc.constantFrom('', '$', 'US$', 'us', '$ ', ' US '),
          digitString(0, 16),
          fc.constantFrom('', '.', ',', '.5', '.50', '.505', ',50'),
        )
        .map((p) => p.join('')),
      anyString,
    );
    fc.assert(fc.property(typed, (s) => assert.equal(parseAmount(s), parseAmountRef(s))));
  });

  it('never reads a decimal comma, a second point or more than two cent digits as an amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 99 }), (whole, cents) => {
        const c = String(cents).padStart(2, '0');
        return parseAmount(`${whole},${c}`) === null && parseAmount(`${whole}.${c}.0`) === null && parseAmount(`${whole}.${c}5`) === null;
      }),
    );
  });
});
