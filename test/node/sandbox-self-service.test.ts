/**
 * The sandbox's self-service operations over a real socket (seed: Registered
 * User Payment, Paperless, AutoPay, Manage Payment Methods): happy paths, every
 * error code, the inspection view, the call log and card-data hygiene. Manage
 * Accounts (link, unregister, other logins' accounts) is in sandbox-linked-accounts.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { callOperation, JOHN, sandboxCalls, VISA_ID } from './sandbox-operations.ts';

const VISA = {
  PaymentType: 'CreditCard',
  CardNumber: '4111111111111111',
  ExpirationMonth: 12,
  ExpirationYear: 2030,
  SecurityCode: '101',
  NameOnCard: 'John Smith',
  PostalCode: '62701',
};
const MASTERCARD = { ...VISA, CardNumber: '5555555555554444' };
const ACH = {
  PaymentType: 'ACH',
  RoutingNumber: '011000015',
  BankAccountNumber: '123456789',
  BankAccountType: 'Checking',
  NameOnAccount: 'John Smith',
};
const SAVED_VISA = {
  PaymentMethodId: VISA_ID,
  PaymentType: 'CreditCard',
  CardType: 'Visa',
  LastFour: '1111',
  ExpirationMonth: 12,
  ExpirationYear: 2030,
  Nickname: null,
  IsDefault: true,
};

let sbx: RunningSandbox;
const { op, errorOf, view, store, payBody } = sandboxCalls(() => sbx.url);
const wallet = async (login = JOHN) => (await op('RetrieveUserAccounts', { LoginGuid: login })).body.PaymentMethods as any[];
const payJohn = (over: Record<string, unknown> = {}) => op('InvoicePayWithSavedMethod', payBody(over));
const registerMaria = async (): Promise<string> =>
  (
    await op('RegisterAccounts', {
      Username: 'maria.garcia@example.com',
      EmailAddress: 'maria.garcia@example.com',
      LoginTypeID: 1,
      AccountNumbers: ['100200303'],
    })
  ).body.LoginGuid;
const link305 = () => op('LinkAccounts', { LoginGuid: JOHN, AccountNumber: '100200305', CustomerName: 'John Smith' });

before(async () => {
  sbx = await startSandbox({ port: 0 });
});
after(() => sbx.close());
beforeEach(async () => {
  assert.equal((await fetch(`${sbx.url}/__sandbox/reset`, { method: 'POST' })).status, 200);
});

describe('RetrieveUserAccounts and RetrieveInvoices', () => {
  it("gives John's accounts with their AutoPay method and link, and his saved Visa as default", async () => {
    const summary = { CustomerName: 'John Smith', PayByText: false };
    assert.deepEqual((await op('RetrieveUserAccounts', { LoginGuid: JOHN })).body, {
      Accounts: [
        {
          AccountNumber: '100200301',
          ...summary,
          BalanceDue: 142.75,
          Paperless: true,
          AutoPay: false,
          AutoPayMethodId: null,
          LinkedTo: null,
        },
        {
          AccountNumber: '100200302',
          ...summary,
          BalanceDue: 0,
          Paperless: false,
          AutoPay: true,
          AutoPayMethodId: VISA_ID,
          LinkedTo: '100200301',
        },
      ],
      PaymentMethods: [SAVED_VISA],
    });
    assert.deepEqual(await errorOf('RetrieveUserAccounts', { LoginGuid: 'nope' }), [404, 'LoginNotFound']);
  });

  it('lists open and paid invoices, newest due date first; 404 for an unknown account', async () => {
    assert.deepEqual((await op('RetrieveInvoices', { AccountNumber: ' 100200301 ' })).body, {
      Invoices: [
        { InvoiceNumber: 'INV-2001', AmountDue: 142.75, DueDate: '2026-12-10', Status: 'Open' },
        { InvoiceNumber: 'INV-1990', AmountDue: 0, DueDate: '2026-11-15', Status: 'Paid' },
      ],
    });
    assert.deepEqual((await op('RetrieveInvoices', { AccountNumber: '100200302' })).body, { Invoices: [] });
    for (const n of ['100200304', '999999999'])
      assert.deepEqual(await errorOf('RetrieveInvoices', { AccountNumber: n }), [404, 'AccountNotFound']);
  });
});

describe('InvoicePayWithSavedMethod', () => {
  it('pays INV-2001 with the saved Visa: balance 0, invoice paid, payment recorded', async () => {
    const { status, body } = await payJohn({ ReferenceId: 'saved-1' });
    assert.equal(status, 200);
    assert.deepEqual(
      { ...body, PaymentId: 0, ConfirmationNumber: 0, PaymentDate: 0 },
      {
        PaymentId: 0,
        ConfirmationNumber: 0,
        PaymentDate: 0,
        ReferenceId: 'saved-1',
        AccountNumber: '100200301',
        InvoiceNumber: 'INV-2001',
        Amount: 142.75,
        Status: 'Approved',
        DeclineCode: null,
        PaymentType: 'CreditCard',
        CardType: 'Visa',
        LastFour: '1111',
      },
    );
    assert.equal((await view('100200301')).balanceCents, 0);
    assert.equal((await op('RetrieveInvoices', { AccountNumber: '100200301' })).body.Invoices[0].Status, 'Paid');
    const history = (await op('RetrievePayments', { AccountNumber: '100200301', ReferenceId: 'saved-1' })).body.Payments;
    assert.deepEqual(
      history.map((p: any) => p.PaymentId),
      [body.PaymentId],
    );
    assert.deepEqual(await errorOf('InvoicePayWithSavedMethod', payBody()), [409, 'InvoiceNotPayable']);
  });

  it('answers each refusal with its code and changes nothing', async () => {
    const maria = await registerMaria();
    const mariaCard = (await store(MASTERCARD, {}, maria)).body.PaymentMethodId;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ InvoiceNumber: 'INV-1001' }, 404, 'InvoiceNotFound'],
      [{ InvoiceNumber: 'INV-1990' }, 409, 'InvoiceNotPayable'],
      [{ Amount: 1.005 }, 400, 'InvalidRequest'],
      [{ PaymentMethodId: 'PM-NOPE' }, 404, 'PaymentMethodNotFound'],
      [{ PaymentMethodId: mariaCard }, 404, 'PaymentMethodNotFound'],
      [{ AccountNumber: '100200303', InvoiceNumber: 'INV-3001' }, 404, 'AccountNotFound'],
      [{ AccountNumber: '100200305', InvoiceNumber: 'INV-5001' }, 404, 'AccountNotFound'],
      [{ LoginGuid: 'nope' }, 404, 'LoginNotFound'],
    ];
    for (const [over, status, code] of cases)
      assert.deepEqual(await errorOf('InvoicePayWithSavedMethod', payBody(over)), [status, code], JSON.stringify(over));
    assert.deepEqual(
      await errorOf(
        'InvoicePayWithSavedMethod',
        payBody({ PaymentMethodId: VISA_ID, LoginGuid: maria, AccountNumber: '100200303', InvoiceNumber: 'INV-3001' }),
      ),
      [404, 'PaymentMethodNotFound'],
    );
    for (const [n, cents] of [
      ['100200301', 14275],
      ['100200303', 5600],
      ['100200305', 2310],
    ] as const)
      assert.equal((await view(n)).balanceCents, cents);
  });
});

describe('StorePaymentMethod, UpdatePaymentMethod, RemovePaymentMethod', () => {
  it('stores a card and a bank account as brand + last four; MakeDefault moves the default', async () => {
    const mc = await store(MASTERCARD, { Nickname: '  Work card ', MakeDefault: true });
    assert.deepEqual(
      { ...mc.body, PaymentMethodId: 0 },
      {
        PaymentMethodId: 0,
        PaymentType: 'CreditCard',
        CardType: 'MasterCard',
        LastFour: '4444',
        ExpirationMonth: 12,
        ExpirationYear: 2030,
        Nickname: 'Work card',
        IsDefault: true,
      },
    );
    const ach = await store(ACH);
    assert.deepEqual(
      { ...ach.body, PaymentMethodId: 0 },
      {
        PaymentMethodId: 0,
        PaymentType: 'ACH',
        CardType: 'Checking',
        LastFour: '6789',
        ExpirationMonth: null,
        ExpirationYear: null,
        Nickname: null,
        IsDefault: false,
      },
    );
    assert.deepEqual(
      (await wallet()).map((m) => [m.PaymentMethodId, m.IsDefault]),
      [
        [VISA_ID, false],
        [mc.body.PaymentMethodId, true],
        [ach.body.PaymentMethodId, false],
      ],
    );
    assert.deepEqual(
      (await view('100200302')).paymentMethods.map((m: any) => [m.kind, m.brand, m.last4, m.expMonth, m.expYear, m.isDefault]),
      [
        ['card', 'visa', '1111', 12, 2030, false],
        ['card', 'mastercard', '4444', 12, 2030, true],
        ['ach', 'checking', '6789', null, null, false],
      ],
    );
  });

  it("makes a login's first method its default even without MakeDefault", async () => {
    const maria = await registerMaria();
    assert.equal((await store(ACH, { MakeDefault: false }, maria)).body.IsDefault, true);
    assert.equal((await store(MASTERCARD, {}, maria)).body.IsDefault, false);
  });

  it('refuses invalid methods with 400 and the declining test cards and bank with 402, storing nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...VISA, CardNumber: '4000000000000002' }, 402, 'card_declined'],
      [{ ...VISA, CardNumber: '4000000000009995' }, 402, 'insufficient_funds'],
      [{ ...ACH, RoutingNumber: '021000021', BankAccountNumber: '000000000' }, 402, 'account_closed'],
      [{ ...VISA, CardNumber: '4111111111111112' }, 400, 'InvalidCardNumber'],
      [{ ...VISA, CardNumber: '378282246310005', SecurityCode: '123' }, 400, 'InvalidSecurityCode'],
      [{ ...VISA, ExpirationYear: 2020 }, 400, 'CardExpired'],
      [{ ...ACH, RoutingNumber: '011000016' }, 400, 'InvalidRoutingNumber'],
      [{ ...VISA, CardNumber: '4111' }, 400, 'InvalidRequest'],
    ];
    for (const [method, status, code] of cases) {
      const res = await store(method);
      assert.deepEqual([res.status, res.body.ErrorCode], [status, code], JSON.stringify(method));
      assert.doesNotMatch(res.body.Message, /\d{4}/);
    }
    assert.deepEqual(await wallet(), [SAVED_VISA]);
    assert.deepEqual(await errorOf('StorePaymentMethod', { LoginGuid: 'nope', PaymentMethod: VISA }), [404, 'LoginNotFound']);
  });

  it("updates a card's expiry, the nickname (null clears) and the default", async () => {
    const mc = (await store(MASTERCARD)).body.PaymentMethodId;
    const update = (body: Record<string, unknown>) => op('UpdatePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: VISA_ID, ...body });
    assert.deepEqual((await update({ ExpirationMonth: 6, ExpirationYear: 2031, Nickname: 'Home' })).body, {
      ...SAVED_VISA,
      ExpirationMonth: 6,
      ExpirationYear: 2031,
      Nickname: 'Home',
    });
    assert.equal((await update({ ExpirationMonth: 3 })).body.ExpirationYear, 2031);
    assert.equal((await update({ Nickname: null })).body.Nickname, null);
    assert.equal((await update({ PaymentMethodId: mc, MakeDefault: true })).body.IsDefault, true);
    assert.deepEqual(
      (await wallet()).map((m) => [m.PaymentMethodId, m.IsDefault, m.ExpirationMonth]),
      [
        [VISA_ID, false, 3],
        [mc, true, 12],
      ],
    );
  });

  it("refuses expiry on a bank account, a past expiry and a method that is not the login's", async () => {
    const ach = (await store(ACH)).body.PaymentMethodId;
    const maria = await registerMaria();
    const update = (body: Record<string, unknown>) =>
      errorOf('UpdatePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: VISA_ID, ...body });
    assert.deepEqual(await update({ PaymentMethodId: ach, ExpirationMonth: 1, ExpirationYear: 2031 }), [400, 'InvalidRequest']);
    assert.deepEqual(await update({ ExpirationMonth: 1, ExpirationYear: 2021, Nickname: 'x' }), [400, 'CardExpired']);
    assert.deepEqual(await update({ LoginGuid: maria, Nickname: 'mine' }), [404, 'PaymentMethodNotFound']);
    assert.deepEqual(await update({ PaymentMethodId: 'PM-NOPE' }), [404, 'PaymentMethodNotFound']);
    assert.deepEqual((await wallet())[0], SAVED_VISA);
  });

  it('refuses to remove the method AutoPay uses, allows it once AutoPay moves; the newest left becomes default', async () => {
    const remove = (PaymentMethodId: string) => op('RemovePaymentMethod', { LoginGuid: JOHN, PaymentMethodId });
    const mc = (await store(MASTERCARD)).body.PaymentMethodId;
    const ach = (await store(ACH)).body.PaymentMethodId;
    assert.deepEqual([(await remove(VISA_ID)).status, (await remove(VISA_ID)).body.ErrorCode], [409, 'MethodInUseByAutoPay']);
    assert.equal((await wallet()).length, 3);
    assert.deepEqual((await view('100200302')).autopay, { enabled: true, paymentMethodId: VISA_ID });
    await op('UpdateAutoPay', { LoginGuid: JOHN, AccountNumber: '100200302', Enabled: true, PaymentMethodId: mc });
    assert.deepEqual(await remove(VISA_ID), { status: 200, body: { Removed: true } });
    assert.deepEqual(
      (await wallet()).map((m) => [m.PaymentMethodId, m.IsDefault]),
      [
        [mc, false],
        [ach, true],
      ],
    );
    assert.deepEqual(await errorOf('RemovePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: VISA_ID }), [404, 'PaymentMethodNotFound']);
  });
});

describe('UpdateAutoPay and UpdatePaperless', () => {
  it('enables AutoPay with the default or a named method, and disabling clears the method', async () => {
    const autopay = (body: Record<string, unknown>) => op('UpdateAutoPay', { LoginGuid: JOHN, AccountNumber: '100200301', ...body });
    assert.deepEqual((await autopay({ Enabled: true })).body, { AccountNumber: '100200301', AutoPay: true, PaymentMethodId: VISA_ID });
    const ach = (await store(ACH)).body.PaymentMethodId;
    assert.deepEqual((await autopay({ Enabled: true, PaymentMethodId: ach })).body.PaymentMethodId, ach);
    assert.deepEqual((await view('100200301')).autopay, { enabled: true, paymentMethodId: ach });
    assert.deepEqual((await autopay({ Enabled: false, PaymentMethodId: ach })).body, {
      AccountNumber: '100200301',
      AutoPay: false,
      PaymentMethodId: null,
    });
    assert.deepEqual((await view('100200301')).autopay, { enabled: false, paymentMethodId: null });
    assert.deepEqual(
      await errorOf('UpdateAutoPay', { LoginGuid: JOHN, AccountNumber: '100200301', Enabled: true, PaymentMethodId: 'PM-NOPE' }),
      [404, 'PaymentMethodNotFound'],
    );
  });

  it('answers 409 NoPaymentMethod to a login without saved methods', async () => {
    const maria = await registerMaria();
    assert.deepEqual(await errorOf('UpdateAutoPay', { LoginGuid: maria, AccountNumber: '100200303', Enabled: true }), [
      409,
      'NoPaymentMethod',
    ]);
    assert.equal((await view('100200303')).autopay.enabled, false);
  });

  it('turns paperless on and off per account', async () => {
    const paperless = (AccountNumber: string, Enabled: boolean) => op('UpdatePaperless', { LoginGuid: JOHN, AccountNumber, Enabled });
    assert.deepEqual((await paperless('100200301', false)).body, { AccountNumber: '100200301', Paperless: false });
    assert.deepEqual((await paperless('100200302', true)).body, { AccountNumber: '100200302', Paperless: true });
    assert.deepEqual([(await view('100200301')).paperless, (await view('100200302')).paperless], [false, true]);
  });
});

describe('unknown logins, malformed requests, expired saved cards', () => {
  it('answers 404 LoginNotFound for an unknown login and 400 InvalidRequest for a malformed body', async () => {
    const nope = { LoginGuid: 'nope', AccountNumber: '100200301', PaymentMethodId: VISA_ID, Enabled: true };
    for (const name of ['UpdatePaymentMethod', 'RemovePaymentMethod', 'UpdateAutoPay', 'UpdatePaperless', 'UnregisterAccounts'] as const) {
      assert.deepEqual(await errorOf(name, nope), [404, 'LoginNotFound'], name);
    }
    assert.deepEqual(await errorOf('UpdatePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: VISA_ID, ExpirationMonth: 13 }), [
      400,
      'InvalidRequest',
    ]);
    assert.deepEqual(await errorOf('UpdatePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: VISA_ID, MakeDefault: false }), [
      400,
      'InvalidRequest',
    ]);
    assert.deepEqual(await errorOf('StorePaymentMethod', { LoginGuid: JOHN, PaymentMethod: VISA, Nickname: 'x'.repeat(41) }), [
      400,
      'InvalidRequest',
    ]);
    assert.deepEqual(await errorOf('InvoicePayWithSavedMethod', { LoginGuid: JOHN, AccountNumber: '100200301' }), [400, 'InvalidRequest']);
  });

  it('refuses a payment with a saved card past its expiry, changing nothing', async () => {
    const later = await startSandbox({ port: 0, now: () => new Date('2031-02-01T12:00:00.000Z') });
    try {
      const res = await callOperation(later.url, 'InvoicePayWithSavedMethod', payBody());
      assert.deepEqual([res.status, res.body.ErrorCode], [400, 'CardExpired']);
      assert.equal((await (await fetch(`${later.url}/__sandbox/accounts/100200301`)).json()).balanceCents, 14275);
    } finally {
      await later.close();
    }
  });
});

describe('call log and card data', () => {
  it('logs every self-service call with the account it concerned', async () => {
    await fetch(`${sbx.url}/__sandbox/calls`, { method: 'DELETE' });
    const pm = (await store(ACH)).body.PaymentMethodId;
    await op('UpdatePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: pm, Nickname: 'x' });
    await op('UpdateAutoPay', { LoginGuid: JOHN, AccountNumber: '100200301', Enabled: false });
    await op('UpdatePaperless', { LoginGuid: JOHN, AccountNumber: '100200302', Enabled: true });
    await op('RetrieveInvoices', { AccountNumber: '100200301' });
    await payJohn({ Amount: 1 });
    await op('RemovePaymentMethod', { LoginGuid: JOHN, PaymentMethodId: pm });
    await link305();
    await op('UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200305' });
    await store(VISA, {}, 'nope');
    const log = (await (await fetch(`${sbx.url}/__sandbox/calls`)).json()) as { operation: string; accountNumber?: string }[];
    assert.deepEqual(
      log.map((c) => [c.operation, c.accountNumber]),
      [
        ['StorePaymentMethod', '100200301'],
        ['UpdatePaymentMethod', '100200301'],
        ['UpdateAutoPay', '100200301'],
        ['UpdatePaperless', '100200302'],
        ['RetrieveInvoices', '100200301'],
        ['InvoicePayWithSavedMethod', '100200301'],
        ['RemovePaymentMethod', '100200301'],
        ['LinkAccounts', '100200305'],
        ['UnregisterAccounts', '100200305'],
        ['StorePaymentMethod', undefined],
      ],
    );
    assert.doesNotMatch(JSON.stringify(log), /123456789|4111111111111111/);
  });

  it('never writes a stored card or bank number, or a security code, to the SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sandbox-wallet-'));
    // A fixed clock keeps timestamps free of digit runs; the random ids never contain 0 or 1.
    const disk = await startSandbox({ port: 0, dbPath: join(dir, 'sandbox.db'), now: () => new Date('2026-11-25T12:00:00.000Z') });
    try {
      assert.equal(
        (await callOperation(disk.url, 'StorePaymentMethod', { LoginGuid: JOHN, PaymentMethod: { ...VISA, SecurityCode: '101' } })).status,
        200,
      );
      assert.equal(
        (
          await callOperation(disk.url, 'StorePaymentMethod', {
            LoginGuid: JOHN,
            PaymentMethod: { ...VISA, CardNumber: '378282246310005', SecurityCode: '1010' },
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await callOperation(disk.url, 'StorePaymentMethod', {
            LoginGuid: JOHN,
            PaymentMethod: { ...ACH, BankAccountNumber: '987654321' },
            Nickname: 'Checking',
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await callOperation(disk.url, 'StorePaymentMethod', {
            LoginGuid: JOHN,
            PaymentMethod: { ...VISA, CardNumber: '4000000000000002' },
          })
        ).status,
        402,
      );
      await disk.close();
      const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))).toString('latin1');
      assert.ok(bytes.includes('Checking'), 'the methods were written');
      for (const secret of ['4111111111111111', '378282246310005', '987654321', '4000000000000002', '011000015', '101', '1010']) {
        assert.ok(!bytes.includes(secret), `found ${secret} in the database file`);
      }
    } finally {
      await disk.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
