/**
 * <ic-bills> against the real stack, signed in as John: account 100200301
 * has INV-2001 ($142.75) open, INV-1990 paid on 2026-11-10, and a saved Visa
 * ending in 1111 (the default). The shared pay flow suite
 * (pay-flow-suite.ts), then what only a signed-in payer's bills do: the list
 * and the history, the pay form with saved methods, the keyboard walk, long
 * histories, Spanish, 320 px. Assertions read what the payer sees and hears,
 * what the host receives, and the sandbox's own record of payments: exactly
 * one charge per payment.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcBills } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { beingConfirmed } from './helpers/being-confirmed.ts';
import { deepActiveElement, focused, squash, typeInto, waitUntil } from './helpers/dom.ts';
import { BillsHarness } from './helpers/harness/bills.ts';
import { MASTERCARD } from './helpers/harness/pay.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { record } from './helpers/events.ts';
import { runPayFlowSuite } from './pay-flow-suite.ts';

interface SandboxPayment {
  invoiceNumber: string;
  amountCents: number;
  status: 'approved' | 'declined';
}

const ACCOUNT = '100200301';
let endpoint: string;
let token: string;

/** Approved payments other than the seeded INV-1990 one. */
const newPayments = async () =>
  (await sandbox<SandboxPayment[]>(`/__sandbox/payments?account=${ACCOUNT}`)).body.filter(
    (p) => p.status === 'approved' && p.invoiceNumber !== 'INV-1990',
  );

/** John's bills (signed in by each test's set-up); `wait: false` does not wait for them to load. */
async function mount(
  o: { lang?: string; account?: string; pageSize?: number; wait?: boolean; client?: BrokerClient } = {},
): Promise<BillsHarness> {
  const { endpoint } = await testStack();
  const el = await fixture<IcBills>(
    html`<ic-bills
      endpoint=${endpoint}
      token=${token}
      lang=${o.lang ?? 'en'}
      account-number=${o.account ?? ACCOUNT}
      page-size=${o.pageSize ?? 10}
      .client=${o.client}
    ></ic-bills>`,
  );
  const h = new BillsHarness(el);
  if (o.wait ?? true) await h.loaded();
  return h;
}

/** InvoiceCloud never answers the next payment with a saved method: its outcome stays unknown, and the broker says so (202) after its 2 s deadline. */
const loseNextPayment = () => fault({ operation: 'InvoicePayWithSavedMethod', hang: true, times: 1 });
/** When the bill's unresolved payment was made, as the bills answer it. */
async function pendingSince(): Promise<string> {
  const { bills } = await new BrokerClient({ baseUrl: (await testStack()).endpoint, token }).bills(ACCOUNT);
  return bills.find((b) => b.invoiceNumber === 'INV-2001')!.paymentPendingSince!;
}
/** Another tab (or device) pays INV-2001 with the saved Visa, and its answer is lost. */
async function payElsewhere(): Promise<void> {
  const other = new BrokerClient({ baseUrl: (await testStack()).endpoint, token });
  const [visa] = await other.paymentMethods();
  await loseNextPayment();
  const r = await other.payBill(ACCOUNT, crypto.randomUUID(), {
    invoiceNumber: 'INV-2001',
    amountCents: 14275,
    method: { kind: 'saved', id: visa!.id },
  });
  expect(r.status).to.equal('pending');
}

runPayFlowSuite('ic-bills', {
  setUp: async () => {
    token = await signIn(USERS.john);
  },
  mount: async ({ fetch, ready } = {}) =>
    mount({ wait: ready ?? true, ...(fetch ? { client: new BrokerClient({ baseUrl: (await testStack()).endpoint, token, fetch }) } : {}) }),
  account: ACCOUNT,
  invoice: 'INV-2001',
  amountCents: 14275,
  pay: 'Pay $142.75',
  bill: 'Bill INV-2001 $142.75 due December 10, 2026',
  charge: 'InvoicePayWithSavedMethod',
  storageKey: `ic-bills:attempt:${ACCOUNT}`,
  methodHeading: 'Pay bill INV-2001',
  refusedHeading: 'Account 100200301',
  paymentsPath: `/accounts/${ACCOUNT}/payments`,
  // Signed in: the broker emails the outcome to the session's address, none typed.
  payElsewhere,
  pendingSince,
  afterRefused: (h, message) =>
    expect((h as BillsHarness).openBills()).to.deep.equal([`Bill INV-2001 $142.75 due December 10, 2026 ${message}`]),
});

describe('<ic-bills>', function () {
  this.timeout(40000);

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    sessionStorage.clear();
    token = await signIn(USERS.john);
  });

  describe('bills and history', () => {
    it('lists the open bill and the payment history as a real table', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Account 100200301');
      expect(h.openBills()).to.deep.equal(['Bill INV-2001 $142.75 due December 10, 2026 Pay']);
      // The Pay button says which bill it pays.
      expect(squash(h.root.getElementById(h.payButton().getAttribute('aria-describedby')!)!.textContent)).to.contain('INV-2001');
      const t = h.table()!;
      expect(squash(t.caption!.textContent)).to.equal('Payment history');
      expect([...t.tHead!.rows[0]!.cells].map((c) => [squash(c.textContent), c.getAttribute('scope')])).to.deep.equal([
        ['Date', 'col'],
        ['Bill', 'col'],
        ['Amount', 'col'],
        ['Payment method', 'col'],
        ['Confirmation number', 'col'],
        ['Status', 'col'],
      ]);
      expect(h.rows()).to.deep.equal([['November 10, 2026', 'INV-1990', '$120.10', 'Visa ending in 1111', 'IC-SEED1990', 'Approved']]);
      expect(t.tBodies[0]!.rows[0]!.cells[0]!.tagName).to.equal('TH');
      // One page holds everything: no "Show more".
      expect(h.hasButton('Show more')).to.equal(false);
    });

    it('announces loading', async () => {
      await fault({ operation: 'RetrievePayments', latencyMs: 800, times: 1 });
      const h = await mount({ wait: false });
      await h.el.updateComplete;
      expect(h.statusText()).to.equal('Loading…');
      expect(h.text()).to.contain('Loading…');
      await expect(h.el).to.be.accessible();
      await h.loaded();
      expect(h.statusText()).to.equal('');
    });

    it('a load error says what happened, tells the host, and Try again loads', async () => {
      await fault({ operation: 'RetrieveInvoices', status: 503, times: 1 });
      const events = record('ic-error');
      try {
        const h = await mount({ wait: false });
        expect(await h.alert()).to.contain('The billing service is not available right now.');
        expect(events.seen).to.have.length(1);
        expect(events.seen[0]!.detail).to.include({ code: 'upstream_unavailable' });
        isPlainJson(events.seen[0]!.detail);
        await expect(h.el).to.be.accessible();
        h.button('Try again').click();
        await h.loaded();
        expect(h.alertText()).to.equal('');
        expect(h.openBills()).to.have.length(1);
        await expect(h.el).to.be.accessible();
      } finally {
        events.stop();
      }
    });

    it('an account that is not the user’s says so, with nothing to retry', async () => {
      const h = await mount({ account: '100200300', wait: false });
      expect(await h.alert()).to.contain('This account is not in your online account.');
      expect(h.hasButton('Try again')).to.equal(false);
      await expect(h.el).to.be.accessible();
    });

    it('an account with no open bill: "Nothing to pay right now"', async () => {
      const h = await mount({ account: '100200302' });
      await expect(h.el).to.be.accessible();
      expect(h.text()).to.contain('Nothing to pay right now.');
      expect(h.hasButton(/^Pay$/)).to.equal(false);
    });
  });

  describe('the pay form', () => {
    it('starts at the amount due with the default saved method chosen, and checks amount and email', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.toPay();
      await expect(h.el).to.be.accessible();
      expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
      expect(h.text()).to.contain('$142.75 due December 10, 2026');
      const amount = h.field('Amount to pay');
      expect(amount.value).to.equal('142.75');
      expect(h.field('Visa ending in 1111 Default').checked).to.equal(true);
      expect(h.field('A new card or bank account').checked).to.equal(false);
      expect(h.methodForm().hidden).to.equal(true);

      await typeInto(amount, '0');
      await h.typeEmail('not-an-email');
      const email = h.field('Email for your receipt (optional)');
      h.button('Continue').click();
      await focused(() => amount, 'the amount, the first invalid field');
      expect(h.errorOf('Amount to pay')).to.equal('Enter an amount greater than $0.00.');
      expect(h.errorOf('Email for your receipt (optional)')).to.contain('Enter an email address like name@example.com');
      await expect(h.el).to.be.accessible();

      await typeInto(amount, '142.75');
      h.button('Continue').click();
      await focused(() => email, 'the email, now the first invalid field');
      expect(h.heading()).to.equal('Pay bill INV-2001');

      h.button('Cancel').click();
      await h.waitForHeading('Account 100200301');
      expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
    });

    it('a new card or bank account shows the shared form, checked before going on', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.toPay();
      h.field('A new card or bank account').click();
      await h.el.updateComplete;
      expect(h.methodForm().hidden).to.equal(false);
      for (const label of ['Card number', 'Expiration', 'Security code', 'Name on card', 'ZIP code']) {
        expect(h.hasField(label), label).to.equal(true);
      }
      await expect(h.el).to.be.accessible();
      h.button('Continue').click();
      await h.el.updateComplete;
      expect(h.hasFocus(h.field('Card number')), 'focus on the card number').to.equal(true);
      expect(h.heading()).to.equal('Pay bill INV-2001');
      await expect(h.el).to.be.accessible();
    });

    it('reviews amount, bill, account and method, and goes back with what was typed', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.toReview(undefined, { email: 'john@example.com' });
      await expect(h.el).to.be.accessible();
      expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
      const text = h.text();
      for (const part of ['$142.75', 'INV-2001', '100200301', 'Visa ending in 1111', 'john@example.com']) expect(text).to.contain(part);
      expect(text).to.contain('When you select Pay, you authorize a one-time payment of $142.75.');
      h.button('Back').click();
      await h.waitForHeading('Pay bill INV-2001');
      expect(h.field('Email for your receipt (optional)').value).to.equal('john@example.com');
    });
  });

  describe('paying', () => {
    it('with the keyboard alone: saved Visa → receipt; one payment; the bill leaves the list and joins the history', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <button id="before">before</button><ic-bills endpoint=${endpoint} token=${token} account-number=${ACCOUNT} lang="en"></ic-bills>
        </div>`,
      );
      const h = new BillsHarness(wrapper.querySelector('ic-bills')!);
      await h.loaded();
      await expect(h.el).to.be.accessible();
      const succeeded = oneEvent(h.el, 'ic-payment-succeeded');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab();
      expect(h.hasFocus(h.payButton()), 'focus on Pay').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Pay bill INV-2001');
      await tab();
      expect(h.hasFocus(h.field('Amount to pay')), 'focus on the amount').to.equal(true);
      await tab();
      expect(h.hasFocus(h.field('Visa ending in 1111 Default')), 'focus on the saved Visa').to.equal(true);
      await tab();
      expect(h.hasFocus(h.field('Email for your receipt (optional)')), 'focus on the email').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Review your payment');
      await tab();
      expect(squash(deepActiveElement()!.textContent)).to.equal('Pay $142.75');
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Payment received');
      expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
      await expect(h.el).to.be.accessible();

      const { detail } = await succeeded;
      isPlainJson(detail);
      expect(detail.receipt).to.include({ accountNumber: ACCOUNT, invoiceNumber: 'INV-2001', amountCents: 14275 });
      expect(detail.receipt.method).to.deep.equal({ kind: 'card', brand: 'visa', last4: '1111' });
      expect(h.text()).to.contain(`Confirmation number ${detail.receipt.confirmationNumber}`);
      const paid = await newPayments();
      expect(paid).to.have.length(1);
      expect(paid[0]).to.deep.include({ invoiceNumber: 'INV-2001', amountCents: 14275 });

      await tab(); // Print receipt
      await tab();
      expect(squash(deepActiveElement()!.textContent)).to.equal('Back to bills');
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Account 100200301');
      await waitUntil(() => h.rows().length === 2, 'the new payment in the history');
      expect(h.openBills()).to.deep.equal([]);
      expect(h.text()).to.contain('Nothing to pay right now.');
      expect(h.rows()[0]!.slice(1)).to.deep.equal([
        'INV-2001',
        '$142.75',
        'Visa ending in 1111',
        detail.receipt.confirmationNumber,
        'Approved',
      ]);
      await expect(h.el).to.be.accessible();
    });

    it('emits nothing when the host sets properties', async () => {
      const counting = countingFetch();
      const h = await mount({ client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      await expect(h.el).to.be.accessible();
      const events = record('ic-payment-succeeded', 'ic-payment-failed', 'ic-error');
      try {
        const read = counting.requests.length;
        h.el.lang = 'es';
        h.el.pageSize = 5;
        // Both have taken effect: the Spanish words are on screen, and the history read again (its pages are sized anew) has come back.
        await h.until(() => h.heading() === 'Cuenta 100200301', 'the Spanish heading');
        await counting.settled(read + 1);
        await h.el.updateComplete;
        expect(counting.requests.slice(read)).to.include(`GET /accounts/${ACCOUNT}/bills?limit=5`);
        expect(events.seen).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });
  });

  describe('a payment being confirmed', () => {
    it('a bill another tab is paying has no Pay button: it says since when, and why', async () => {
      await payElsewhere();
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(h.openBills()).to.deep.equal([`Bill INV-2001 $142.75 due December 10, 2026 ${beingConfirmed(await pendingSince())}`]);
      expect(h.hasButton(/^Pay$/)).to.equal(false);
      expect((await operations()).filter((o) => o === 'InvoicePayWithSavedMethod')).to.have.length(1);
    });
  });

  describe('long histories', () => {
    it('"Show more" appends the next page, announces the count and keeps focus sensible', async () => {
      // Four more payments of $1.00 with the saved Visa: five in the history, newest first.
      const client = new BrokerClient({ baseUrl: endpoint, token });
      const [visa] = await client.paymentMethods();
      for (let i = 0; i < 4; i++) {
        const r = await client.payBill(ACCOUNT, crypto.randomUUID(), {
          invoiceNumber: 'INV-2001',
          amountCents: 100,
          method: { kind: 'saved', id: visa!.id },
        });
        expect(r.status).to.equal('succeeded');
      }
      const h = await mount({ pageSize: 2 });
      await expect(h.el).to.be.accessible();
      expect(h.rows()).to.have.length(2);
      const more = h.button('Show more');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await h.until(() => h.rows().length === 4, 'the second page');
      expect(h.statusText()).to.equal('Showing 4 payments');
      // More to come: focus stays on the button.
      expect(h.hasFocus(h.button('Show more')), 'focus on Show more').to.equal(true);
      await expect(h.el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await h.until(() => h.rows().length === 5, 'the last page');
      expect(h.statusText()).to.equal('Showing 5 payments');
      expect(h.hasButton('Show more')).to.equal(false);
      // The button is gone: focus goes to the first new row.
      await focused(() => h.table()!.tBodies[0]!.rows[4], 'the first new row');
      expect(h.rows()[4]![1]).to.equal('INV-1990');
      const numbers = h.rows().map((r) => r[4]);
      expect(new Set(numbers).size).to.equal(5);
      await expect(h.el).to.be.accessible();
    });
  });

  describe('language and layout', () => {
    it('speaks Spanish with lang="es"', async () => {
      const h = await mount({ lang: 'es' });
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Cuenta 100200301');
      expect(h.text()).to.contain('vence el 10 de diciembre de 2026');
      expect(squash(h.table()!.caption!.textContent)).to.equal('Historial de pagos');
      expect(h.rows()[0]).to.include('Aprobado');
      h.payButton().click();
      await h.waitForHeading('Pagar la factura INV-2001');
      expect(h.hasField('Cantidad a pagar')).to.equal(true);
      await expect(h.el).to.be.accessible();
      h.button('Continuar').click();
      await h.waitForHeading('Revise su pago');
      await expect(h.el).to.be.accessible();
    });

    it('fits 320 px without horizontal scrolling of the page, in every state', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px">
          <ic-bills endpoint=${endpoint} token=${token} account-number=${ACCOUNT} lang="en"></ic-bills>
        </div>`,
      );
      const h = new BillsHarness(wrapper.querySelector('ic-bills')!);
      await h.loaded();
      await expect(h.el).to.be.accessible();
      const fits = async (state: string) => {
        await h.el.updateComplete;
        const base = h.root.querySelector<HTMLElement>('[part~="base"]')!;
        expect(h.el.getBoundingClientRect().width, state).to.be.at.most(320);
        expect(base.scrollWidth, state).to.be.at.most(base.clientWidth);
        await expect(h.el).to.be.accessible();
      };
      await fits('bills');
      await h.toPay();
      await fits('pay form');
      await h.enterMethod({ card: MASTERCARD });
      await fits('new method');
      h.button('Continue').click();
      await h.waitForHeading('Review your payment');
      await fits('review');
      h.button('Pay $142.75').click();
      await h.waitForHeading('Payment received');
      await fits('receipt');
    });
  });
});
