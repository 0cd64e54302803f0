/**
 * The sandbox's Manage Accounts operations over a real socket: Link Accounts,
 * Unregister Accounts (no unlink: the primary takes its linked accounts
 * along), and that no login can act on another login's accounts. The wallet,
 * payment, AutoPay and paperless operations are in sandbox-self-service.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { OperationName } from '../../src/invoicecloud/operations.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { JOHN, sandboxCalls, VISA_ID } from './sandbox-operations.ts';

// Pat Rivera's 100200306 is shared: both logins see it, and each acts on it alike.
const PAT = 'd0000000-0000-4000-8000-000000000306';
const SAM = 'd0000000-0000-4000-8000-000000010306';
const ACH = {
  PaymentType: 'ACH',
  RoutingNumber: '011000015',
  BankAccountNumber: '123456789',
  BankAccountType: 'Checking',
  NameOnAccount: 'John Smith',
};

let sbx: RunningSandbox;
const { op, errorOf, view, store, payBody } = sandboxCalls(() => sbx.url);
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

describe('LinkAccounts and UnregisterAccounts', () => {
  const numbers = (accounts: { AccountNumber: string }[]) => accounts.map((a) => a.AccountNumber);

  it("links John's cabin 100200305 under his primary account", async () => {
    const { status, body } = await op('LinkAccounts', { LoginGuid: JOHN, AccountNumber: ' 100200305 ', CustomerName: '  sMiTh ' });
    assert.equal(status, 200);
    assert.deepEqual(numbers(body.Accounts), ['100200301', '100200302', '100200305']);
    assert.deepEqual(body.Accounts[2], {
      AccountNumber: '100200305',
      CustomerName: 'John Smith',
      BalanceDue: 23.1,
      Paperless: false,
      PayByText: false,
      AutoPay: false,
    });
    const cabin = await view('100200305');
    assert.deepEqual(
      [cabin.registered, cabin.loginId, cabin.linkedAccounts, cabin.paymentMethods.length],
      [true, JOHN, ['100200301', '100200302'], 1],
    );
    assert.deepEqual((await view('100200301')).linkedAccounts, ['100200302', '100200305']);
    const synced = (await op('RetrieveUserAccounts', { LoginGuid: JOHN })).body.Accounts;
    assert.deepEqual(
      synced.map((a: any) => [a.AccountNumber, a.LinkedTo]),
      [
        ['100200301', null],
        ['100200302', '100200301'],
        ['100200305', '100200301'],
      ],
    );
  });

  it('answers a wrong name and an unknown account alike, then 409 for registered accounts', async () => {
    const link = (AccountNumber: string, CustomerName: string) => op('LinkAccounts', { LoginGuid: JOHN, AccountNumber, CustomerName });
    const wrongName = await link('100200305', 'Doe');
    assert.deepEqual(wrongName, await link('999999999', 'Smith'));
    assert.deepEqual([wrongName.status, wrongName.body.ErrorCode], [404, 'AccountNotFound']);
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: JOHN, AccountNumber: '100200302', CustomerName: 'Smith' }), [
      409,
      'AlreadyLinked',
    ]);
    await registerMaria();
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: JOHN, AccountNumber: '100200303', CustomerName: 'Maria Garcia' }), [
      409,
      'AlreadyRegistered',
    ]);
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: JOHN, AccountNumber: '100200303', CustomerName: 'Smith' }), [
      404,
      'AccountNotFound',
    ]);
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: 'nope', AccountNumber: '100200305', CustomerName: 'Smith' }), [
      404,
      'LoginNotFound',
    ]);
    assert.equal((await view('100200305')).registered, false);
  });

  it('unregisters a linked account alone', async () => {
    await link305();
    assert.deepEqual((await op('UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200305' })).body, {
      Unregistered: ['100200305'],
    });
    assert.deepEqual(numbers((await op('RetrieveUserAccounts', { LoginGuid: JOHN })).body.Accounts), ['100200301', '100200302']);
    const cabin = await view('100200305');
    assert.deepEqual([cabin.registered, cabin.loginId, cabin.linkedAccounts, cabin.balanceCents], [false, null, [], 2310]);
    assert.deepEqual((await op('UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200302' })).body, {
      Unregistered: ['100200302'],
    });
    assert.deepEqual((await view('100200302')).autopay, { enabled: false, paymentMethodId: null });
    assert.equal((await view('100200301')).registered, true);
  });

  it('unregistering the primary account takes every linked account with it, keeping their bills', async () => {
    await link305();
    const token = (await op('RemoteAuthentication', { Username: 'john.smith@example.com', AccountNumber: '100200302' })).body
      .RemoteAuthenticationToken;
    assert.deepEqual((await op('UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200301' })).body, {
      Unregistered: ['100200301', '100200302', '100200305'],
    });
    for (const n of ['100200301', '100200302', '100200305']) {
      const v = await view(n);
      assert.deepEqual([v.registered, v.loginId, v.linkedAccounts, v.autopay.enabled, v.paymentMethods], [false, null, [], false, []], n);
    }
    assert.equal((await view('100200301')).paperless, true);
    assert.equal((await op('RetrieveInvoices', { AccountNumber: '100200301' })).body.Invoices.length, 2);
    assert.deepEqual((await op('RetrieveUserAccounts', { LoginGuid: JOHN })).body.Accounts, []);
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200302' })).body, { CustomerExists: true, Users: [] });
    // A Remote Authentication Token issued before no longer opens the account's pages.
    assert.deepEqual(
      await errorOf('CloudSsoConnect', { RemoteAuthenticationToken: token, RedirectId: 1, ParentOrigin: 'http://localhost:5173' }),
      [401, 'InvalidToken'],
    );
    assert.deepEqual(await errorOf('UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200301' }), [404, 'AccountNotFound']);
    // Registering again: the first account named becomes the primary, the next is linked under it.
    await op('RegisterAccounts', {
      Username: 'john.smith@example.com',
      EmailAddress: 'john.smith@example.com',
      LoginTypeID: 1,
      AccountNumbers: ['100200302', '100200301'],
    });
    const again = (await op('RetrieveUserAccounts', { LoginGuid: JOHN })).body;
    assert.deepEqual(
      again.Accounts.map((a: any) => [a.AccountNumber, a.LinkedTo, a.AutoPay]),
      [
        ['100200301', '100200302', false],
        ['100200302', null, false],
      ],
    );
    assert.equal(again.PaymentMethods.length, 1, 'the wallet belongs to the login and outlives its accounts');
  });
});

describe('an account two logins share (100200306)', () => {
  const accountsOf = async (LoginGuid: string) =>
    (await op('RetrieveUserAccounts', { LoginGuid })).body.Accounts.map((a: any) => [a.AccountNumber, a.AutoPay]);

  it('lets either login pay and change it, and each sees what the other did', async () => {
    assert.equal((await op('UpdatePaperless', { LoginGuid: SAM, AccountNumber: '100200306', Enabled: true })).status, 200);
    assert.equal((await op('RetrieveUserAccounts', { LoginGuid: PAT })).body.Accounts[0].Paperless, true);
    const sams = (await store(ACH, {}, SAM)).body.PaymentMethodId;
    const paid = await op(
      'InvoicePayWithSavedMethod',
      payBody({ LoginGuid: SAM, AccountNumber: '100200306', InvoiceNumber: 'INV-6001', Amount: 61.4, PaymentMethodId: sams }),
    );
    assert.equal(paid.body.Status, 'Approved');
    assert.equal((await view('100200306')).balanceCents, 0);
    assert.deepEqual(
      await errorOf(
        'InvoicePayWithSavedMethod',
        payBody({ LoginGuid: PAT, AccountNumber: '100200306', InvoiceNumber: 'INV-6001', Amount: 1, PaymentMethodId: sams }),
      ),
      [404, 'PaymentMethodNotFound'],
    );
  });

  it('refuses to link it to John, and tells Sam he already sees it', async () => {
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: JOHN, AccountNumber: '100200306', CustomerName: 'Rivera' }), [
      409,
      'AlreadyRegistered',
    ]);
    assert.deepEqual(await errorOf('LinkAccounts', { LoginGuid: SAM, AccountNumber: '100200306', CustomerName: 'Rivera' }), [
      409,
      'AlreadyLinked',
    ]);
    assert.deepEqual(await errorOf('UpdatePaperless', { LoginGuid: JOHN, AccountNumber: '100200306', Enabled: true }), [
      404,
      'AccountNotFound',
    ]);
  });

  it("unregisters it from one login only: the other keeps it, and its AutoPay when it drew on the other's wallet", async () => {
    await store(ACH, {}, PAT);
    assert.equal((await op('UpdateAutoPay', { LoginGuid: PAT, AccountNumber: '100200306', Enabled: true })).status, 200);
    assert.deepEqual((await op('UnregisterAccounts', { LoginGuid: SAM, AccountNumber: '100200306' })).body, {
      Unregistered: ['100200306'],
    });
    assert.deepEqual([await accountsOf(SAM), await accountsOf(PAT)], [[], [['100200306', true]]]);
    const v = await view('100200306');
    assert.deepEqual([v.registered, v.loginId, v.autopay.enabled], [true, PAT, true]);
    assert.deepEqual(await errorOf('RemoteAuthentication', { Username: 'sam.rivera@example.com', AccountNumber: '100200306' }), [
      404,
      'UserNotFound',
    ]);

    await op('UnregisterAccounts', { LoginGuid: PAT, AccountNumber: '100200306' });
    const none = await view('100200306');
    assert.deepEqual(
      [none.registered, none.loginId, none.autopay.enabled],
      [false, null, false],
      "Pat's AutoPay went with her registration",
    );
  });
});

describe("another login's accounts", () => {
  it('are 404 AccountNotFound to every operation, and stay untouched', async () => {
    const maria = await registerMaria();
    await store(ACH, {}, maria);
    const tries: [OperationName, Record<string, unknown>][] = [
      ['UpdatePaperless', { LoginGuid: JOHN, AccountNumber: '100200303', Enabled: true }],
      ['UpdateAutoPay', { LoginGuid: JOHN, AccountNumber: '100200303', Enabled: true }],
      ['UnregisterAccounts', { LoginGuid: JOHN, AccountNumber: '100200303' }],
      ['InvoicePayWithSavedMethod', payBody({ AccountNumber: '100200303', InvoiceNumber: 'INV-3001', Amount: 56 })],
      ['UpdatePaperless', { LoginGuid: maria, AccountNumber: '100200301', Enabled: false }],
      ['UpdateAutoPay', { LoginGuid: maria, AccountNumber: '100200302', Enabled: false }],
      ['UnregisterAccounts', { LoginGuid: maria, AccountNumber: '100200301' }],
      ['UpdatePaperless', { LoginGuid: JOHN, AccountNumber: '100200305', Enabled: true }],
    ];
    for (const [name, body] of tries)
      assert.deepEqual(await errorOf(name, body), [404, 'AccountNotFound'], `${name} ${JSON.stringify(body)}`);
    const m = await view('100200303');
    assert.deepEqual([m.loginId, m.paperless, m.autopay.enabled, m.balanceCents], [maria, false, false, 5600]);
    const j = await view('100200302');
    assert.deepEqual(
      [j.loginId, j.autopay, (await view('100200301')).paperless],
      [JOHN, { enabled: true, paymentMethodId: VISA_ID }, true],
    );
  });
});
