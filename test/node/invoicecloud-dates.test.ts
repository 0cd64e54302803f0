/**
 * Dates as InvoiceCloud writes them: ISO 8601 from its newer services, US forms
 * from its older ones. The client reads both at the wire and hands on ISO only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInvoiceCloud } from '../../src/invoicecloud/api.ts';
import { InvoiceCloudError } from '../../src/invoicecloud/errors.ts';
import { Date10, IcPayment, WireDateTime } from '../../src/invoicecloud/wire.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { request } from './http.ts';
import { visa } from '../support/cards.ts';

const ok = (schema: typeof Date10 | typeof WireDateTime, input: string) => {
  const r = schema.safeParse(input);
  assert.ok(r.success, `${input} should be read`);
  return r.data;
};
const refused = (schema: typeof Date10 | typeof WireDateTime, input: string) =>
  assert.equal(schema.safeParse(input).success, false, `${input} should be refused`);

describe('wire dates', () => {
  it('reads a date as YYYY-MM-DD or MM/dd/yyyy, and yields YYYY-MM-DD', () => {
    assert.equal(ok(Date10, '2026-12-15'), '2026-12-15');
    assert.equal(ok(Date10, '12/15/2026'), '2026-12-15');
    assert.equal(ok(Date10, '02/29/2028'), '2028-02-29');
    assert.equal(ok(Date10, '01/01/2027'), '2027-01-01');
  });

  it('refuses dates that name no real day, in either form, and other shapes', () => {
    for (const s of ['13/45/2026', '02/29/2026', '04/31/2026', '00/10/2026', '2026-13-01', '2026-02-30', '2026-00-10']) refused(Date10, s);
    for (const s of ['', '12/15/26', '2026-1-5', '1/5/2026', '15.12.2026', '2026-12-15T00:00:00Z', '12/15/2026 00:00:00'])
      refused(Date10, s);
  });

  it('reads a date-time as ISO with an offset, or MM/dd/yyyy HH:mm:ss as UTC, and yields ISO with an offset', () => {
    assert.equal(ok(WireDateTime, '2026-12-03T07:55:45.000Z'), '2026-12-03T07:55:45.000Z');
    // An ISO value is handed on as written: the client adds no conversion of its own.
    assert.equal(ok(WireDateTime, '2026-12-03T07:55:45+02:00'), '2026-12-03T07:55:45+02:00');
    assert.equal(ok(WireDateTime, '12/03/2026 07:55:45'), '2026-12-03T07:55:45.000Z');
    assert.equal(ok(WireDateTime, '12/31/2026 23:59:59'), '2026-12-31T23:59:59.000Z');
    assert.equal(new Date(ok(WireDateTime, '12/03/2026 07:55:45')).getTime(), Date.UTC(2026, 11, 3, 7, 55, 45));
  });

  it('refuses impossible or offset-less date-times', () => {
    for (const s of ['13/45/2026 10:00:00', '02/30/2026 10:00:00', '12/03/2026 24:00:00', '12/03/2026 07:60:00', '12/03/2026 07:55:61'])
      refused(WireDateTime, s);
    for (const s of ['', '2026-12-03T07:55:45', '12/03/2026', '12/03/2026 7:55:45', '12/03/2026T07:55:45', '2026-02-30T10:00:00Z'])
      refused(WireDateTime, s);
  });

  it('reads a whole payment with the older form into the same value as the newer one', () => {
    const payment = {
      PaymentId: 'PAY-1',
      ConfirmationNumber: 'IC-1',
      ReferenceId: 'r',
      AccountNumber: '100200300',
      InvoiceNumber: 'INV-1001',
      Amount: 1,
      Status: 'Approved',
      DeclineCode: null,
      PaymentType: 'CreditCard',
      CardType: 'Visa',
      LastFour: '1111',
    };
    assert.deepEqual(
      IcPayment.parse({ ...payment, PaymentDate: '11/10/2026 15:00:00' }),
      IcPayment.parse({ ...payment, PaymentDate: '2026-11-10T15:00:00.000Z' }),
    );
  });

  it('makes an impossible date in an answer the client’s malformed error', async () => {
    const answer = {
      AccountNumber: '100200300',
      CustomerName: 'Jane Doe',
      BalanceDue: 84.2,
      Invoices: [{ InvoiceNumber: 'INV-1001', AmountDue: 84.2, DueDate: '13/45/2026', Status: 'Open' }],
    };
    const ic = createInvoiceCloud({
      baseUrl: 'http://invoicecloud.invalid/api/v1/',
      apiKey: 'k',
      fetch: async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await assert.rejects(ic.lookupAccount('100200300', 'Doe'), (err) => err instanceof InvoiceCloudError && err.kind === 'malformed');
  });
});

describe('the client against answers in the older date form', () => {
  let sbx: RunningSandbox;
  // Whole seconds: the older date-time form has no milliseconds, and this keeps the two forms exactly equal.
  const NOW = '2026-11-25T12:00:00.000Z';
  before(async () => {
    sbx = await startSandbox({ port: 0, now: () => new Date(NOW) });
  });
  after(() => sbx.close());

  it('gives exactly the same ISO values as with the newer form', async () => {
    const ic = createInvoiceCloud({ baseUrl: `${sbx.url}/api/v1/`, apiKey: 'sandbox-api-key' });
    const pay = (reference: string) =>
      ic.payInvoice({
        accountNumber: '100200301',
        invoiceNumber: 'INV-2001',
        amountCents: 100,
        method: visa({ name: 'John Smith' }),
        reference,
      });
    const read = async () => ({
      lookup: await ic.lookupAccount('100200301', 'Smith'),
      bills: await ic.retrieveInvoices('100200301'),
      history: await ic.retrievePayments('100200301'),
      found: await ic.findPayments('100200301', 'seed-INV-1990'),
    });
    const usDates = async (operation: string) =>
      assert.equal((await request(`${sbx.url}/__sandbox/faults`, { method: 'POST', json: { operation, dateFormat: 'us' } })).status, 201);

    const iso = await read();
    for (const operation of ['LookupAccount', 'RetrieveInvoices', 'RetrievePayments']) await usDates(operation);
    const auth = `Basic ${Buffer.from('sandbox-api-key:').toString('base64')}`;
    const raw = await request(`${sbx.url}/api/v1/payments?AccountNumber=100200301`, { headers: { authorization: auth } });
    assert.equal(raw.body.Payments[0].PaymentDate, '11/10/2026 15:00:00', 'the sandbox does answer in the older form');
    assert.deepEqual(await read(), iso);
    assert.equal(iso.found[0]?.paidAt, '2026-11-10T15:00:00.000Z');

    const isoPaid = await pay('iso-dated');
    await usDates('InvoicePayWithoutSavedMethod');
    const usPaid = await pay('us-dated');
    assert.equal(usPaid.paidAt, NOW);
    const sameBut = (p: typeof usPaid) => ({ ...p, paymentId: '', confirmationNumber: '', reference: '' });
    assert.deepEqual(sameBut(usPaid), sameBut(isoPaid));
    assert.deepEqual(
      (await ic.retrievePayments('100200301')).map((p) => p.paidAt),
      [NOW, NOW, '2026-11-10T15:00:00.000Z'],
    );
  });
});
