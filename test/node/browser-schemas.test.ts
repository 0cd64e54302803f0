/**
 * The browser checks answers with src/client/conforms.ts against JSON Schemas
 * generated from the zod contract. These tests hold the two together: the
 * generated file is current, and on every valid example and on every one-field
 * mutation of it, the browser's check and zod agree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as defs from '../../src/client/answer-schemas.ts';
import { conforms } from '../../src/client/conforms.ts';
import { answerSchemasSource, browserSchemas } from '../../src/contract/browser-schemas.ts';

const method = { kind: 'card', brand: 'visa', last4: '1111' };
const receipt = {
  paymentId: 'pay-1',
  confirmationNumber: 'IC100',
  accountNumber: '100200301',
  invoiceNumber: 'INV-2001',
  amountCents: 14275,
  paidAt: '2026-12-02T10:00:00.000Z',
  method,
  email: 'john.smith@example.com',
};
const account = {
  accountNumber: '100200302',
  customerName: 'John Smith',
  balanceCents: 0,
  paperless: false,
  payByText: false,
  autopay: true,
  autopayMethodId: 'pm-1',
  linkedTo: '100200301',
};
const saved = { id: 'pm-1', kind: 'card', brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030, nickname: null, isDefault: true };

/** One or more valid values of every schema the browser checks. */
const examples: { [K in keyof typeof browserSchemas]: unknown[] } = {
  ErrorBody: [
    { error: { code: 'card_declined', message: 'Declined', requestId: 'r1', retryable: false, fields: { 'method.number': 'bad' } } },
    { error: { code: 'payment_being_confirmed', message: 'Being confirmed', requestId: 'r2', attemptedAt: '2026-12-02T10:00:00.000Z' } },
    { error: { code: 'no_portal_account', message: 'No account left', requestId: 'r3' } },
  ],
  GuestLookupResponse: [
    {
      lookupToken: 't',
      expiresAt: '2026-12-02T10:15:00Z',
      minimumPaymentCents: 100,
      account: {
        accountNumber: '100200300',
        customerName: 'Jane Doe',
        balanceCents: 8420,
        invoices: [
          { invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15' },
          { invoiceNumber: 'INV-1002', amountDueCents: 100, dueDate: '2027-01-15', paymentPendingSince: '2026-12-02T10:00:00Z' },
        ],
      },
    },
  ],
  PaymentResult: [
    { status: 'succeeded', receipt },
    { status: 'pending', retryAfterSeconds: 2, reviewing: false, confirmationEmail: false },
    { status: 'pending', retryAfterSeconds: 15, reviewing: true, confirmationEmail: true },
  ],
  MeResponse: [
    {
      user: { userId: 'u', email: 'john.smith@example.com', name: 'John Smith' },
      accounts: [account],
      hostAccounts: [
        { accountNumber: account.accountNumber, status: 'synced' },
        { accountNumber: '100200301', status: 'registered_to_another_login' },
        { accountNumber: '100200305', status: 'unregistered' },
      ],
    },
    // A session without an InvoiceCloud login: every account the host listed is another login's.
    {
      user: { userId: 'u', email: 'mallory@example.com', name: 'Mallory' },
      accounts: [],
      hostAccounts: [{ accountNumber: '100200301', status: 'registered_to_another_login' }],
    },
  ],
  SsoResponse: [{ url: 'http://localhost:5174/sso/x', expiresAt: '2026-12-02T10:01:00+00:00', origin: 'http://localhost:5174' }],
  SsoMessage: [
    { type: 'ic-sso:loaded', page: 'dashboard' },
    { type: 'ic-sso:resize', height: 480.5 },
    { type: 'ic-sso:pay-by-text-changed', enrolled: true },
    { type: 'ic-sso:expired' },
  ],
  AccountsResponse: [
    { accounts: [account, { ...account, accountNumber: '100200301', autopay: false, autopayMethodId: null, linkedTo: null }] },
  ],
  SyncedAccount: [account],
  PaymentMethodsResponse: [
    {
      methods: [
        saved,
        {
          ...saved,
          id: 'pm-2',
          kind: 'ach',
          brand: 'checking',
          last4: '6789',
          expMonth: null,
          expYear: null,
          nickname: 'Checking',
          isDefault: false,
        },
      ],
    },
  ],
  SavedMethod: [saved],
  BillsResponse: [
    {
      bills: [
        {
          invoiceNumber: 'INV-2001',
          amountDueCents: 14275,
          dueDate: '2026-12-10',
          status: 'open',
          paymentPendingSince: '2026-12-02T10:00:00Z',
        },
      ],
      payments: [
        {
          paymentId: 'p',
          confirmationNumber: 'IC1',
          invoiceNumber: 'INV-1990',
          amountCents: 12010,
          paidAt: '2026-11-10T15:04:00Z',
          method,
          status: 'approved',
        },
      ],
      nextCursor: 'p',
    },
  ],
  UnregisterResponse: [{ unregistered: ['100200301', '100200302'] }],
  AttemptRecord: [
    {
      idempotencyKey: 'key-12345678',
      credential: '',
      accountNumber: '100200301',
      invoiceNumber: 'INV-2001',
      amountCents: 14275,
      createdAt: '2026-12-02T10:00:00Z',
    },
  ],
};

const WRONG: unknown[] = [null, 0, -1, 1.5, 2 ** 60, '', 'x', ' 100200301', '2026-13-45', true, [], {}, ['x']];

/** Every value that differs from `value` in one place: a field removed, or replaced by something else. */
function* mutations(value: unknown): Generator<unknown> {
  for (const w of WRONG) yield w;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) for (const m of mutations(value[i])) yield value.map((v, j) => (j === i ? m : v));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const { [k]: _gone, ...rest } = value as Record<string, unknown>;
      yield rest;
      for (const m of mutations(v)) yield { ...value, [k]: m };
    }
  }
}

const browserCheck = (name: keyof typeof browserSchemas, v: unknown) => conforms(v, defs[name]);
const zodCheck = (name: keyof typeof browserSchemas, v: unknown) => browserSchemas[name].safeParse(v).success;

describe("the browser's contract checks", () => {
  it('src/client/answer-schemas.ts is generated from the current contract (run `npm run openapi` when this fails)', () => {
    assert.equal(readFileSync('src/client/answer-schemas.ts', 'utf8'), answerSchemasSource());
  });

  for (const name of Object.keys(browserSchemas) as (keyof typeof browserSchemas)[]) {
    it(`${name}: accepts what zod accepts and refuses what zod refuses, field by field`, () => {
      let compared = 0;
      for (const example of examples[name]) {
        assert.equal(zodCheck(name, example), true, 'the example is valid for zod');
        assert.equal(browserCheck(name, example), true, 'and for the browser');
        for (const m of mutations(example)) {
          const [browser, zod] = [browserCheck(name, m), zodCheck(name, m)];
          // zod trims an account number before checking it; the broker always answers it trimmed,
          // and the browser (which transforms nothing) refuses one that is not: stricter, never looser.
          if (zod && !browser && JSON.stringify(m).includes('" 100200301"')) continue;
          assert.equal(browser, zod, `disagree on ${JSON.stringify(m)}`);
          compared++;
        }
      }
      assert.ok(compared > 10);
    });
  }

  it('agrees with zod on arbitrary JSON', () => {
    const names = Object.keys(browserSchemas) as (keyof typeof browserSchemas)[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.jsonValue(), (name, v) => browserCheck(name, v) === zodCheck(name, v)),
      { seed: 20261202, numRuns: 2000 },
    );
  });

  it('allows fields a newer broker may add', () => {
    assert.equal(browserCheck('SavedMethod', { ...saved, addedLater: 1 }), true);
  });
});
