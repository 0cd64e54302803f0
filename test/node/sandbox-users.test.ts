/**
 * The sandbox's Remote Authentication and customer operations over a real
 * socket (seed: User Access, User Registration, Update Email and Password):
 * happy paths, every error code, the inspection views and the call log.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createInvoiceCloudClient } from '../../src/invoicecloud/client.ts';
import { operations, type OperationName } from '../../src/invoicecloud/operations.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { JOHN, SANDBOX_AUTH } from './sandbox-operations.ts';

const JOHN_EMAIL = 'john.smith@example.com';
// Pat Rivera's 100200306 is shared: Pat's and Sam's logins both see it.
const PAT = {
  LoginGuid: 'd0000000-0000-4000-8000-000000000306',
  Username: 'pat.rivera@example.com',
  EmailAddress: 'pat.rivera@example.com',
};
const SAM = {
  LoginGuid: 'd0000000-0000-4000-8000-000000010306',
  Username: 'sam.rivera@example.com',
  EmailAddress: 'sam.rivera@example.com',
};
const PATHS = {
  RetrieveUsers: 'remoteauth/RetrieveUsers',
  RemoteAuthentication: 'remoteauth/RemoteAuthentication',
  RetrieveCustomerGuid: 'customer/RetrieveCustomerGuid',
  RetrieveLoginGuid: 'remoteauth/RetrieveLoginGuid',
  RetrieveUserAccounts: 'remoteauth/RetrieveUserAccounts',
  CreateCustomerRecord: 'customers/CreateCustomerRecord',
  RegisterAccounts: 'remoteauth/RegisterAccounts',
  UpdatePassword: 'remoteauth/UpdatePassword',
  UpdateEmail: 'remoteauth/UpdateEmail',
  CloudSsoConnect: 'cloudsso/CloudSSOConnect',
} as const;

let sbx: RunningSandbox;

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(sbx.url + path, {
    ...init,
    headers: { authorization: SANDBOX_AUTH, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: await res.json() };
}

/** POSTs an operation; a 200 answer must satisfy the operation's response schema. */
async function op(name: keyof typeof PATHS, body: unknown): Promise<{ status: number; body: any }> {
  const res = await get(`/api/v1/${PATHS[name]}`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status === 200) assert.ok(operations[name as OperationName].response.safeParse(res.body).success, `${name} answer shape`);
  return res;
}

const errorCode = async (name: keyof typeof PATHS, body: unknown) => {
  const res = await op(name, body);
  return [res.status, res.body.ErrorCode];
};
const view = async (n: string) => (await get(`/__sandbox/accounts/${n}`)).body;
const login = async (username: string) => get(`/__sandbox/logins/${encodeURIComponent(username)}`);
const register = (Username: string, AccountNumbers: string[], LoginTypeID: unknown = 1) =>
  op('RegisterAccounts', { Username, EmailAddress: Username, LoginTypeID, AccountNumbers });
const createAlex = () =>
  op('CreateCustomerRecord', { AccountNumber: '100200304', FirstName: 'Alex', LastName: 'Lee', EmailAddress: 'alex.lee@example.com' });

const summary = (
  AccountNumber: string,
  CustomerName: string,
  BalanceDue: number,
  o: Partial<Record<'Paperless' | 'PayByText' | 'AutoPay', boolean>> = {},
) => ({
  AccountNumber,
  CustomerName,
  BalanceDue,
  Paperless: false,
  PayByText: false,
  AutoPay: false,
  ...o,
});
const JOHN_301 = summary('100200301', 'John Smith', 142.75, { Paperless: true });
const JOHN_302 = summary('100200302', 'John Smith', 0, { AutoPay: true });

before(async () => {
  sbx = await startSandbox();
});
after(() => sbx.close());
beforeEach(async () => {
  assert.equal((await fetch(`${sbx.url}/__sandbox/reset`, { method: 'POST' })).status, 200);
});

describe('RetrieveUsers and RetrieveLoginGuid', () => {
  it("names John's login for 100200301 and 100200302, no one for the unregistered accounts", async () => {
    const john = { CustomerExists: true, Users: [{ LoginGuid: JOHN, Username: JOHN_EMAIL, EmailAddress: JOHN_EMAIL }] };
    for (const n of ['100200301', ' 100200302 '])
      assert.deepEqual(await op('RetrieveUsers', { AccountNumber: n }), { status: 200, body: john });
    for (const n of ['100200300', '100200303', '100200305']) {
      assert.deepEqual(await op('RetrieveUsers', { AccountNumber: n }), { status: 200, body: { CustomerExists: true, Users: [] } });
    }
  });

  it('names both logins of the shared 100200306, in the order they registered it', async () => {
    assert.deepEqual(await op('RetrieveUsers', { AccountNumber: '100200306' }), {
      status: 200,
      body: { CustomerExists: true, Users: [PAT, SAM] },
    });
  });

  it('answers CustomerExists false for 100200304 and unknown accounts', async () => {
    for (const n of ['100200304', '999999999']) {
      assert.deepEqual(await op('RetrieveUsers', { AccountNumber: n }), { status: 200, body: { CustomerExists: false, Users: [] } });
    }
  });

  it('finds a LoginGuid by username regardless of case and spaces, else 404 UserNotFound', async () => {
    assert.deepEqual(await op('RetrieveLoginGuid', { Username: ' John.Smith@Example.com ' }), { status: 200, body: { LoginGuid: JOHN } });
    assert.deepEqual(await errorCode('RetrieveLoginGuid', { Username: 'maria.garcia@example.com' }), [404, 'UserNotFound']);
  });
});

describe('RemoteAuthentication', () => {
  it('issues a fresh random token of at least 32 characters for 30 minutes', async () => {
    const a = await op('RemoteAuthentication', { Username: JOHN_EMAIL, AccountNumber: '100200301' });
    const b = await op('RemoteAuthentication', { Username: JOHN_EMAIL, AccountNumber: '100200302' });
    assert.equal(a.status, 200);
    assert.equal(a.body.ExpiresInSeconds, 1800);
    assert.ok(a.body.RemoteAuthenticationToken.length >= 32);
    assert.notEqual(a.body.RemoteAuthenticationToken, b.body.RemoteAuthenticationToken);
  });

  it('authenticates either login of the shared 100200306, and neither on an account only the other sees', async () => {
    for (const who of [PAT, SAM]) {
      assert.equal((await op('RemoteAuthentication', { Username: who.Username, AccountNumber: '100200306' })).status, 200, who.Username);
      assert.deepEqual(await errorCode('RemoteAuthentication', { Username: who.Username, AccountNumber: '100200301' }), [
        404,
        'UserNotFound',
      ]);
    }
    assert.deepEqual(await errorCode('RemoteAuthentication', { Username: JOHN_EMAIL, AccountNumber: '100200306' }), [404, 'UserNotFound']);
  });

  it('answers 404 UserNotFound when the login cannot see the account, or does not exist', async () => {
    for (const body of [
      { Username: JOHN_EMAIL, AccountNumber: '100200305' },
      { Username: JOHN_EMAIL, AccountNumber: '100200304' },
      { Username: 'maria.garcia@example.com', AccountNumber: '100200303' },
      { Username: 'nobody@example.com', AccountNumber: '100200301' },
    ]) {
      assert.deepEqual(await errorCode('RemoteAuthentication', body), [404, 'UserNotFound'], JSON.stringify(body));
    }
  });
});

describe('RetrieveCustomerGuid, RetrieveUserAccounts, RetrieveCustomerDetails', () => {
  it('gives the CustomerGuid only when account, email and username belong together', async () => {
    const body = { AccountNumber: '100200301', EmailAddress: JOHN_EMAIL, Username: JOHN_EMAIL };
    assert.deepEqual(await op('RetrieveCustomerGuid', body), {
      status: 200,
      body: { CustomerGuid: 'c0000000-0000-4000-8000-000000000301' },
    });
    assert.equal(
      (await op('RetrieveCustomerGuid', { ...body, AccountNumber: '100200302' })).body.CustomerGuid,
      'c0000000-0000-4000-8000-000000000302',
    );
    for (const wrong of [
      { EmailAddress: 'jane.doe@example.com' },
      { AccountNumber: '100200305' },
      { Username: 'jane.doe@example.com' },
      { AccountNumber: '100200304' },
    ]) {
      assert.deepEqual(await errorCode('RetrieveCustomerGuid', { ...body, ...wrong }), [404, 'CustomerNotFound'], JSON.stringify(wrong));
    }
  });

  it("gives Sam the shared account's CustomerGuid by his own email, as it gives Pat by hers", async () => {
    const guid = { status: 200, body: { CustomerGuid: 'c0000000-0000-4000-8000-000000000306' } };
    for (const who of [PAT, SAM])
      assert.deepEqual(
        await op('RetrieveCustomerGuid', { AccountNumber: '100200306', EmailAddress: who.EmailAddress, Username: who.Username }),
        guid,
      );
    assert.deepEqual(
      await errorCode('RetrieveCustomerGuid', { AccountNumber: '100200306', EmailAddress: JOHN_EMAIL, Username: JOHN_EMAIL }),
      [404, 'CustomerNotFound'],
    );
  });

  it('lists the shared account under each of its logins, and only it', async () => {
    for (const who of [PAT, SAM]) {
      const { body } = await op('RetrieveUserAccounts', { LoginGuid: who.LoginGuid });
      assert.deepEqual(body, {
        Accounts: [{ ...summary('100200306', 'Pat Rivera', 61.4), AutoPayMethodId: null, LinkedTo: null }],
        PaymentMethods: [],
      });
    }
  });

  it("lists every account under John's login, else 404 LoginNotFound", async () => {
    // The self-service fields (AutoPay method, link, wallet) are covered in sandbox-self-service.test.ts.
    const accounts = [
      { ...JOHN_301, AutoPayMethodId: null, LinkedTo: null },
      { ...JOHN_302, AutoPayMethodId: 'PM-0000000001', LinkedTo: '100200301' },
    ];
    const { status, body } = await op('RetrieveUserAccounts', { LoginGuid: JOHN });
    assert.deepEqual({ status, Accounts: body.Accounts }, { status: 200, Accounts: accounts });
    assert.deepEqual(await errorCode('RetrieveUserAccounts', { LoginGuid: 'nope' }), [404, 'LoginNotFound']);
  });

  it('answers cp/{CustomerGuid}/account from the path, through the real InvoiceCloud client too', async () => {
    const guid = 'c0000000-0000-4000-8000-000000000301';
    const expected = { ...JOHN_301, CustomerGuid: guid, EmailAddress: JOHN_EMAIL };
    assert.deepEqual(await get(`/api/v1/cp/${guid}/account`), { status: 200, body: expected });
    const client = createInvoiceCloudClient({ baseUrl: `${sbx.url}/api/v1/`, apiKey: 'sandbox-api-key' });
    assert.deepEqual(await client.call('RetrieveCustomerDetails', { CustomerGuid: guid }), expected);
    assert.deepEqual((await get('/api/v1/cp/unknown-guid/account')).body.ErrorCode, 'CustomerNotFound');
    const long = await get(`/api/v1/cp/${'x'.repeat(65)}/account`);
    assert.deepEqual([long.status, long.body.ErrorCode], [400, 'InvalidRequest']);
  });
});

describe('CreateCustomerRecord', () => {
  it('creates Alex Lee (100200304) with no invoices and every option off', async () => {
    const created = await createAlex();
    assert.equal(created.status, 200);
    assert.deepEqual(await view('100200304'), {
      accountNumber: '100200304',
      customerName: 'Alex Lee',
      email: 'alex.lee@example.com',
      registered: false,
      loginId: null,
      linkedAccounts: [],
      paperless: false,
      payByText: false,
      autopay: { enabled: false, paymentMethodId: null },
      paymentMethods: [],
      balanceCents: 0,
    });
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200304' })).body, { CustomerExists: true, Users: [] });
    const details = await get(`/api/v1/cp/${created.body.CustomerGuid}/account`);
    assert.deepEqual(details.body, {
      ...summary('100200304', 'Alex Lee', 0),
      CustomerGuid: created.body.CustomerGuid,
      EmailAddress: 'alex.lee@example.com',
    });
  });

  it('answers 409 CustomerExists for an existing account and 400 for bad fields', async () => {
    await createAlex();
    assert.deepEqual(
      await errorCode('CreateCustomerRecord', { AccountNumber: '100200304', FirstName: 'A', LastName: 'L', EmailAddress: 'a@example.com' }),
      [409, 'CustomerExists'],
    );
    assert.deepEqual(
      await errorCode('CreateCustomerRecord', { AccountNumber: '100200300', FirstName: 'A', LastName: 'L', EmailAddress: 'a@example.com' }),
      [409, 'CustomerExists'],
    );
    for (const bad of [{ EmailAddress: 'not-an-email' }, { FirstName: '  ' }, { AccountNumber: 'x y' }, { LastName: undefined }]) {
      const body = { AccountNumber: '100200399', FirstName: 'A', LastName: 'L', EmailAddress: 'a@example.com', ...bad };
      assert.deepEqual(await errorCode('CreateCustomerRecord', body), [400, 'InvalidRequest'], JSON.stringify(bad));
    }
    assert.equal((await get('/__sandbox/accounts/100200399')).status, 404);
  });
});

describe('RegisterAccounts', () => {
  it('rejects any LoginTypeID but 1 with 400 InvalidLoginType, before other field errors', async () => {
    for (const LoginTypeID of [2, 0, '1', null, undefined]) {
      assert.deepEqual(
        await errorCode('RegisterAccounts', {
          Username: 'maria.garcia@example.com',
          EmailAddress: 'maria.garcia@example.com',
          LoginTypeID,
          AccountNumbers: ['100200303'],
        }),
        [400, 'InvalidLoginType'],
        String(LoginTypeID),
      );
    }
    assert.deepEqual(await errorCode('RegisterAccounts', { LoginTypeID: 2, AccountNumbers: [] }), [400, 'InvalidLoginType']);
    assert.deepEqual(await errorCode('RegisterAccounts', { LoginTypeID: 1, AccountNumbers: ['100200303'] }), [400, 'InvalidRequest']);
    assert.equal((await view('100200303')).registered, false);
  });

  it('registers Maria (100200303) under a new login without a password', async () => {
    const res = await register('maria.garcia@example.com', ['100200303']);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.Accounts, [summary('100200303', 'Maria Garcia', 56)]);
    const maria = res.body.LoginGuid;
    assert.notEqual(maria, JOHN);
    assert.deepEqual(await login('Maria.Garcia@example.com'), {
      status: 200,
      body: {
        loginGuid: maria,
        username: 'maria.garcia@example.com',
        email: 'maria.garcia@example.com',
        hasPassword: false,
        accountNumbers: ['100200303'],
      },
    });
    const v = await view('100200303');
    assert.deepEqual([v.registered, v.loginId, v.linkedAccounts, v.paymentMethods], [true, maria, [], []]);
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200303' })).body.Users, [
      { LoginGuid: maria, Username: 'maria.garcia@example.com', EmailAddress: 'maria.garcia@example.com' },
    ]);
    assert.equal((await op('RemoteAuthentication', { Username: 'maria.garcia@example.com', AccountNumber: '100200303' })).status, 200);
  });

  it('registers Alex (100200304) only after CreateCustomerRecord', async () => {
    assert.deepEqual(
      await errorCode('RegisterAccounts', {
        Username: 'alex.lee@example.com',
        EmailAddress: 'alex.lee@example.com',
        LoginTypeID: 1,
        AccountNumbers: ['100200304'],
      }),
      [404, 'AccountNotFound'],
    );
    await createAlex();
    const res = await register('alex.lee@example.com', ['100200304']);
    assert.deepEqual(res.body.Accounts, [summary('100200304', 'Alex Lee', 0)]);
    assert.deepEqual((await login('alex.lee@example.com')).body, {
      loginGuid: res.body.LoginGuid,
      username: 'alex.lee@example.com',
      email: 'alex.lee@example.com',
      hasPassword: false,
      accountNumbers: ['100200304'],
    });
    const v = await view('100200304');
    assert.deepEqual([v.registered, v.loginId, v.linkedAccounts], [true, res.body.LoginGuid, []]);
  });

  it("adds accounts to the login that already has the username (John's cabin), idempotently", async () => {
    const res = await register(JOHN_EMAIL, ['100200305', '100200301', '100200305']);
    assert.equal(res.body.LoginGuid, JOHN);
    assert.deepEqual(
      res.body.Accounts.map((a: any) => a.AccountNumber),
      ['100200301', '100200302', '100200305'],
    );
    assert.deepEqual((await view('100200305')).linkedAccounts, ['100200301', '100200302']);
    assert.deepEqual((await view('100200301')).linkedAccounts, ['100200302', '100200305']);
    assert.deepEqual((await login(JOHN_EMAIL)).body.accountNumbers, ['100200301', '100200302', '100200305']);
  });

  it('refuses the shared account to any login but its own two, and adds nothing when Sam names it again', async () => {
    for (const Username of ['x@example.com', JOHN_EMAIL])
      assert.deepEqual(
        await errorCode('RegisterAccounts', { Username, EmailAddress: Username, LoginTypeID: 1, AccountNumbers: ['100200306'] }),
        [409, 'AlreadyRegistered'],
        Username,
      );
    assert.equal((await login('x@example.com')).status, 404);
    const again = await register(SAM.Username, ['100200306']);
    assert.deepEqual(
      [again.status, again.body.LoginGuid, again.body.Accounts],
      [200, SAM.LoginGuid, [summary('100200306', 'Pat Rivera', 61.4)]],
    );
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200306' })).body.Users, [PAT, SAM]);
  });

  it('changes nothing on 409 AlreadyRegistered or 404 AccountNotFound', async () => {
    assert.deepEqual(
      await errorCode('RegisterAccounts', {
        Username: 'x@example.com',
        EmailAddress: 'x@example.com',
        LoginTypeID: 1,
        AccountNumbers: ['100200303', '100200301'],
      }),
      [409, 'AlreadyRegistered'],
    );
    assert.deepEqual(
      await errorCode('RegisterAccounts', {
        Username: 'x@example.com',
        EmailAddress: 'x@example.com',
        LoginTypeID: 1,
        AccountNumbers: ['100200303', '999999999'],
      }),
      [404, 'AccountNotFound'],
    );
    assert.equal((await login('x@example.com')).status, 404);
    assert.equal((await view('100200303')).registered, false);
  });
});

describe('UpdatePassword and UpdateEmail', () => {
  const pw = (CurrentPassword: string | undefined, NewPassword: string, LoginGuid = JOHN) =>
    op('UpdatePassword', { LoginGuid, CurrentPassword, NewPassword });

  it("changes John's password when CurrentPassword matches, and then only the new one matches", async () => {
    assert.deepEqual(await pw('meter-demo-1', 'brand-new-pass-1'), { status: 200, body: { Updated: true } });
    assert.deepEqual(
      await errorCode('UpdatePassword', { LoginGuid: JOHN, CurrentPassword: 'meter-demo-1', NewPassword: 'other-pass-22' }),
      [409, 'CurrentPasswordMismatch'],
    );
    assert.equal((await pw('brand-new-pass-1', 'other-pass-22')).status, 200);
  });

  it('changes nothing on a wrong CurrentPassword, and changes unconditionally without one', async () => {
    assert.deepEqual(
      await errorCode('UpdatePassword', { LoginGuid: JOHN, CurrentPassword: 'wrong-pass-1', NewPassword: 'brand-new-pass-1' }),
      [409, 'CurrentPasswordMismatch'],
    );
    assert.equal((await pw('meter-demo-1', 'meter-demo-1')).status, 200, 'the old password still matches');
    assert.equal((await pw(undefined, 'vouched-pass-3')).status, 200);
    assert.equal((await pw('vouched-pass-3', 'meter-demo-1')).status, 200);
  });

  it('never matches a login without a password; unknown logins and short passwords are refused', async () => {
    const maria = (await register('maria.garcia@example.com', ['100200303'])).body.LoginGuid;
    assert.deepEqual(await errorCode('UpdatePassword', { LoginGuid: maria, CurrentPassword: '', NewPassword: 'maria-pass-1' }), [
      409,
      'CurrentPasswordMismatch',
    ]);
    assert.equal((await login('maria.garcia@example.com')).body.hasPassword, false);
    assert.equal((await pw(undefined, 'maria-pass-1', maria)).status, 200);
    assert.equal((await login('maria.garcia@example.com')).body.hasPassword, true);
    assert.deepEqual(await errorCode('UpdatePassword', { LoginGuid: 'nope', NewPassword: 'whatever-1' }), [404, 'LoginNotFound']);
    assert.deepEqual(await errorCode('UpdatePassword', { LoginGuid: JOHN, NewPassword: 'short' }), [400, 'InvalidRequest']);
  });

  it("moves Sam's login to a new email, leaving the shared account's customer, Pat, as she was", async () => {
    assert.deepEqual(await op('UpdateEmail', { LoginGuid: SAM.LoginGuid, NewEmailAddress: 'sam.new@example.com' }), {
      status: 200,
      body: { Updated: true },
    });
    assert.equal((await view('100200306')).email, 'pat.rivera@example.com');
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200306' })).body.Users, [
      PAT,
      { ...SAM, Username: 'sam.new@example.com', EmailAddress: 'sam.new@example.com' },
    ]);
  });

  it("moves John's username, login email and customer email together when CurrentPassword matches", async () => {
    const to = (NewEmailAddress: string, CurrentPassword?: string, LoginGuid = JOHN) =>
      op('UpdateEmail', { LoginGuid, CurrentPassword, NewEmailAddress });
    assert.deepEqual(
      await errorCode('UpdateEmail', { LoginGuid: JOHN, CurrentPassword: 'wrong-pass-1', NewEmailAddress: 'j@example.com' }),
      [409, 'CurrentPasswordMismatch'],
    );
    assert.equal((await view('100200301')).email, JOHN_EMAIL);
    assert.deepEqual(await to('john.new@example.com', 'meter-demo-1'), { status: 200, body: { Updated: true } });
    assert.equal((await login(JOHN_EMAIL)).status, 404);
    assert.deepEqual((await login('john.new@example.com')).body, {
      loginGuid: JOHN,
      username: 'john.new@example.com',
      email: 'john.new@example.com',
      hasPassword: true,
      accountNumbers: ['100200301', '100200302'],
    });
    for (const n of ['100200301', '100200302', '100200305']) assert.equal((await view(n)).email, 'john.new@example.com', n);
    assert.deepEqual((await op('RetrieveUsers', { AccountNumber: '100200301' })).body.Users[0].Username, 'john.new@example.com');
    assert.equal((await to('john.third@example.com')).status, 200, 'without CurrentPassword: unconditional');
    assert.equal((await op('RetrieveLoginGuid', { Username: 'john.third@example.com' })).body.LoginGuid, JOHN);

    const maria = (await register('maria.garcia@example.com', ['100200303'])).body.LoginGuid;
    assert.deepEqual(await errorCode('UpdateEmail', { LoginGuid: maria, NewEmailAddress: 'John.Third@example.com' }), [
      409,
      'UsernameTaken',
    ]);
    assert.deepEqual(await errorCode('UpdateEmail', { LoginGuid: maria, CurrentPassword: 'anything', NewEmailAddress: 'm@example.com' }), [
      409,
      'CurrentPasswordMismatch',
    ]);
    assert.deepEqual(await errorCode('UpdateEmail', { LoginGuid: maria, NewEmailAddress: 'not-an-email' }), [400, 'InvalidRequest']);
    assert.equal((await view('100200303')).email, 'maria.garcia@example.com');
  });
});

describe('inspection and call log', () => {
  it('shows a login without its hash, and 404 for an unknown one', async () => {
    const res = await login(JOHN_EMAIL);
    assert.deepEqual(res.body, {
      loginGuid: JOHN,
      username: JOHN_EMAIL,
      email: JOHN_EMAIL,
      hasPassword: true,
      accountNumbers: ['100200301', '100200302'],
    });
    assert.equal((await login('nobody@example.com')).status, 404);
  });

  it('logs every operation with the account it concerned, traced through guids, usernames and tokens', async () => {
    await op('RetrieveUsers', { AccountNumber: '100200301' });
    await op('RetrieveLoginGuid', { Username: JOHN_EMAIL });
    const token = (await op('RemoteAuthentication', { Username: JOHN_EMAIL, AccountNumber: '100200302' })).body.RemoteAuthenticationToken;
    await op('RetrieveCustomerGuid', { AccountNumber: '100200301', EmailAddress: JOHN_EMAIL, Username: JOHN_EMAIL });
    await op('RetrieveUserAccounts', { LoginGuid: JOHN });
    await get('/api/v1/cp/c0000000-0000-4000-8000-000000000302/account');
    await createAlex();
    const alex = (await register('alex.lee@example.com', ['100200304'])).body.LoginGuid;
    await op('UpdatePassword', { LoginGuid: JOHN, CurrentPassword: 'meter-demo-1', NewPassword: 'secret-in-log-9' });
    await op('UpdateEmail', { LoginGuid: alex, NewEmailAddress: 'alex.new@example.com' });
    await op('CloudSsoConnect', { RemoteAuthenticationToken: token, RedirectId: 1, ParentOrigin: 'http://localhost:5173' });
    await op('RetrieveUsers', { AccountNumber: '100200399' });
    await op('RetrieveUserAccounts', { LoginGuid: 'unknown' });
    await op('RegisterAccounts', { LoginTypeID: 7 });
    const log = (await get('/__sandbox/calls')).body as { operation: string; accountNumber?: string }[];
    assert.deepEqual(
      log.map((c) => [c.operation, c.accountNumber]),
      [
        ['RetrieveUsers', '100200301'],
        ['RetrieveLoginGuid', '100200301'],
        ['RemoteAuthentication', '100200302'],
        ['RetrieveCustomerGuid', '100200301'],
        ['RetrieveUserAccounts', '100200301'],
        ['RetrieveCustomerDetails', '100200302'],
        ['CreateCustomerRecord', '100200304'],
        ['RegisterAccounts', '100200304'],
        ['UpdatePassword', '100200301'],
        ['UpdateEmail', '100200304'],
        ['CloudSsoConnect', '100200302'],
        ['RetrieveUsers', '100200399'],
        ['RetrieveUserAccounts', undefined],
        ['RegisterAccounts', undefined],
      ],
    );
    const text = JSON.stringify(log);
    for (const secret of ['meter-demo-1', 'secret-in-log-9', token]) assert.ok(!text.includes(secret));
  });
});
