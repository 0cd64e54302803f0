import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { TEST_HOST_KEY } from '../support/stack.ts';
import { StackFixture } from './stack-fixture.ts';
import { USERS, type TestUser as User } from '../support/users.ts';
import { request } from './http.ts';
import { bank } from '../support/cards.ts';

const JOHN_LOGIN = 'd0000000-0000-4000-8000-000000000301';
/** A host user whose email no InvoiceCloud login answers to. */
const mallory = (accountNumbers: string[]): User => ({
  userId: 'host-mallory',
  email: 'mallory@example.com',
  name: 'Mallory Jones',
  accountNumbers,
});
const ROUTES = ['sessions', 'registrations'] as const;

const stack = new StackFixture();
let clock = Date.now();
const operations = async () => (await stack.calls()).map((c) => c.operation);

/** A call-log entry: the operation and the account it concerned. */
type Call = [operation: string, accountNumber?: string];
const byName = (calls: Call[]) => [...calls].sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));

/**
 * The call log is exactly these round trips, in order. The calls of one round
 * trip go out together, so their order within it is free: compared sorted.
 */
async function assertRounds(expected: Call[][]) {
  const log = (await stack.calls()).map((c): Call => [c.operation, c.accountNumber]);
  let at = 0;
  const rounds = expected.map((round) => byName(log.slice(at, (at += round.length))));
  assert.deepEqual({ rounds, after: log.slice(at) }, { rounds: expected.map(byName), after: [] });
}

/** Opens a session as the host backend does (`registrations`: User Registration), and returns its token. */
const open = (user: User & { reRegister?: string[] }, route: (typeof ROUTES)[number] = 'sessions') => stack.signIn(user, route);
const me = (token: string) => stack.as(token)('/me');
const asUser = (token: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
  stack.as(token)(path, { ...init, headers: { origin: 'http://localhost:5173', ...(init.headers as Record<string, string>) } });
const numbers = (accounts: { accountNumber: string }[]) => accounts.map((a) => a.accountNumber);
const view = (n: string) => stack.account(n);

describe('broker: sessions (seed User Access and User Registration)', () => {
  stack.use({ broker: { now: () => clock, sessionIdleSeconds: 60, sessionMaxSeconds: 600 } });
  beforeEach(() => {
    clock = Date.now();
  });

  it('signs in a registered user: Retrieve Users, then authentication, CustomerGUID and accounts together', async () => {
    const token = await open(USERS.john);
    const ops = await operations();
    assert.deepEqual(ops.slice(0, 2), ['RetrieveUsers', 'RetrieveUsers']);
    assert.deepEqual(ops.slice(2).sort(), ['RemoteAuthentication', 'RetrieveCustomerGuid', 'RetrieveUserAccounts']);
    const r = await me(token);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.user, { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith' });
    assert.deepEqual(
      r.body.accounts.map((a: { accountNumber: string; balanceCents: number; paperless: boolean; autopay: boolean }) => [
        a.accountNumber,
        a.balanceCents,
        a.paperless,
        a.autopay,
      ]),
      [
        ['100200301', 14275, true, false],
        ['100200302', 0, false, true],
      ],
    );
    assert.equal((await operations()).length, 5, '/me is served from the synced copy');
  });

  it('registers a customer who has no login: Retrieve Users, Register Accounts, Remote Authentication', async () => {
    const token = await open(USERS.maria);
    assert.deepEqual(await operations(), ['RetrieveUsers', 'RegisterAccounts', 'RemoteAuthentication']);
    const acct = await stack.account('100200303');
    assert.equal(acct.registered, true);
    assert.deepEqual(
      (await me(token)).body.accounts.map((a: { accountNumber: string }) => a.accountNumber),
      ['100200303'],
    );

    await stack.clearCalls();
    await open(USERS.maria);
    const again = await operations();
    assert.equal(again[0], 'RetrieveUsers');
    assert.deepEqual(
      again.slice(1).sort(),
      ['RemoteAuthentication', 'RetrieveCustomerGuid', 'RetrieveUserAccounts'],
      'a re-sign-in takes the registered branch',
    );
  });

  it('creates the customer record InvoiceCloud lacks, then registers and authenticates', async () => {
    const token = await open(USERS.alex);
    assert.deepEqual(await operations(), ['RetrieveUsers', 'CreateCustomerRecord', 'RegisterAccounts', 'RemoteAuthentication']);
    const acct = await stack.account('100200304');
    assert.equal(acct.customerName, 'Alex Lee');
    assert.equal(acct.email, 'alex.lee@example.com');
    assert.equal(acct.registered, true);
    assert.equal((await me(token)).status, 200);
  });

  it('runs User Registration for a registered user as Remote Authentication only, syncing accounts when first asked', async () => {
    const token = await open(USERS.john, 'registrations');
    assert.deepEqual(await operations(), ['RetrieveUsers', 'RetrieveUsers', 'RemoteAuthentication']);
    assert.equal((await me(token)).body.accounts.length, 2);
    assert.equal((await operations()).at(-1), 'RetrieveUserAccounts');
    await me(token);
    assert.equal((await operations()).length, 4, 'synced once');
  });

  it('opens sessions only for the host backend', async () => {
    const none = await request(`${stack.brokerUrl}/sessions`, { method: 'POST', json: USERS.john });
    assert.equal(none.status, 401);
    const wrong = await request(`${stack.brokerUrl}/sessions`, {
      method: 'POST',
      json: USERS.john,
      headers: { 'x-ic-host-key': `${TEST_HOST_KEY}x` },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    assert.deepEqual(await operations(), []);
  });

  it('rejects a malformed user with the fields named', async () => {
    const r = await request(`${stack.brokerUrl}/sessions`, {
      method: 'POST',
      json: { ...USERS.john, email: 'nope', accountNumbers: [] },
      headers: { 'x-ic-host-key': TEST_HOST_KEY },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(r.body.error.fields).sort(), ['accountNumbers', 'email']);
  });

  it('ends a session after it sits unused, and slides while used', async () => {
    const token = await open(USERS.john);
    clock += 50_000;
    assert.equal((await me(token)).status, 200);
    clock += 50_000;
    assert.equal((await me(token)).status, 200, 'each use pushes the idle expiry out');
    clock += 61_000;
    const r = await me(token);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'session_expired');
  });

  it('ends a session at its absolute limit however much it is used', async () => {
    const token = await open(USERS.john);
    for (let i = 0; i < 12; i++) {
      clock += 50_000;
      await me(token);
    }
    assert.equal((await me(token)).status, 401);
  });

  it('signs out', async () => {
    const token = await open(USERS.john);
    const r = await request(`${stack.brokerUrl}/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 204);
    assert.equal((await me(token)).status, 401);
  });

  it('keeps each user to their own accounts', async () => {
    const john = await open(USERS.john);
    const maria = await open(USERS.maria);
    const mine = (await me(maria)).body.accounts.map((a: { accountNumber: string }) => a.accountNumber);
    assert.deepEqual(mine, ['100200303']);
    assert.ok(!(await me(maria)).text.includes('100200301'));
    assert.ok(!(await me(john)).text.includes('100200303'));
    assert.equal((await me('not-a-token')).status, 401);
  });
});

describe('broker: sign-in binds only the login that is the user’s own', () => {
  stack.use();

  for (const route of ROUTES) {
    it(`refuses the takeover through POST /${route}: listing John's account gets nothing of John's login`, async () => {
      const token = await open(mallory(['100200301']), route);
      await assertRounds([[['RetrieveUsers', '100200301']]]);
      const mine = await me(token);
      assert.deepEqual([mine.body.user.email, mine.body.accounts], ['mallory@example.com', []]);
      assert.deepEqual(mine.body.hostAccounts, [{ accountNumber: '100200301', status: 'registered_to_another_login' }]);
      assert.deepEqual((await asUser(token, '/accounts')).body, { accounts: [] });
      assert.deepEqual((await asUser(token, '/payment-methods')).body, { methods: [] });
      const bills = await asUser(token, '/accounts/100200301/bills');
      assert.deepEqual([bills.status, bills.body.error.code], [404, 'account_not_found']);

      // What acts through a login says there is none; nothing reaches InvoiceCloud.
      for (const [path, method, json] of [
        ['/sso', 'POST', { target: 'dashboard' }],
        ['/accounts/links', 'POST', { accountNumber: '100200305', lastName: 'Smith' }],
        ['/payment-methods', 'POST', { method: bank() }],
        ['/me/credentials', 'PUT', { currentPassword: 'meter-demo-1', newEmail: 'john.smith@example.com' }],
      ] as const) {
        const r = await asUser(token, path, { method, json });
        assert.deepEqual([r.status, r.body.error.code], [409, 'no_invoicecloud_login'], path);
        assert.match(r.body.error.message, /^None of your accounts can be used online/);
      }
      await assertRounds([[['RetrieveUsers', '100200301']]]);
      const john = await view('100200301');
      assert.deepEqual([john.loginId, john.linkedAccounts, john.paymentMethods.length], [JOHN_LOGIN, ['100200302'], 1]);
    });

    it(`binds Sam's own login through POST /${route}, leaving John's account he also lists out`, async () => {
      const token = await open({ ...USERS.sam, accountNumbers: ['100200301', '100200306'] }, route);
      const ru: Call[] = [
        ['RetrieveUsers', '100200301'],
        ['RetrieveUsers', '100200306'],
      ];
      // Remote Authentication with the first account that is his: John's, listed first, is never used.
      if (route === 'sessions')
        await assertRounds([
          ru,
          [
            ['RemoteAuthentication', '100200306'],
            ['RetrieveCustomerGuid', '100200306'],
            ['RetrieveUserAccounts', '100200306'],
          ],
        ]);
      else await assertRounds([ru, [['RemoteAuthentication', '100200306']]]);
      const mine = (await me(token)).body;
      assert.deepEqual(numbers(mine.accounts), ['100200306']);
      assert.deepEqual(mine.hostAccounts, [
        { accountNumber: '100200301', status: 'registered_to_another_login' },
        { accountNumber: '100200306', status: 'synced' },
      ]);
      assert.equal((await asUser(token, '/accounts/100200301/bills')).status, 404);
      const bills = await asUser(token, '/accounts/100200306/bills');
      assert.deepEqual(
        bills.body.bills.map((b: { invoiceNumber: string }) => b.invoiceNumber),
        ['INV-6001'],
      );
    });
  }

  it('binds Pat and Sam each to their own login on the account they share', async () => {
    const pat = await open(USERS.pat);
    const sam = await open(USERS.sam);
    for (const token of [pat, sam]) assert.deepEqual(numbers((await me(token)).body.accounts), ['100200306']);
    const stored = await asUser(sam, '/payment-methods', { method: 'POST', json: { method: bank({ name: 'Sam Rivera' }) } });
    assert.equal(stored.status, 201, stored.text);
    assert.deepEqual(
      (await asUser(sam, '/payment-methods')).body.methods.map((m: { id: string }) => m.id),
      [stored.body.id],
    );
    // Sam's wallet is his login's: Pat's login (the account view shows the first login's) has none.
    assert.deepEqual((await view('100200306')).paymentMethods, []);
    assert.deepEqual((await asUser(await open(USERS.pat), '/payment-methods')).body, { methods: [] });
  });

  it('tells the host an account the user unregistered since sign-in', async () => {
    const token = await open(USERS.john);
    assert.equal((await asUser(token, '/accounts/100200302', { method: 'DELETE' })).status, 200);
    assert.deepEqual((await me(token)).body.hostAccounts, [
      { accountNumber: '100200301', status: 'synced' },
      { accountNumber: '100200302', status: 'unregistered' },
    ]);
  });
});

describe('broker: what the user unregistered stays unregistered at sign-in, until the host lists it in reRegister', () => {
  // A broker of its own for each test: what it remembers is broker state, which a sandbox reset leaves.
  stack.use({}, { per: 'test' });

  const unregister = async (token: string, n: string) => {
    const r = await asUser(token, `/accounts/${n}`, { method: 'DELETE' });
    assert.equal(r.status, 200, r.text);
    return r.body.unregistered as string[];
  };
  const statuses = async (token: string) =>
    (await me(token)).body.hostAccounts.map((a: { accountNumber: string; status: string }) => [a.accountNumber, a.status]);
  const johnRu: Call[] = [
    ['RetrieveUsers', '100200301'],
    ['RetrieveUsers', '100200302'],
  ];
  const johnSynced: Call[] = [
    ['RemoteAuthentication', '100200301'],
    ['RetrieveCustomerGuid', '100200301'],
    ['RetrieveUserAccounts', '100200301'],
  ];
  /** The round trips after Retrieve Users for John's 100200301, his login's own: User Access syncs, User Registration does not. */
  const authenticated = { sessions: [johnSynced], registrations: [[['RemoteAuthentication', '100200301']]] } as const satisfies Record<
    string,
    Call[][]
  >;

  for (const route of ROUTES) {
    it(`makes no Register Accounts for an account John unregistered (POST /${route})`, async () => {
      assert.deepEqual(await unregister(await open(USERS.john), '100200302'), ['100200302']);
      await stack.clearCalls();
      const token = await open(USERS.john, route);
      await assertRounds([johnRu, ...authenticated[route]]);
      assert.equal((await view('100200302')).registered, false);
      assert.deepEqual(await statuses(token), [
        ['100200301', 'synced'],
        ['100200302', 'unregistered'],
      ]);
      assert.deepEqual(numbers((await me(token)).body.accounts), ['100200301']);
      const bills = await asUser(token, '/accounts/100200302/bills');
      assert.deepEqual([bills.status, bills.body.error.code], [404, 'account_not_found']);
    });

    it(`registers it again when the host lists it in reRegister, and from then on as usual (POST /${route})`, async () => {
      await unregister(await open(USERS.john), '100200302');
      await stack.clearCalls();
      const token = await open({ ...USERS.john, reRegister: ['100200302'] }, route);
      await assertRounds([johnRu, [['RegisterAccounts', '100200302']], ...authenticated[route]]);
      const back = await view('100200302');
      assert.deepEqual([back.registered, back.loginId], [true, JOHN_LOGIN]);
      assert.deepEqual(await statuses(token), [
        ['100200301', 'synced'],
        ['100200302', 'synced'],
      ]);
      // Forgotten: unregistered outside the broker now, the next plain sign-in registers it as the seed says.
      await unregisterInInvoiceCloud('100200302');
      await stack.clearCalls();
      await open(USERS.john, route);
      await assertRounds([johnRu, [['RegisterAccounts', '100200302']], ...authenticated[route]]);
    });
  }

  it('keeps out both accounts when John unregisters his primary (its linked account goes too): a session without a login, no call after Retrieve Users', async () => {
    assert.deepEqual(await unregister(await open(USERS.john), '100200301'), ['100200301', '100200302']);
    await stack.clearCalls();
    const token = await open(USERS.john);
    await assertRounds([johnRu]);
    assert.deepEqual([(await view('100200301')).registered, (await view('100200302')).registered], [false, false]);
    const mine = (await me(token)).body;
    assert.deepEqual(mine.accounts, []);
    assert.deepEqual(await statuses(token), [
      ['100200301', 'unregistered'],
      ['100200302', 'unregistered'],
    ]);

    // Both added back: Register Accounts under his login (its username is his email), then a new login's authentication.
    await stack.clearCalls();
    const again = await open({ ...USERS.john, reRegister: ['100200301', '100200302'] });
    await assertRounds([johnRu, [['RegisterAccounts', '100200301']], [['RemoteAuthentication', '100200301']]]);
    assert.deepEqual([(await view('100200301')).loginId, (await view('100200302')).loginId], [JOHN_LOGIN, JOHN_LOGIN]);
    assert.deepEqual(numbers((await me(again)).body.accounts), ['100200301', '100200302']);
  });

  it('registers only the accounts in reRegister; the others stay out', async () => {
    await unregister(await open(USERS.john), '100200301');
    await stack.clearCalls();
    const token = await open({ ...USERS.john, reRegister: ['100200302'] });
    await assertRounds([johnRu, [['RegisterAccounts', '100200302']], [['RemoteAuthentication', '100200302']]]);
    assert.deepEqual(await statuses(token), [
      ['100200301', 'unregistered'],
      ['100200302', 'synced'],
    ]);
    assert.equal((await view('100200301')).registered, false);
  });

  it('forgets an account the user links again', async () => {
    const token = await open(USERS.john);
    await unregister(token, '100200302');
    const linked = await asUser(token, '/accounts/links', { method: 'POST', json: { accountNumber: '100200302', lastName: 'Smith' } });
    assert.equal(linked.status, 200, linked.text);
    // Unregistered outside the broker since: nothing the user did through it, so the seed's sign-in registers it.
    await unregisterInInvoiceCloud('100200302');
    await stack.clearCalls();
    await open(USERS.john);
    await assertRounds([johnRu, [['RegisterAccounts', '100200302']], johnSynced]);
  });

  it('remembers per host user: another host user listing the account is not kept from it', async () => {
    await unregister(await open(USERS.john), '100200302');
    await stack.clearCalls();
    const other = await open({
      userId: 'mymeter-john-2',
      email: 'john.smith@example.com',
      name: 'John Smith',
      accountNumbers: ['100200302'],
    });
    await assertRounds([[['RetrieveUsers', '100200302']], [['RegisterAccounts', '100200302']], [['RemoteAuthentication', '100200302']]]);
    assert.deepEqual(await statuses(other), [['100200302', 'synced']]);
  });

  for (const route of ROUTES) {
    it(`refuses (400) a reRegister account that is not in accountNumbers, before any call (POST /${route})`, async () => {
      const r = await request(`${stack.brokerUrl}/${route}`, {
        method: 'POST',
        json: { ...USERS.john, reRegister: ['100200302', '100200305'] },
        headers: { 'x-ic-host-key': TEST_HOST_KEY },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'validation_failed');
      assert.deepEqual(r.body.error.fields, { reRegister: 'Every account in reRegister must also be in accountNumbers.' });
      assert.deepEqual(await operations(), []);
    });
  }
});

/** Unregisters John's account as if through InvoiceCloud's own pages: not through the broker. */
async function unregisterInInvoiceCloud(accountNumber: string) {
  const { createInvoiceCloud } = await import('../../src/invoicecloud/api.ts');
  const ic = createInvoiceCloud({ baseUrl: `${stack.sandboxUrl}/api/v1/`, apiKey: 'sandbox-api-key' });
  assert.deepEqual(await ic.unregisterAccount(JOHN_LOGIN, accountNumber), [accountNumber]);
}

describe('broker: every host-listed account registered at sign-in (seed User Registration, per account)', () => {
  stack.use();

  const johnSynced: Call[] = [
    ['RemoteAuthentication', '100200301'],
    ['RetrieveCustomerGuid', '100200301'],
    ['RetrieveUserAccounts', '100200301'],
  ];
  /** Per case: the user, and the round trips of each route (User Registration skips the sync). */
  const cases: { name: string; user: User; sessions: Call[][]; registrations: Call[][]; then?: (token: string) => Promise<void> }[] = [
    {
      name: "John's cabin, in InvoiceCloud but not registered: Register Accounts under his login, then authenticate",
      user: { ...USERS.john, accountNumbers: ['100200301', '100200302', '100200305'] },
      sessions: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200302'],
          ['RetrieveUsers', '100200305'],
        ],
        [['RegisterAccounts', '100200305']],
        johnSynced,
      ],
      registrations: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200302'],
          ['RetrieveUsers', '100200305'],
        ],
        [['RegisterAccounts', '100200305']],
        [['RemoteAuthentication', '100200301']],
      ],
      async then(token) {
        assert.deepEqual(
          [(await view('100200305')).loginId, (await view('100200305')).linkedAccounts],
          [JOHN_LOGIN, ['100200301', '100200302']],
        );
        const mine = (await me(token)).body;
        assert.deepEqual(numbers(mine.accounts), ['100200301', '100200302', '100200305']);
        assert.deepEqual(
          mine.hostAccounts.map((a: { status: string }) => a.status),
          ['synced', 'synced', 'synced'],
        );
      },
    },
    {
      name: 'John with only his registered accounts: no Register Accounts',
      user: USERS.john,
      sessions: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200302'],
        ],
        johnSynced,
      ],
      registrations: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200302'],
        ],
        [['RemoteAuthentication', '100200301']],
      ],
    },
    {
      name: 'John with an account InvoiceCloud lacks: Create Customer Record, Register Accounts under his login',
      user: { ...USERS.john, accountNumbers: ['100200301', '100200399'] },
      sessions: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200399'],
        ],
        [['CreateCustomerRecord', '100200399']],
        [['RegisterAccounts', '100200399']],
        johnSynced,
      ],
      registrations: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200399'],
        ],
        [['CreateCustomerRecord', '100200399']],
        [['RegisterAccounts', '100200399']],
        [['RemoteAuthentication', '100200301']],
      ],
      async then() {
        const created = await view('100200399');
        assert.deepEqual([created.customerName, created.email, created.loginId], ['John Smith', 'john.smith@example.com', JOHN_LOGIN]);
      },
    },
    {
      name: 'Maria, a customer not registered: Register Accounts, Remote Authentication',
      user: USERS.maria,
      sessions: [[['RetrieveUsers', '100200303']], [['RegisterAccounts', '100200303']], [['RemoteAuthentication', '100200303']]],
      registrations: [[['RetrieveUsers', '100200303']], [['RegisterAccounts', '100200303']], [['RemoteAuthentication', '100200303']]],
    },
    {
      name: 'Alex, not in InvoiceCloud: Create Customer Record, Register Accounts, Remote Authentication',
      user: USERS.alex,
      sessions: [
        [['RetrieveUsers', '100200304']],
        [['CreateCustomerRecord', '100200304']],
        [['RegisterAccounts', '100200304']],
        [['RemoteAuthentication', '100200304']],
      ],
      registrations: [
        [['RetrieveUsers', '100200304']],
        [['CreateCustomerRecord', '100200304']],
        [['RegisterAccounts', '100200304']],
        [['RemoteAuthentication', '100200304']],
      ],
    },
    {
      name: "a user with no login of their own: a new login for their account, John's left out",
      user: mallory(['100200301', '100200398']),
      sessions: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200398'],
        ],
        [['CreateCustomerRecord', '100200398']],
        [['RegisterAccounts', '100200398']],
        [['RemoteAuthentication', '100200398']],
      ],
      registrations: [
        [
          ['RetrieveUsers', '100200301'],
          ['RetrieveUsers', '100200398'],
        ],
        [['CreateCustomerRecord', '100200398']],
        [['RegisterAccounts', '100200398']],
        [['RemoteAuthentication', '100200398']],
      ],
      async then(token) {
        const mine = (await me(token)).body;
        assert.deepEqual(numbers(mine.accounts), ['100200398']);
        assert.deepEqual(mine.hostAccounts, [
          { accountNumber: '100200301', status: 'registered_to_another_login' },
          { accountNumber: '100200398', status: 'synced' },
        ]);
        assert.notEqual((await view('100200398')).loginId, JOHN_LOGIN);
        assert.deepEqual((await view('100200301')).linkedAccounts, ['100200302']);
      },
    },
  ];

  for (const route of ROUTES) {
    for (const c of cases) {
      it(`${c.name} (POST /${route})`, async () => {
        const token = await open(c.user, route);
        await assertRounds(c[route]);
        await c.then?.(token);
      });
    }
  }
});
