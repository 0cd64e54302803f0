/**
 * The InvoiceCloud sandbox over a real socket: fixtures, auth, the three
 * operations, the call log, card-data hygiene, reset and every fault kind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { operations, type IcPayment, type OperationResponse } from '../../src/invoicecloud/operations.ts';
import { createSandbox, startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { until } from '../support/until.ts';
import { SANDBOX_AUTH } from './sandbox-operations.ts';

const PATHS = {
  lookup: '/api/v1/customer/LookupAccount',
  pay: '/api/v1/payments/InvoicePay',
  payments: '/api/v1/payments',
} as const;

const VISA = {
  PaymentType: 'CreditCard',
  CardNumber: '4111111111111111',
  ExpirationMonth: 12,
  ExpirationYear: 2030,
  SecurityCode: '101',
  NameOnCard: 'Jane Doe',
  PostalCode: '49007',
};
const card = (CardNumber: string, SecurityCode = '123') => ({ ...VISA, CardNumber, SecurityCode });
const bank = (RoutingNumber: string, BankAccountNumber: string, BankAccountType = 'Checking') => ({
  PaymentType: 'ACH',
  RoutingNumber,
  BankAccountNumber,
  BankAccountType,
  NameOnAccount: 'Jane Doe',
});

let sbx: RunningSandbox;
let refSeq = 0;

function call(path: string, init: { method?: string; body?: unknown; auth?: string | null; signal?: AbortSignal } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.auth !== null) headers['authorization'] = init.auth ?? SANDBOX_AUTH;
  return fetch(sbx.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    signal: init.signal,
  });
}

/** Any InvoiceCloud answer, loosely: each test reads the fields its case has. */
type Answer = Partial<IcPayment & OperationResponse<'LookupAccount'> & { Payments: IcPayment[]; ErrorCode: string; Message: string }>;

/** An entry of GET /__sandbox/payments. */
interface SandboxPayment {
  id: string;
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  method: { kind: string; brand: string; last4: string };
  status: string;
  createdAt: string;
}

async function json<T = Answer>(path: string, init: Parameters<typeof call>[1] = {}): Promise<{ status: number; body: T }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T };
}

const sandboxPayments = async (account: string) => (await json<SandboxPayment[]>(`/__sandbox/payments?account=${account}`)).body;

function pay(overrides: Record<string, unknown> = {}, signal?: AbortSignal) {
  const body = {
    AccountNumber: '100200300',
    InvoiceNumber: 'INV-1001',
    Amount: 84.2,
    ReferenceId: `ref-${++refSeq}`,
    PaymentMethod: VISA,
    ...overrides,
  };
  return json(PATHS.pay, { body, signal });
}

const account = async (n: string) => (await json<{ balanceCents: number }>(`/__sandbox/accounts/${n}`)).body;
const calls = async () => (await json('/__sandbox/calls')).body as { seq: number; at: string; operation: string; accountNumber?: string }[];
const setFault = (fault: Record<string, unknown>) => json('/__sandbox/faults', { body: fault });

before(async () => {
  sbx = await startSandbox({ port: 0 });
});
after(() => sbx.close());
beforeEach(async () => {
  assert.equal((await call('/__sandbox/reset', { method: 'POST' })).status, 200);
});

describe('fixtures', () => {
  it('seeds every InvoiceCloud account exactly as FIXTURES.md says', async () => {
    const none = { enabled: false, paymentMethodId: null };
    const visa = { id: 'PM-0000000001', kind: 'card', brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030, isDefault: true };
    const johnLogin = 'd0000000-0000-4000-8000-000000000301';
    const base = {
      registered: false,
      loginId: null,
      linkedAccounts: [],
      paperless: false,
      payByText: false,
      autopay: none,
      paymentMethods: [],
    };
    assert.deepEqual(await account('100200300'), {
      accountNumber: '100200300',
      customerName: 'Jane Doe',
      email: 'jane.doe@example.com',
      ...base,
      balanceCents: 8420,
    });
    assert.deepEqual(await account('100200301'), {
      accountNumber: '100200301',
      customerName: 'John Smith',
      email: 'john.smith@example.com',
      registered: true,
      loginId: johnLogin,
      linkedAccounts: ['100200302'],
      paperless: true,
      payByText: false,
      autopay: none,
      paymentMethods: [visa],
      balanceCents: 14275,
    });
    assert.deepEqual(await account('100200302'), {
      accountNumber: '100200302',
      customerName: 'John Smith',
      email: 'john.smith@example.com',
      registered: true,
      loginId: johnLogin,
      linkedAccounts: ['100200301'],
      paperless: false,
      payByText: false,
      autopay: { enabled: true, paymentMethodId: 'PM-0000000001' },
      paymentMethods: [visa],
      balanceCents: 0,
    });
    assert.deepEqual(await account('100200303'), {
      accountNumber: '100200303',
      customerName: 'Maria Garcia',
      email: 'maria.garcia@example.com',
      ...base,
      balanceCents: 5600,
    });
    assert.deepEqual(await account('100200305'), {
      accountNumber: '100200305',
      customerName: 'John Smith',
      email: 'john.smith@example.com',
      ...base,
      balanceCents: 2310,
    });
  });

  it("seeds Pat Rivera's 100200306, shared by two logins: the view names the first, each login lists it", async () => {
    const pat = 'd0000000-0000-4000-8000-000000000306';
    const sam = 'd0000000-0000-4000-8000-000000010306';
    assert.deepEqual(await account('100200306'), {
      accountNumber: '100200306',
      customerName: 'Pat Rivera',
      email: 'pat.rivera@example.com',
      registered: true,
      loginId: pat,
      linkedAccounts: [],
      paperless: false,
      payByText: false,
      autopay: { enabled: false, paymentMethodId: null },
      paymentMethods: [],
      balanceCents: 6140,
    });
    for (const [username, loginGuid] of [
      ['pat.rivera@example.com', pat],
      ['sam.rivera@example.com', sam],
    ]) {
      assert.deepEqual((await json(`/__sandbox/logins/${username}`)).body, {
        loginGuid,
        username,
        email: username,
        hasPassword: false,
        accountNumbers: ['100200306'],
      });
    }
  });

  it('knows nothing of the MyMeter-only account 100200304 or unknown accounts', async () => {
    assert.equal((await call('/__sandbox/accounts/100200304')).status, 404);
    assert.equal((await call('/__sandbox/accounts/999999999')).status, 404);
  });

  it("keeps INV-1990's past payment in John's history", async () => {
    const { body } = await json('/__sandbox/payments?account=100200301');
    assert.deepEqual(body, [
      {
        id: 'PAY-0000000001',
        accountNumber: '100200301',
        invoiceNumber: 'INV-1990',
        amountCents: 12010,
        method: { kind: 'card', brand: 'visa', last4: '1111' },
        status: 'approved',
        createdAt: '2026-11-10T15:00:00.000Z',
      },
    ]);
  });
});

describe('auth and routing', () => {
  const body = { AccountNumber: '100200300', CustomerName: 'Doe' };
  it('answers 401 to a missing key, a wrong key or a non-blank password, and logs the call', async () => {
    for (const auth of [
      null,
      `Basic ${Buffer.from('other-key:').toString('base64')}`,
      `Basic ${Buffer.from('sandbox-api-key:x').toString('base64')}`,
      'Bearer sandbox-api-key',
    ]) {
      const res = await json(PATHS.lookup, { body, auth });
      assert.equal(res.status, 401);
      assert.equal(res.body.ErrorCode, 'Unauthorized');
      assert.equal(typeof res.body.Message, 'string');
    }
    assert.deepEqual(
      (await calls()).map((c) => [c.operation, c.accountNumber]),
      Array(4).fill(['LookupAccount', '100200300']),
    );
  });

  it('answers biller/status with the key, 401 without, and does not log it', async () => {
    assert.deepEqual(await json('/api/v1/biller/status'), {
      status: 200,
      body: { Status: 'Active', BillerName: 'Springfield Water & Power' },
    });
    assert.equal((await call('/api/v1/biller/status', { auth: null })).status, 401);
    assert.deepEqual(await calls(), []);
  });

  it('answers 404 JSON to unknown paths', async () => {
    for (const path of ['/api/v1/nope', '/elsewhere', '/api/v1/customer/LookupAccount/x']) {
      const res = await json(path);
      assert.equal(res.status, 404);
      assert.equal(res.body.ErrorCode, 'NotFound');
    }
  });

  it('answers 400 InvalidRequest to invalid JSON or a body that fails the request schema', async () => {
    for (const body of ['{not json', { AccountNumber: '100200300' }, { AccountNumber: 100200300, CustomerName: 'Doe' }]) {
      const res = await json(PATHS.lookup, { body });
      assert.equal(res.status, 400);
      assert.equal(res.body.ErrorCode, 'InvalidRequest');
    }
    const res = await json(PATHS.payments);
    assert.equal(res.status, 400);
    assert.match(res.body.Message ?? '', /AccountNumber/);
  });
});

describe('LookupAccount', () => {
  it('matches the last name or the full name, ignoring case and surrounding spaces', async () => {
    for (const CustomerName of ['Smith', 'smith', '  SMITH ', 'John Smith', ' john   SMITH ']) {
      const { status, body } = await json(PATHS.lookup, { body: { AccountNumber: ' 100200301 ', CustomerName } });
      assert.equal(status, 200, CustomerName);
      assert.deepEqual(body, {
        AccountNumber: '100200301',
        CustomerName: 'John Smith',
        BalanceDue: 142.75,
        Invoices: [
          { InvoiceNumber: 'INV-2001', AmountDue: 142.75, DueDate: '2026-12-10', Status: 'Open' },
          { InvoiceNumber: 'INV-1990', AmountDue: 0, DueDate: '2026-11-15', Status: 'Paid' },
        ],
      });
      assert.ok(operations.LookupAccount.response.safeParse(body).success);
    }
  });

  it('answers a wrong name, an unknown account and 100200304 with byte-identical 404s', async () => {
    const texts = new Set<string>();
    for (const body of [
      { AccountNumber: '100200300', CustomerName: 'Smith' },
      { AccountNumber: '100200300', CustomerName: 'Jane' },
      { AccountNumber: '999999999', CustomerName: 'Doe' },
      { AccountNumber: '100200304', CustomerName: 'Lee' },
    ]) {
      const res = await call(PATHS.lookup, { body });
      assert.equal(res.status, 404);
      texts.add(await res.text());
    }
    assert.deepEqual([...texts], ['{"ErrorCode":"AccountNotFound","Message":"No account matches that account number and name."}']);
  });
});

describe('InvoicePayWithoutSavedMethod', () => {
  it('approves a Visa, lowers the balance and marks the invoice paid', async () => {
    const { status, body } = await pay({ ReferenceId: 'order-1' });
    assert.equal(status, 200);
    assert.ok(operations.InvoicePayWithoutSavedMethod.response.safeParse(body).success);
    assert.equal(body.Status, 'Approved');
    assert.equal(body.DeclineCode, null);
    assert.equal(body.ReferenceId, 'order-1');
    assert.equal(body.Amount, 84.2);
    assert.equal(body.PaymentType, 'CreditCard');
    assert.equal(body.CardType, 'Visa');
    assert.equal(body.LastFour, '1111');
    assert.match(body.ConfirmationNumber ?? '', /^IC-[A-Z0-9]{8}$/);
    assert.match(body.PaymentId ?? '', /^PAY-[A-Z0-9]+$/);
    assert.equal((await account('100200300')).balanceCents, 0);
    const lookup = await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } });
    assert.deepEqual(lookup.body.Invoices, [{ InvoiceNumber: 'INV-1001', AmountDue: 0, DueDate: '2026-12-15', Status: 'Paid' }]);
    assert.equal(lookup.body.BalanceDue, 0);
    const again = await pay();
    assert.deepEqual(again, { status: 409, body: { ErrorCode: 'InvoiceNotPayable', Message: 'This invoice is already paid in full.' } });
  });

  it('takes a partial payment and leaves the invoice open', async () => {
    assert.equal((await pay({ Amount: 40.1 })).body.Status, 'Approved');
    assert.equal((await account('100200300')).balanceCents, 4410);
    const lookup = await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } });
    assert.deepEqual(lookup.body.Invoices?.[0], { InvoiceNumber: 'INV-1001', AmountDue: 44.1, DueDate: '2026-12-15', Status: 'Open' });
  });

  it('accepts an overpayment and settles the invoice at zero', async () => {
    assert.equal((await pay({ Amount: 100 })).body.Status, 'Approved');
    assert.equal((await account('100200300')).balanceCents, 0);
  });

  it('declines the two declining test cards with their codes, stores them, and leaves the balance', async () => {
    const a = await pay({ PaymentMethod: card('4000000000000002') });
    const b = await pay({ PaymentMethod: card('4000000000009995') });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual([a.body.Status, a.body.DeclineCode], ['Declined', 'card_declined']);
    assert.deepEqual([b.body.Status, b.body.DeclineCode], ['Declined', 'insufficient_funds']);
    assert.equal((await account('100200300')).balanceCents, 8420);
    const stored = await sandboxPayments('100200300');
    assert.deepEqual(
      stored.map((p) => [p.status, p.method.last4]),
      [
        ['declined', '0002'],
        ['declined', '9995'],
      ],
    );
  });

  it('approves MasterCard, Amex (4-digit code) and Discover, and any other Luhn-valid card', async () => {
    const cases = [
      ['5555555555554444', '123', 'MasterCard', 'mastercard'],
      ['378282246310005', '1234', 'Amex', 'amex'],
      ['6011111111111117', '123', 'Discover', 'discover'],
      ['4242424242424242', '123', 'Visa', 'visa'],
      ['3530111333300000', '123', 'Card', 'card'],
    ] as const;
    for (const [num, code, cardType] of cases) {
      const { status, body } = await pay({ Amount: 1, PaymentMethod: card(num, code) });
      assert.equal(status, 200, num);
      assert.deepEqual([body.Status, body.CardType, body.LastFour], ['Approved', cardType, num.slice(-4)]);
    }
    const stored = await sandboxPayments('100200300');
    assert.deepEqual(
      stored.map((p) => p.method.brand),
      cases.map((c) => c[3]),
    );
    assert.equal((await account('100200300')).balanceCents, 7920);
  });

  it('rejects a card failing Luhn, a wrong-length code and an expired card with 400', async () => {
    assert.equal((await pay({ PaymentMethod: card('4111111111111112') })).body.ErrorCode, 'InvalidCardNumber');
    assert.equal((await pay({ PaymentMethod: card('378282246310005', '123') })).body.ErrorCode, 'InvalidSecurityCode');
    const expired = await pay({ PaymentMethod: { ...VISA, ExpirationMonth: 1, ExpirationYear: 2020 } });
    assert.deepEqual([expired.status, expired.body.ErrorCode], [400, 'CardExpired']);
    assert.deepEqual(await sandboxPayments('100200300'), []);
  });

  it('approves ACH and declines the closed account', async () => {
    const ok = await pay({ Amount: 10, PaymentMethod: bank('011000015', '123456789') });
    assert.deepEqual(
      [ok.status, ok.body.Status, ok.body.PaymentType, ok.body.CardType, ok.body.LastFour],
      [200, 'Approved', 'ACH', 'Checking', '6789'],
    );
    const ok2 = await pay({ Amount: 10, PaymentMethod: bank('021000021', '123456789', 'Savings') });
    assert.deepEqual([ok2.body.Status, ok2.body.CardType], ['Approved', 'Savings']);
    const closed = await pay({ PaymentMethod: bank('021000021', '000000000') });
    assert.deepEqual([closed.status, closed.body.Status, closed.body.DeclineCode], [200, 'Declined', 'account_closed']);
    assert.equal((await account('100200300')).balanceCents, 6420);
    const stored = await sandboxPayments('100200300');
    assert.deepEqual(
      stored.map((p) => [p.method, p.status]),
      [
        [{ kind: 'ach', brand: 'checking', last4: '6789' }, 'approved'],
        [{ kind: 'ach', brand: 'savings', last4: '6789' }, 'approved'],
        [{ kind: 'ach', brand: 'checking', last4: '0000' }, 'declined'],
      ],
    );
  });

  it('rejects a routing number that fails the ABA checksum', async () => {
    const res = await pay({ PaymentMethod: bank('011000016', '123456789') });
    assert.deepEqual([res.status, res.body.ErrorCode], [400, 'InvalidRoutingNumber']);
  });

  it('answers 404 InvoiceNotFound for an unknown account or invoice, or an invoice of another account', async () => {
    for (const o of [
      { AccountNumber: '999999999' },
      { InvoiceNumber: 'INV-0000' },
      { InvoiceNumber: 'INV-2001' },
      { AccountNumber: '100200304' },
    ]) {
      const res = await pay(o);
      assert.deepEqual([res.status, res.body.ErrorCode], [404, 'InvoiceNotFound']);
    }
  });

  it('answers 409 InvoiceNotPayable for the paid INV-1990', async () => {
    const res = await pay({ AccountNumber: '100200301', InvoiceNumber: 'INV-1990' });
    assert.deepEqual([res.status, res.body.ErrorCode], [409, 'InvoiceNotPayable']);
  });
});

describe('RetrievePayments', () => {
  it('lists an account’s payments newest first, and filters by ReferenceId', async () => {
    await pay({ Amount: 1, ReferenceId: 'first' });
    await pay({ Amount: 2, ReferenceId: 'second', PaymentMethod: card('4000000000000002') });
    const all = await json(`${PATHS.payments}?AccountNumber=100200300`);
    assert.equal(all.status, 200);
    assert.ok(operations.RetrievePayments.response.safeParse(all.body).success);
    assert.deepEqual(
      all.body.Payments!.map((p) => [p.ReferenceId, p.Status]),
      [
        ['second', 'Declined'],
        ['first', 'Approved'],
      ],
    );
    const one = await json(`${PATHS.payments}?AccountNumber=100200300&ReferenceId=first`);
    assert.deepEqual(
      one.body.Payments!.map((p) => [p.ReferenceId, p.Amount]),
      [['first', 1]],
    );
    const none = await json(`${PATHS.payments}?AccountNumber=100200300&ReferenceId=nope`);
    assert.deepEqual(none.body, { Payments: [] });
    const john = await json(`${PATHS.payments}?AccountNumber=100200301`);
    assert.deepEqual(
      john.body.Payments!.map((p) => [p.InvoiceNumber, p.Amount, p.CardType, p.LastFour]),
      [['INV-1990', 120.1, 'Visa', '1111']],
    );
  });

  it('answers 404 for an account not in InvoiceCloud', async () => {
    assert.equal((await json(`${PATHS.payments}?AccountNumber=100200304`)).status, 404);
  });
});

describe('call log', () => {
  it('records every operation call in order, with its account, and no card data', async () => {
    await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } });
    await pay({ PaymentMethod: card('4000000000000002') });
    await pay();
    await json(`${PATHS.payments}?AccountNumber=100200300`);
    await json(PATHS.lookup, { body: { AccountNumber: '100200303' }, auth: null });
    await json(PATHS.lookup, { body: '{oops' });
    await json('/api/v1/biller/status');
    const log = await calls();
    assert.deepEqual(
      log.map(({ seq, operation, accountNumber }) => ({ seq, operation, accountNumber })),
      [
        { seq: 1, operation: 'LookupAccount', accountNumber: '100200300' },
        { seq: 2, operation: 'InvoicePayWithoutSavedMethod', accountNumber: '100200300' },
        { seq: 3, operation: 'InvoicePayWithoutSavedMethod', accountNumber: '100200300' },
        { seq: 4, operation: 'RetrievePayments', accountNumber: '100200300' },
        { seq: 5, operation: 'LookupAccount', accountNumber: '100200303' },
        { seq: 6, operation: 'LookupAccount', accountNumber: undefined },
      ],
    );
    assert.ok(!('accountNumber' in log[5]!));
    for (const entry of log) assert.ok(!Number.isNaN(Date.parse(entry.at)));
    const everything = JSON.stringify(log) + JSON.stringify((await json('/__sandbox/payments')).body);
    for (const secret of ['4111111111111111', '4000000000000002', '"101"', 'SecurityCode', 'CardNumber']) {
      assert.ok(!everything.includes(secret), secret);
    }
  });

  it('is emptied by DELETE and numbering restarts', async () => {
    await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } });
    assert.equal((await call('/__sandbox/calls', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await calls(), []);
    await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } });
    assert.deepEqual(
      (await calls()).map((c) => c.seq),
      [1],
    );
  });
});

describe('reset', () => {
  it('brings the fixtures back and clears the call log and faults', async () => {
    await pay();
    await setFault({ operation: 'LookupAccount', status: 503 });
    assert.equal((await account('100200300')).balanceCents, 0);
    assert.equal((await call('/__sandbox/reset', { method: 'POST' })).status, 200);
    assert.equal((await account('100200300')).balanceCents, 8420);
    assert.deepEqual(await sandboxPayments('100200300'), []);
    assert.deepEqual(await calls(), []);
    assert.deepEqual((await json('/__sandbox/faults')).body, []);
    assert.equal((await json(PATHS.lookup, { body: { AccountNumber: '100200300', CustomerName: 'Doe' } })).status, 200);
  });
});

describe('no card data on disk', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sandbox-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('never writes the card number, security code or bank account number to the SQLite file', async () => {
    const dir = tempDir();
    // A fixed clock keeps timestamps free of accidental digit runs, and the
    // security codes use 0 and 1, digits the random ids never contain.
    const fixed = new Date('2026-11-25T12:00:00.000Z');
    const disk = await startSandbox({ port: 0, dbPath: join(dir, 'sandbox.db'), now: () => fixed });
    try {
      const body = { AccountNumber: '100200300', InvoiceNumber: 'INV-1001', Amount: 1, ReferenceId: 'disk-1', PaymentMethod: VISA };
      const post = (b: unknown) =>
        fetch(`${disk.url}${PATHS.pay}`, { method: 'POST', headers: { authorization: SANDBOX_AUTH }, body: JSON.stringify(b) });
      assert.equal((await post(body)).status, 200);
      assert.equal((await post({ ...body, ReferenceId: 'disk-2', PaymentMethod: card('378282246310005', '1010') })).status, 200);
      assert.equal((await post({ ...body, ReferenceId: 'disk-3', PaymentMethod: bank('021000021', '987654321') })).status, 200);
      assert.equal((await post({ ...body, ReferenceId: 'disk-4', PaymentMethod: card('4111111111111112') })).status, 400);
    } finally {
      await disk.close();
    }
    const files = readdirSync(dir);
    assert.ok(files.includes('sandbox.db'));
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f)))).toString('latin1');
    assert.ok(bytes.includes('disk-3'), 'the payments were written');
    for (const secret of ['4111111111111111', '4111111111111112', '378282246310005', '987654321', '101', '1010']) {
      assert.ok(!bytes.includes(secret), `found ${secret} in the database file`);
    }
    // Nor is there anywhere to put them: the schema has no such columns.
    assert.doesNotMatch(bytes, /card_?number|security_?code|cvv|account_number_full|routing/i);
  });

  it('keeps state across restarts of a file database', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'sandbox.db');
    const first = await startSandbox({ dbPath });
    await fetch(`${first.url}${PATHS.pay}`, {
      method: 'POST',
      headers: { authorization: SANDBOX_AUTH },
      body: JSON.stringify({ AccountNumber: '100200303', InvoiceNumber: 'INV-3001', Amount: 56, ReferenceId: 'keep', PaymentMethod: VISA }),
    });
    await first.close();
    const second = await startSandbox({ dbPath });
    const res = await (await fetch(`${second.url}/__sandbox/accounts/100200303`)).json();
    await second.close();
    assert.equal(res.balanceCents, 0);
  });
});

describe('faults', () => {
  const lookupBody = { AccountNumber: '100200300', CustomerName: 'Doe' };

  it('validates fault bodies', async () => {
    for (const bad of [
      { operation: 'Nope', status: 500 },
      { operation: 'LookupAccount' },
      { operation: 'LookupAccount', status: 503, hang: true },
      { operation: 'LookupAccount', status: 200 },
      { operation: 'LookupAccount', body: 'weird' },
      { operation: 'LookupAccount', hang: true, extra: 1 },
    ]) {
      assert.equal((await setFault(bad)).status, 400, JSON.stringify(bad));
    }
    assert.equal((await setFault({ operation: 'RetrieveUsers', status: 500 })).status, 201);
  });

  it('latency delays the answer and the operation still takes effect after the caller gave up', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 400 });
    await assert.rejects(pay({ ReferenceId: 'late' }, AbortSignal.timeout(100)), { name: 'TimeoutError' });
    assert.equal((await account('100200300')).balanceCents, 8420, 'not yet');
    await until(
      'the charge, after the caller gave up',
      async () => ((await account('100200300')).balanceCents === 0 ? true : undefined),
      2_000,
    );
    await call('/__sandbox/faults', { method: 'DELETE' });
    const found = await json(`${PATHS.payments}?AccountNumber=100200300&ReferenceId=late`);
    assert.deepEqual(
      found.body.Payments!.map((p) => p.Status),
      ['Approved'],
    );
  });

  it('latency without a deadline answers normally, late', async () => {
    await setFault({ operation: 'LookupAccount', latencyMs: 150 });
    const t = Date.now();
    const res = await json(PATHS.lookup, { body: lookupBody });
    assert.ok(Date.now() - t >= 140);
    assert.equal(res.status, 200);
  });

  it('hang never answers, until the client gives up', async () => {
    await setFault({ operation: 'LookupAccount', hang: true });
    await assert.rejects(json(PATHS.lookup, { body: lookupBody, signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
    assert.deepEqual(
      (await calls()).map((c) => c.operation),
      ['LookupAccount'],
    );
  });

  it('hang does not stop the server from closing', async () => {
    const other = await startSandbox();
    await fetch(`${other.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'InvoicePayWithoutSavedMethod', hang: true }),
    });
    const pending = fetch(`${other.url}${PATHS.pay}`, { method: 'POST', headers: { authorization: SANDBOX_AUTH }, body: '{}' });
    // Closed only once the call is in, held by the hang.
    await until('the call to arrive', async () => ((await (await fetch(`${other.url}/__sandbox/calls`)).json()).length ? true : undefined));
    const t = Date.now();
    await other.close();
    assert.ok(Date.now() - t < 1000);
    await assert.rejects(pending);
  });

  it('status answers that status with an IcErrorBody and has no effect', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', status: 503 });
    const res = await pay();
    assert.equal(res.status, 503);
    assert.equal(res.body.ErrorCode, 'ServiceUnavailable');
    assert.equal(typeof res.body.Message, 'string');
    assert.equal((await account('100200300')).balanceCents, 8420);
  });

  it('malformed answers 200 JSON that fails the response schema', async () => {
    await setFault({ operation: 'LookupAccount', body: 'malformed' });
    const res = await json(PATHS.lookup, { body: lookupBody });
    assert.equal(res.status, 200);
    assert.equal(operations.LookupAccount.response.safeParse(res.body).success, false);
  });

  it('html answers 200 text/html', async () => {
    await setFault({ operation: 'LookupAccount', body: 'html' });
    const res = await call(PATHS.lookup, { body: lookupBody });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /^<html>/);
  });

  it('truncated answers 200 with JSON text that does not parse', async () => {
    await setFault({ operation: 'RetrievePayments', body: 'truncated' });
    const res = await call(`${PATHS.payments}?AccountNumber=100200301`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.startsWith('{"Payments":['));
    assert.throws(() => JSON.parse(text));
  });

  it('resetConnection drops the socket and charges nothing', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', resetConnection: true });
    await assert.rejects(pay(), TypeError);
    assert.equal((await account('100200300')).balanceCents, 8420);
    assert.deepEqual(
      (await calls()).map((c) => c.operation),
      ['InvoicePayWithoutSavedMethod'],
    );
  });

  it('times limits a fault to the next N calls of that operation only', async () => {
    await setFault({ operation: 'LookupAccount', status: 500, times: 2 });
    assert.equal((await json(`${PATHS.payments}?AccountNumber=100200300`)).status, 200, 'other operations unaffected');
    assert.equal((await json(PATHS.lookup, { body: lookupBody })).status, 500);
    assert.equal((await json(PATHS.lookup, { body: lookupBody })).status, 500);
    assert.equal((await json(PATHS.lookup, { body: lookupBody })).status, 200);
    assert.deepEqual((await json('/__sandbox/faults')).body, []);
  });

  it('lasts until DELETE /__sandbox/faults when times is absent', async () => {
    await setFault({ operation: 'LookupAccount', status: 502 });
    for (let i = 0; i < 3; i++) assert.equal((await json(PATHS.lookup, { body: lookupBody })).status, 502);
    assert.equal((await call('/__sandbox/faults', { method: 'DELETE' })).status, 204);
    assert.equal((await json(PATHS.lookup, { body: lookupBody })).status, 200);
  });
});

describe('createSandbox (in-process)', () => {
  it('serves the same API through app.request, without a socket', async () => {
    const s = createSandbox();
    try {
      const res = await s.app.request(PATHS.lookup, {
        method: 'POST',
        headers: { authorization: SANDBOX_AUTH },
        body: JSON.stringify({ AccountNumber: '100200303', CustomerName: 'garcia' }),
      });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { BalanceDue: number }).BalanceDue, 56);
    } finally {
      s.close();
    }
  });

  it('answers an internal failure with a JSON IcErrorBody, not an HTML 500', async () => {
    const s = createSandbox();
    s.db.close(); // every query now throws: stands in for a handler bug
    const res = await s.app.request(PATHS.lookup, { method: 'POST', headers: { authorization: SANDBOX_AUTH }, body: '{}' });
    assert.equal(res.status, 500);
    assert.equal(((await res.json()) as { ErrorCode: string }).ErrorCode, 'InternalError');
  });
});
