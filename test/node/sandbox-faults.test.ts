/**
 * The sandbox faults that part what a payment did from what the caller can
 * learn of it (visibleAfterMs, postAfterMs), and the older date forms
 * (dateFormat), over a real socket.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { operations, type IcPayment } from '../../src/invoicecloud/operations.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { request } from './http.ts';
import { SANDBOX_AUTH } from './sandbox-operations.ts';

const VISA = {
  PaymentType: 'CreditCard',
  CardNumber: '4111111111111111',
  ExpirationMonth: 12,
  ExpirationYear: 2030,
  SecurityCode: '123',
  NameOnCard: 'Jane Doe',
  PostalCode: '49007',
};

let sbx: RunningSandbox;
/**
 * The sandbox's clock runs this far ahead of the real one. Moving it on is how
 * a test lets a visibility delay pass without waiting, and a delay far longer
 * than a test can take keeps "not yet" true however slow the machine.
 */
let clockAheadMs = 0;

const api = (path: string, init: { json?: unknown; signal?: AbortSignal } = {}) =>
  request(`${sbx.url}/api/v1/${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers: { authorization: SANDBOX_AUTH },
    ...init,
  });
const control = (path: string, json?: unknown) =>
  request(`${sbx.url}/__sandbox/${path}`, json === undefined ? {} : { method: 'POST', json });
const setFault = async (fault: Record<string, unknown>) =>
  assert.equal((await control('faults', fault)).status, 201, JSON.stringify(fault));

const payJane = (ReferenceId: string, over: Record<string, unknown> = {}, signal?: AbortSignal) =>
  api('payments/InvoicePay', {
    json: { AccountNumber: '100200300', InvoiceNumber: 'INV-1001', Amount: 84.2, ReferenceId, PaymentMethod: VISA, ...over },
    signal,
  });
const history = async (account: string, ref?: string): Promise<IcPayment[]> =>
  (await api(`payments?AccountNumber=${account}${ref === undefined ? '' : `&ReferenceId=${ref}`}`)).body.Payments;
/** What was charged, whatever InvoiceCloud's answers say. */
const charged = async (account: string): Promise<{ id: string; status: string; createdAt: string }[]> =>
  (await control(`payments?account=${account}`)).body;
const janeInvoice = async () =>
  (await api('customer/LookupAccount', { json: { AccountNumber: '100200300', CustomerName: 'Doe' } })).body.Invoices[0];
const payCalls = async (): Promise<{ operation: string; at: string }[]> =>
  ((await control('calls')).body as { operation: string; at: string }[]).filter((c) => c.operation === 'InvoicePayWithoutSavedMethod');
/** Asserts the call gets no answer before `ms`; attached at once, so the rejection is never unhandled. */
const unanswered = (reply: Promise<unknown>) => assert.rejects(reply, { name: 'TimeoutError' });

/** Polls until `check` holds; for effects that land on their own time. */
async function waitFor(check: () => Promise<boolean>, what: string, limitMs = 5_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  sbx = await startSandbox({ port: 0, now: () => new Date(Date.now() + clockAheadMs) });
});
after(() => sbx.close());
beforeEach(async () => {
  clockAheadMs = 0;
  assert.equal((await control('reset', {})).status, 200);
});

describe('visibleAfterMs', () => {
  it('charges at once and answers, but Retrieve Payments lists the payment only after the delay', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 60_000 });
    const paid = await payJane('lagging');
    assert.equal(paid.status, 200);
    assert.deepEqual([paid.body.ReferenceId, paid.body.Status], ['lagging', 'Approved']);

    assert.deepEqual(
      (await charged('100200300')).map((p) => p.id),
      [paid.body.PaymentId],
      'charged at once',
    );
    assert.equal((await janeInvoice()).Status, 'Paid');
    assert.deepEqual(await history('100200300', 'lagging'), [], 'not found by reference yet');
    assert.deepEqual(await history('100200300'), [], 'not in the history yet');

    clockAheadMs = 59_000;
    assert.deepEqual(await history('100200300', 'lagging'), [], 'still not, a second before');
    clockAheadMs = 60_000;
    assert.deepEqual(
      (await history('100200300', 'lagging')).map((p) => p.PaymentId),
      [paid.body.PaymentId],
    );
    assert.deepEqual(
      (await history('100200300')).map((p) => p.PaymentId),
      [paid.body.PaymentId],
    );
  });

  it('with a truncated answer: unreadable, charged once, and found only after the delay', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 60_000, body: 'truncated', times: 1 });
    const paid = await payJane('lost-answer');
    assert.equal(paid.status, 200);
    assert.equal(typeof paid.body, 'string', 'the answer does not parse');
    assert.deepEqual(
      (await charged('100200300')).map((p) => p.status),
      ['approved'],
    );
    assert.deepEqual(await history('100200300', 'lost-answer'), []);
    clockAheadMs = 60_000;
    assert.deepEqual(
      (await history('100200300', 'lost-answer')).map((p) => [p.ReferenceId, p.Status]),
      [['lost-answer', 'Approved']],
    );
    assert.equal((await charged('100200300')).length, 1);
  });

  it('lags a saved-method payment too, and only the payments made under the fault', async () => {
    await setFault({ operation: 'InvoicePayWithSavedMethod', visibleAfterMs: 60_000, times: 1 });
    const pay = (ReferenceId: string, Amount: number) =>
      api('payments/InvoicePayWithSavedMethod', {
        json: {
          LoginGuid: 'd0000000-0000-4000-8000-000000000301',
          AccountNumber: '100200301',
          InvoiceNumber: 'INV-2001',
          Amount,
          ReferenceId,
          PaymentMethodId: 'PM-0000000001',
        },
      });
    assert.equal((await pay('saved-lagging', 10)).status, 200);
    assert.equal((await pay('saved-plain', 20)).status, 200);
    assert.deepEqual(
      (await history('100200301')).map((p) => p.ReferenceId),
      ['saved-plain', 'seed-INV-1990'],
    );
    clockAheadMs = 60_000;
    assert.deepEqual(
      (await history('100200301')).map((p) => p.ReferenceId),
      ['saved-plain', 'saved-lagging', 'seed-INV-1990'],
    );
  });

  it('on the real clock, the payment turns up once the delay has passed', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 200, times: 1 });
    const paid = await payJane('real-time');
    await waitFor(async () => (await history('100200300', 'real-time')).length === 1, 'the payment to be listed');
    const [payment] = await charged('100200300');
    assert.ok(Date.now() >= Date.parse(payment!.createdAt) + 200, 'not listed before the delay');
    assert.equal((await history('100200300'))[0]?.PaymentId, paid.body.PaymentId);
  });

  it('applies only to the payment operations, and not with status, hang or resetConnection', async () => {
    const bad = await control('faults', { operation: 'RetrievePayments', visibleAfterMs: 100 });
    assert.equal(bad.status, 400);
    assert.match(
      bad.body.error,
      /visibleAfterMs: applies only to the payment operations InvoicePayWithoutSavedMethod and InvoicePayWithSavedMethod/,
    );
    for (const other of [{ status: 503 }, { hang: true }, { resetConnection: true }]) {
      assert.equal(
        (await control('faults', { operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 100, ...other })).status,
        400,
        JSON.stringify(other),
      );
    }
    assert.equal(
      (await control('faults', { operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 100, latencyMs: 10, body: 'html' })).status,
      201,
    );
  });
});

describe('postAfterMs', () => {
  it('gives no answer, and makes the payment only after the delay', async () => {
    const DELAY = 500;
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: DELAY, times: 1 });
    const answered = unanswered(payJane('posted-late', {}, AbortSignal.timeout(300)));
    // Checked as soon as the call is in, well inside the delay: nothing shows anywhere.
    await waitFor(async () => (await payCalls()).length === 1, 'the call to arrive');
    assert.deepEqual(await history('100200300', 'posted-late'), []);
    assert.deepEqual(await charged('100200300'), []);
    assert.equal((await janeInvoice()).Status, 'Open');
    await answered;

    await waitFor(async () => (await charged('100200300')).length > 0, 'the payment to post');
    const found = await history('100200300', 'posted-late');
    assert.deepEqual(
      found.map((p) => [p.ReferenceId, p.Status]),
      [['posted-late', 'Approved']],
    );
    assert.equal((await charged('100200300')).length, 1, 'charged once');
    assert.equal((await janeInvoice()).Status, 'Paid');
    const [call] = await payCalls();
    // Node may fire a timer a millisecond early; the rest is the delay itself.
    assert.ok(Date.parse(found[0]!.PaymentDate) - Date.parse(call!.at) >= DELAY - 2, 'dated when it posted, not when it was called');
    assert.equal((await payJane('next')).status, 409, 'times: 1 is used up, and the next call is answered');
  });

  it('records a declining card as declined, late', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: 100, times: 1 });
    const answered = unanswered(
      payJane('declined-late', { PaymentMethod: { ...VISA, CardNumber: '4000000000000002' } }, AbortSignal.timeout(150)),
    );
    await waitFor(async () => (await charged('100200300')).length > 0, 'the payment to post');
    assert.deepEqual(
      (await charged('100200300')).map((p) => p.status),
      ['declined'],
    );
    assert.deepEqual(
      (await history('100200300', 'declined-late')).map((p) => [p.Status, p.DeclineCode]),
      [['Declined', 'card_declined']],
    );
    assert.equal((await janeInvoice()).Status, 'Open');
    await answered;
  });

  it('answers a request the schema refuses at once, as usual', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: 60_000 });
    const refused = await payJane('invalid', { Amount: -1 }, AbortSignal.timeout(2_000));
    assert.deepEqual([refused.status, refused.body.ErrorCode], [400, 'InvalidRequest']);
  });

  it('is dropped by a reset while it is pending', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: 150, times: 1 });
    const answered = unanswered(payJane('dropped', {}, AbortSignal.timeout(100)));
    await waitFor(async () => (await payCalls()).length === 1, 'the call to arrive');
    assert.equal((await control('reset', {})).status, 200);
    await answered;
    // A payment of Maria's, posted as late and asked for later: once it has posted, Jane's would have too.
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: 150, times: 1 });
    const maria = { AccountNumber: '100200303', InvoiceNumber: 'INV-3001', Amount: 56, ReferenceId: 'after-reset', PaymentMethod: VISA };
    await unanswered(api('payments/InvoicePay', { json: maria, signal: AbortSignal.timeout(100) }));
    await waitFor(async () => (await charged('100200303')).length === 1, "Maria's late payment to post");
    assert.deepEqual(await charged('100200300'), []);
    assert.equal((await janeInvoice()).Status, 'Open');
  });

  it('applies only to the payment operations, and alone among status, body, hang, resetConnection and visibleAfterMs', async () => {
    const bad = await control('faults', { operation: 'LookupAccount', postAfterMs: 100 });
    assert.equal(bad.status, 400);
    assert.match(
      bad.body.error,
      /postAfterMs: applies only to the payment operations InvoicePayWithoutSavedMethod and InvoicePayWithSavedMethod/,
    );
    for (const other of [{ status: 503 }, { body: 'html' }, { hang: true }, { resetConnection: true }, { visibleAfterMs: 10 }]) {
      assert.equal(
        (await control('faults', { operation: 'InvoicePayWithSavedMethod', postAfterMs: 100, ...other })).status,
        400,
        JSON.stringify(other),
      );
    }
    assert.equal(
      (await control('faults', { operation: 'InvoicePayWithSavedMethod', postAfterMs: 100, latencyMs: 10, times: 2 })).status,
      201,
    );
  });
});

describe('dateFormat us', () => {
  const invoices = () => api('invoices/RetrieveInvoices', { json: { AccountNumber: '100200301' } });
  const johnsHistory = () => api('payments?AccountNumber=100200301');
  const lookup = () => api('customer/LookupAccount', { json: { AccountNumber: '100200301', CustomerName: 'Smith' } });

  it('writes DueDate as MM/dd/yyyy and PaymentDate as MM/dd/yyyy HH:mm:ss (UTC), and nothing else differently', async () => {
    const iso = { invoices: (await invoices()).body, history: (await johnsHistory()).body, lookup: (await lookup()).body };
    for (const operation of ['RetrieveInvoices', 'RetrievePayments', 'LookupAccount']) await setFault({ operation, dateFormat: 'us' });
    const us = { invoices: (await invoices()).body, history: (await johnsHistory()).body, lookup: (await lookup()).body };

    assert.deepEqual(
      us.invoices.Invoices.map((i: { DueDate: string }) => i.DueDate),
      ['12/10/2026', '11/15/2026'],
    );
    assert.deepEqual(
      us.history.Payments.map((p: IcPayment) => p.PaymentDate),
      ['11/10/2026 15:00:00'],
    );
    assert.deepEqual(
      us.lookup.Invoices.map((i: { DueDate: string }) => i.DueDate),
      ['12/10/2026', '11/15/2026'],
    );
    const US = /"(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}:\d{2}:\d{2}))?"/g;
    const withIsoDates = (body: unknown) =>
      JSON.parse(JSON.stringify(body).replace(US, (_m, mo, d, y, time) => `"${y}-${mo}-${d}${time ? `T${time}.000Z` : ''}"`));
    assert.deepEqual(withIsoDates(us), iso, 'only the dates differ');
    // Still answers the schemas accept: the client reads this form.
    assert.ok(operations.RetrieveInvoices.response.safeParse(us.invoices).success);
    assert.ok(operations.RetrievePayments.response.safeParse(us.history).success);
    assert.ok(operations.LookupAccount.response.safeParse(us.lookup).success);
  });

  it('counts against times, and touches only its own operation', async () => {
    await setFault({ operation: 'RetrievePayments', dateFormat: 'us', times: 1 });
    assert.equal((await lookup()).body.Invoices[0].DueDate, '2026-12-10');
    assert.equal((await johnsHistory()).body.Payments[0].PaymentDate, '11/10/2026 15:00:00');
    assert.equal((await johnsHistory()).body.Payments[0].PaymentDate, '2026-11-10T15:00:00.000Z');
  });

  it('combines with a payment fault: a payment answered with the older date, still listed late', async () => {
    await setFault({ operation: 'InvoicePayWithoutSavedMethod', dateFormat: 'us', visibleAfterMs: 60_000, latencyMs: 10 });
    const paid = await payJane('us-dated');
    assert.equal(paid.status, 200);
    const [charge] = await charged('100200300');
    const at = charge!.createdAt; // ISO in UTC, as the sandbox keeps it
    assert.equal(paid.body.PaymentDate, `${at.slice(5, 7)}/${at.slice(8, 10)}/${at.slice(0, 4)} ${at.slice(11, 19)}`);
    assert.deepEqual(await history('100200300', 'us-dated'), []);
  });

  it('is a fault of its own, for any operation, and combines with every other', async () => {
    for (const other of [{}, { status: 503 }, { body: 'html' }, { hang: true }, { resetConnection: true }, { latencyMs: 5 }]) {
      await setFault({ operation: 'LookupAccount', dateFormat: 'us', ...other });
    }
    await setFault({ operation: 'InvoicePayWithSavedMethod', dateFormat: 'us', postAfterMs: 10 });
    assert.equal((await control('faults', { operation: 'LookupAccount', dateFormat: 'iso' })).status, 400);
  });
});
