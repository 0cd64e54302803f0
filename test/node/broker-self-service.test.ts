import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { until } from '../support/until.ts';
import { StackFixture } from './stack-fixture.ts';
import { bank, visa } from '../support/cards.ts';

const JOHN = { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] };
const MARIA = { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] };

const stack = new StackFixture();
const account = (n: string) => stack.account(n);
const operations = () => stack.operations();
/** Requests to the broker as `user`, signed in by a host backend. */
const signIn = async (user: typeof JOHN) => stack.as(await stack.signIn(user));

describe('broker: self-service routes', () => {
  stack.use();

  it("serves accounts and saved methods from the session's synced copy: no InvoiceCloud call after sign-in", async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const [me, accounts, methods] = await Promise.all([john('/me'), john('/accounts'), john('/payment-methods')]);
    assert.equal(me.status, 200);
    assert.deepEqual(
      accounts.body.accounts.map((a: { accountNumber: string; linkedTo: string | null; autopayMethodId: string | null }) => [
        a.accountNumber,
        a.linkedTo,
        a.autopayMethodId !== null,
      ]),
      [
        ['100200301', null, false],
        ['100200302', '100200301', true],
      ],
    );
    assert.deepEqual(
      methods.body.methods.map((m: { brand: string; last4: string; isDefault: boolean; expMonth: number; expYear: number }) => [
        m.brand,
        m.last4,
        m.isDefault,
        m.expMonth,
        m.expYear,
      ]),
      [['visa', '1111', true, 12, 2030]],
    );
    assert.deepEqual(await operations(), []);
  });

  it('lists bills and pages the payment history', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const r = await john('/accounts/100200301/bills');
    // Bills and history are not in the synced copy: the two reads, together.
    assert.deepEqual((await operations()).sort(), ['RetrieveInvoices', 'RetrievePayments']);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.bills.map((b: { invoiceNumber: string; status: string }) => [b.invoiceNumber, b.status]),
      [
        ['INV-2001', 'open'],
        ['INV-1990', 'paid'],
      ],
    );
    assert.equal(r.body.payments[0].invoiceNumber, 'INV-1990');
    assert.equal(r.body.payments[0].amountCents, 12010);
    const page = await john('/accounts/100200301/bills?limit=0');
    assert.equal(page.status, 400);
  });

  it('pays a bill with the saved Visa exactly once, and the balance follows', async () => {
    const john = await signIn(JOHN);
    const methodId = (await john('/payment-methods')).body.methods[0].id;
    const key = randomUUID();
    const body = { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: methodId } };
    await stack.clearCalls();
    const [a, b] = await Promise.all([
      john('/accounts/100200301/payments', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
      john('/accounts/100200301/payments', { method: 'POST', json: body, headers: { 'idempotency-key': key } }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    // One charge, then the balance re-synced; the 409 and the replay below reach nothing.
    assert.deepEqual(await operations(), ['InvoicePayWithSavedMethod', 'RetrieveUserAccounts']);
    const again = await john('/accounts/100200301/payments', { method: 'POST', json: body, headers: { 'idempotency-key': key } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, (a.status === 200 ? a : b).body, 'the stored answer');
    assert.equal((await operations()).length, 2);
    assert.deepEqual(again.body.receipt.method, { kind: 'card', brand: 'visa', last4: '1111' });
    const payments = (await stack.payments('100200301')).filter((p: { invoiceNumber: string }) => p.invoiceNumber === 'INV-2001');
    assert.equal(payments.length, 1);
    const accounts = (await john('/accounts')).body.accounts;
    assert.equal(accounts[0].balanceCents, 0);
  });

  it('a bill payment whose answer was lost is found by its status check, and the balance follows', async () => {
    const john = await signIn(JOHN);
    const methodId = (await john('/payment-methods')).body.methods[0].id;
    // InvoiceCloud charges, but answers after the broker's 2 s deadline.
    await stack.fault({ operation: 'InvoicePayWithSavedMethod', latencyMs: 2500, times: 1 });
    const key = randomUUID();
    const body = { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: methodId } };
    const first = await john('/accounts/100200301/payments', { method: 'POST', json: body, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 202, first.text);
    // The charge still happens, after the broker gave up on the call: the status check below finds it.
    await until('the late charge', async () =>
      (await stack.payments('100200301')).some((p: { invoiceNumber: string }) => p.invoiceNumber === 'INV-2001') ? true : undefined,
    );
    const status = await john(`/accounts/100200301/payments/${key}`);
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body.receipt.invoiceNumber, 'INV-2001');
    assert.equal((await stack.payments('100200301')).filter((p: { invoiceNumber: string }) => p.invoiceNumber === 'INV-2001').length, 1);
    assert.equal((await john('/accounts')).body.accounts[0].balanceCents, 0);
  });

  it('pays a bill with a new card', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const r = await john('/accounts/100200301/payments', {
      method: 'POST',
      json: { invoiceNumber: 'INV-2001', amountCents: 1000, method: visa({ number: '5555555555554444' }) },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.receipt.method.brand, 'mastercard');
    assert.deepEqual(await operations(), ['InvoicePayWithoutSavedMethod', 'RetrieveUserAccounts']);
  });

  it("keeps every route to the user's own accounts and methods: anything else is a 404 and calls nothing", async () => {
    const maria = await signIn(MARIA);
    const john = await signIn(JOHN);
    const johnsMethod = (await john('/payment-methods')).body.methods[0].id;
    await stack.clearCalls();
    const key = { 'idempotency-key': randomUUID() };
    const attempts = [
      maria('/accounts/100200301/bills'),
      maria('/accounts/100200301/payments', {
        method: 'POST',
        json: { invoiceNumber: 'INV-2001', amountCents: 100, method: visa() },
        headers: key,
      }),
      maria('/accounts/100200301/autopay', { method: 'PUT', json: { enabled: true } }),
      maria('/accounts/100200301/paperless', { method: 'PUT', json: { enabled: false } }),
      maria('/accounts/100200301', { method: 'DELETE' }),
      maria(`/payment-methods/${johnsMethod}`, { method: 'DELETE' }),
      maria(`/payment-methods/${johnsMethod}`, { method: 'PATCH', json: { nickname: 'mine now' } }),
      maria('/accounts/100200303/payments', {
        method: 'POST',
        json: { invoiceNumber: 'INV-3001', amountCents: 100, method: { kind: 'saved', id: johnsMethod } },
        headers: key,
      }),
    ];
    for (const r of await Promise.all(attempts)) {
      assert.equal(r.status, 404, r.text);
      assert.ok(!r.text.includes('John'));
    }
    assert.deepEqual(
      (await operations()).filter((o) => o !== 'RetrieveUserAccounts'),
      [],
      'nothing reached InvoiceCloud',
    );
    assert.equal((await account('100200301')).paperless, true);
  });

  it('turns paperless off and on', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const off = await john('/accounts/100200301/paperless', { method: 'PUT', json: { enabled: false } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.paperless, false);
    assert.equal((await account('100200301')).paperless, false);
    assert.deepEqual(await operations(), ['UpdatePaperless', 'RetrieveUserAccounts']);
    await john('/accounts/100200301/paperless', { method: 'PUT', json: { enabled: true } });
    assert.equal((await account('100200301')).paperless, true);
  });

  it('enrolls AutoPay with the default method', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const r = await john('/accounts/100200301/autopay', { method: 'PUT', json: { enabled: true } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.autopay, true);
    assert.deepEqual(await operations(), ['UpdateAutoPay', 'RetrieveUserAccounts']);
    const a = await account('100200301');
    assert.equal(a.autopay.enabled, true);
    assert.equal(a.autopay.paymentMethodId, a.paymentMethods.find((m: { isDefault: boolean }) => m.isDefault).id);
  });

  it('AutoPay without a saved method: refuses plainly, or stores the new one and enrolls in one request', async () => {
    const maria = await signIn(MARIA);
    const none = await maria('/accounts/100200303/autopay', { method: 'PUT', json: { enabled: true } });
    assert.equal(none.status, 409);
    assert.equal(none.body.error.code, 'no_payment_method');
    await stack.clearCalls();
    const r = await maria('/accounts/100200303/autopay', {
      method: 'PUT',
      json: { enabled: true, newMethod: { method: bank({ name: 'Maria Garcia' }) } },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await operations(), ['StorePaymentMethod', 'UpdateAutoPay', 'RetrieveUserAccounts']);
    const a = await account('100200303');
    assert.equal(a.autopay.enabled, true);
    assert.deepEqual(
      a.paymentMethods.map((m: { kind: string; last4: string }) => [m.kind, m.last4]),
      [['ach', '6789']],
    );
  });

  it('AutoPay with a new method, stored but not enrolled (Update AutoPay fails): the method is known, a retry enrolls with it', async () => {
    const maria = await signIn(MARIA);
    await stack.fault({ operation: 'UpdateAutoPay', status: 503, times: 1 });
    const failed = await maria('/accounts/100200303/autopay', {
      method: 'PUT',
      json: { enabled: true, newMethod: { method: bank({ name: 'Maria Garcia' }), makeDefault: true } },
    });
    assert.equal(failed.status, 502, failed.text);
    assert.ok(!failed.text.includes('123456789'));
    // The synced copy knows the stored method at once: nothing half-known.
    const methods = (await maria('/payment-methods')).body.methods as { id: string; last4: string; isDefault: boolean }[];
    assert.deepEqual(
      methods.map((m) => [m.last4, m.isDefault]),
      [['6789', true]],
    );
    assert.equal((await account('100200303')).autopay.enabled, false);
    await stack.clearCalls();
    const retry = await maria('/accounts/100200303/autopay', { method: 'PUT', json: { enabled: true } });
    assert.equal(retry.status, 200, retry.text);
    assert.deepEqual(await operations(), ['UpdateAutoPay', 'RetrieveUserAccounts']);
    const a = await account('100200303');
    assert.deepEqual([a.autopay.enabled, a.autopay.paymentMethodId, a.paymentMethods.length], [true, methods[0]!.id, 1]);
  });

  it('manages saved methods: a new default carries the AutoPay that charged the old one, so the old card can go', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const added = await john('/payment-methods', {
      method: 'POST',
      json: { method: bank({ name: 'John Smith' }), makeDefault: true, nickname: 'Checking' },
    });
    assert.equal(added.status, 201, added.text);
    assert.deepEqual([added.body.kind, added.body.last4, added.body.isDefault, added.body.nickname], ['ach', '6789', true, 'Checking']);
    // 100200302's AutoPay charged the Visa, the old default: it now charges the new default.
    assert.deepEqual(await operations(), ['StorePaymentMethod', 'UpdateAutoPay', 'RetrieveUserAccounts']);
    assert.equal((await account('100200302')).autopay.paymentMethodId, added.body.id);
    const visaId = (await john('/payment-methods')).body.methods.find((m: { kind: string }) => m.kind === 'card').id;
    assert.equal((await john(`/payment-methods/${visaId}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(
      (await john('/payment-methods')).body.methods.map((m: { kind: string }) => m.kind),
      ['ach'],
    );
    const declined = await john('/payment-methods', { method: 'POST', json: { method: visa({ number: '4000000000000002' }) } });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.code, 'card_declined');
  });

  it('refuses removing a method AutoPay charges, and changes nothing', async () => {
    const john = await signIn(JOHN);
    const added = await john('/payment-methods', { method: 'POST', json: { method: bank({ name: 'John Smith' }), makeDefault: true } });
    const visaId = (await john('/payment-methods')).body.methods.find((m: { kind: string }) => m.kind === 'card').id;
    // AutoPay set to the Visa on purpose (not the default): it stays on the Visa.
    await john('/accounts/100200301/autopay', { method: 'PUT', json: { enabled: true, paymentMethodId: visaId } });
    await stack.clearCalls();
    const refused = await john(`/payment-methods/${visaId}`, { method: 'DELETE' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'payment_method_in_use');
    assert.deepEqual(await operations(), ['RemovePaymentMethod']);
    const a = await account('100200301');
    assert.equal(a.autopay.paymentMethodId, visaId);
    assert.deepEqual(a.paymentMethods.map((m: { id: string }) => m.id).sort(), [added.body.id, visaId].sort());
  });

  it('making a saved method the default moves AutoPay on the old default with it', async () => {
    const john = await signIn(JOHN);
    const added = await john('/payment-methods', { method: 'POST', json: { method: bank({ name: 'John Smith' }) } });
    assert.equal(added.body.isDefault, false);
    assert.notEqual((await account('100200302')).autopay.paymentMethodId, added.body.id);
    await stack.clearCalls();
    const r = await john(`/payment-methods/${added.body.id}`, { method: 'PATCH', json: { makeDefault: true } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await operations(), ['UpdatePaymentMethod', 'UpdateAutoPay', 'RetrieveUserAccounts']);
    assert.equal((await account('100200302')).autopay.paymentMethodId, added.body.id);
    const accounts = (await john('/accounts')).body.accounts as { accountNumber: string; autopayMethodId: string | null }[];
    assert.equal(accounts.find((a) => a.accountNumber === '100200302')!.autopayMethodId, added.body.id);
  });

  it("updates a card's expiry and nickname", async () => {
    const john = await signIn(JOHN);
    const id = (await john('/payment-methods')).body.methods[0].id;
    await stack.clearCalls();
    const r = await john(`/payment-methods/${id}`, { method: 'PATCH', json: { expMonth: 6, expYear: 2031, nickname: 'Everyday' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await operations(), ['UpdatePaymentMethod', 'RetrieveUserAccounts']);
    assert.deepEqual([r.body.expMonth, r.body.expYear, r.body.nickname], [6, 2031, 'Everyday']);
    const past = await john(`/payment-methods/${id}`, { method: 'PATCH', json: { expMonth: 1, expYear: 2020 } });
    assert.equal(past.status, 400);
    assert.equal((await operations()).length, 2, 'a refused change reaches nothing');
  });

  it('links the cabin account with the right name, and unregisters it alone', async () => {
    const john = await signIn(JOHN);
    await stack.clearCalls();
    const wrong = await john('/accounts/links', { method: 'POST', json: { accountNumber: '100200305', lastName: 'Doe' } });
    assert.equal(wrong.status, 404);
    const r = await john('/accounts/links', { method: 'POST', json: { accountNumber: '100200305', lastName: 'Smith' } });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.accounts.some((a: { accountNumber: string }) => a.accountNumber === '100200305'));
    assert.deepEqual(await operations(), ['LinkAccounts', 'LinkAccounts', 'RetrieveUserAccounts']);
    await stack.clearCalls();
    const gone = await john('/accounts/100200305', { method: 'DELETE' });
    assert.deepEqual(gone.body, { unregistered: ['100200305'] });
    assert.deepEqual(await operations(), ['UnregisterAccounts', 'RetrieveUserAccounts']);
    assert.equal((await account('100200305')).registered, false);
    assert.equal((await account('100200301')).registered, true);
  });

  it('unregistering the primary account removes the accounts linked under it too', async () => {
    const john = await signIn(JOHN);
    const r = await john('/accounts/100200301', { method: 'DELETE' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([...r.body.unregistered].sort(), ['100200301', '100200302']);
    assert.deepEqual((await john('/accounts')).body.accounts, []);
  });
});
