/**
 * <ic-bills> against the real stack, signed in as John: account 100200301
 * has INV-2001 ($142.75) open, INV-1990 paid on 2026-11-10, and a saved Visa
 * ending in 1111 (the default). Assertions read what the payer sees and
 * hears, what the host receives, and the sandbox's own record of payments:
 * exactly one charge per payment.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcBills } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { button, deepActiveElement, describedErrors, field, hasField, squash, typeInto, visibleText, waitUntil } from './helpers/dom.ts';
import { methodForm, typeCard } from './helpers/payment-method-form.ts';
import { beingConfirmed, expectUnderReview } from './helpers/being-confirmed.ts';
import { fault, operations, untilAsked } from './helpers/sandbox.ts';
import { record } from './helpers/sso.ts';

interface SandboxPayment {
  id: string;
  invoiceNumber: string;
  amountCents: number;
  method: { kind: string; brand: string; last4: string };
  status: 'approved' | 'declined';
}

const ACCOUNT = '100200301';
const STORAGE_KEY = `ic-bills:attempt:${ACCOUNT}`;
let endpoint: string;
let token: string;

const root = (el: IcBills) => el.shadowRoot!;
const heading = (el: IcBills) => squash(root(el).querySelector('h2')!.textContent);
const alertText = (el: IcBills) => squash(root(el).querySelector('.base > [role="alert"]')!.textContent);
const statusText = (el: IcBills) => squash(root(el).querySelector('[role="status"]')!.textContent);
const openBills = (el: IcBills) => [...root(el).querySelectorAll('ul.items > li')].map((li) => squash(li.textContent));
const table = (el: IcBills) => root(el).querySelector('table');
/** The history as a screen reader's table navigation meets it: one array of cell texts per row. */
const rows = (el: IcBills) => [...(table(el)?.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map((c) => squash(c.textContent)));
/** The "Pay" button of an open bill (not "Pay $142.75" of the review). */
const payButton = (el: IcBills) => button(el, /^(Pay|Pagar)$/);

async function payments(account = ACCOUNT): Promise<SandboxPayment[]> {
  return (await sandbox<SandboxPayment[]>(`/__sandbox/payments?account=${account}`)).body;
}
/** Approved payments other than the seeded INV-1990 one. */
const newPayments = async () => (await payments()).filter((p) => p.status === 'approved' && p.invoiceNumber !== 'INV-1990');

async function mount(o: { lang?: string; account?: string; pageSize?: number; wait?: boolean } = {}) {
  const el = await fixture<IcBills>(
    html`<ic-bills endpoint=${endpoint} token=${token} lang=${o.lang ?? 'en'} account-number=${o.account ?? ACCOUNT} page-size=${o.pageSize ?? 10}></ic-bills>`,
  );
  if (o.wait ?? true) await loaded(el);
  return el;
}

const loaded = (el: IcBills) => waitUntil(() => root(el).querySelector('h3'), 'the bills to load');

async function waitForHeading(el: IcBills, text: string, timeoutMs = 8000) {
  await waitUntil(() => heading(el) === text, `heading "${text}" (now "${heading(el)}")`, timeoutMs);
  await el.updateComplete;
}

async function toPay(el: IcBills) {
  payButton(el).click();
  await waitForHeading(el, 'Pay bill INV-2001');
}

async function fillCard(el: IcBills, number: string) {
  field(el, 'A new card or bank account').click();
  await el.updateComplete;
  await typeCard(methodForm(el), number, 'John Smith');
}

async function toReview(el: IcBills, method?: (el: IcBills) => Promise<void>) {
  await toPay(el);
  await method?.(el);
  button(el, 'Continue').click();
  await waitForHeading(el, 'Review your payment');
}

async function payAndWaitForReceipt(el: IcBills, timeoutMs?: number) {
  button(el, 'Pay $142.75').click();
  await waitForHeading(el, 'Payment received', timeoutMs);
}

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
      const el = await mount();
      await expect(el).to.be.accessible();
      expect(heading(el)).to.equal('Account 100200301');
      expect(openBills(el)).to.deep.equal(['Bill INV-2001 $142.75 due December 10, 2026 Pay']);
      // The Pay button says which bill it pays.
      expect(squash(root(el).getElementById(payButton(el).getAttribute('aria-describedby')!)!.textContent)).to.contain('INV-2001');
      const t = table(el)!;
      expect(squash(t.caption!.textContent)).to.equal('Payment history');
      expect([...t.tHead!.rows[0]!.cells].map((c) => [squash(c.textContent), c.getAttribute('scope')])).to.deep.equal([
        ['Date', 'col'],
        ['Bill', 'col'],
        ['Amount', 'col'],
        ['Payment method', 'col'],
        ['Confirmation number', 'col'],
        ['Status', 'col'],
      ]);
      expect(rows(el)).to.deep.equal([['November 10, 2026', 'INV-1990', '$120.10', 'Visa ending in 1111', 'IC-SEED1990', 'Approved']]);
      expect(t.tBodies[0]!.rows[0]!.cells[0]!.tagName).to.equal('TH');
      // One page holds everything: no "Show more".
      expect(() => button(el, 'Show more')).to.throw();
    });

    it('announces loading', async () => {
      await fault({ operation: 'RetrievePayments', latencyMs: 800, times: 1 });
      const el = await mount({ wait: false });
      await el.updateComplete;
      expect(statusText(el)).to.equal('Loading…');
      expect(visibleText(el)).to.contain('Loading…');
      await expect(el).to.be.accessible();
      await loaded(el);
      await el.updateComplete;
      expect(statusText(el)).to.equal('');
    });

    it('a load error says what happened, tells the host, and Try again loads', async () => {
      await fault({ operation: 'RetrieveInvoices', status: 503, times: 1 });
      const events = record('ic-error');
      try {
        const el = await mount({ wait: false });
        await waitUntil(() => alertText(el), 'an alert');
        await el.updateComplete;
        expect(alertText(el)).to.contain('The billing service is not available right now.');
        expect(events.seen).to.have.length(1);
        expect(events.seen[0]!.detail).to.include({ code: 'upstream_unavailable' });
        isPlainJson(events.seen[0]!.detail);
        await expect(el).to.be.accessible();
        button(el, 'Try again').click();
        await loaded(el);
        await el.updateComplete;
        expect(alertText(el)).to.equal('');
        expect(openBills(el)).to.have.length(1);
        await expect(el).to.be.accessible();
      } finally {
        events.stop();
      }
    });

    it('an account that is not the user’s says so, with nothing to retry', async () => {
      const el = await mount({ account: '100200300', wait: false });
      await waitUntil(() => alertText(el), 'an alert');
      await el.updateComplete;
      expect(alertText(el)).to.contain('This account is not in your online account.');
      expect(() => button(el, 'Try again')).to.throw();
      await expect(el).to.be.accessible();
    });

    it('an account with no open bill: "Nothing to pay right now"', async () => {
      const el = await mount({ account: '100200302' });
      await expect(el).to.be.accessible();
      expect(visibleText(el)).to.contain('Nothing to pay right now.');
      expect(() => payButton(el)).to.throw();
    });
  });

  describe('the pay form', () => {
    it('starts at the amount due with the default saved method chosen, and checks amount and email', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toPay(el);
      await expect(el).to.be.accessible();
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      expect(visibleText(el)).to.contain('$142.75 due December 10, 2026');
      const amount = field(el, 'Amount to pay');
      expect(amount.value).to.equal('142.75');
      expect(field(el, 'Visa ending in 1111 Default').checked).to.equal(true);
      expect(field(el, 'A new card or bank account').checked).to.equal(false);
      expect(methodForm(el).hidden).to.equal(true);

      await typeInto(amount, '0');
      const email = field(el, 'Email for your receipt (optional)');
      await typeInto(email, 'not-an-email');
      button(el, 'Continue').click();
      await el.updateComplete;
      await aTimeout(0);
      expect(describedErrors(amount)).to.equal('Enter an amount greater than $0.00.');
      expect(describedErrors(email)).to.contain('Enter an email address like name@example.com');
      expect(deepActiveElement()).to.equal(amount);
      await expect(el).to.be.accessible();

      await typeInto(amount, '142.75');
      button(el, 'Continue').click();
      await el.updateComplete;
      await aTimeout(0);
      expect(deepActiveElement()).to.equal(email);
      expect(heading(el)).to.equal('Pay bill INV-2001');

      button(el, 'Cancel').click();
      await waitForHeading(el, 'Account 100200301');
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
    });

    it('a new card or bank account shows the shared form, checked before going on', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toPay(el);
      field(el, 'A new card or bank account').click();
      await el.updateComplete;
      expect(methodForm(el).hidden).to.equal(false);
      for (const label of ['Card number', 'Expiration', 'Security code', 'Name on card', 'ZIP code']) {
        expect(hasField(methodForm(el), label), label).to.equal(true);
      }
      await expect(el).to.be.accessible();
      button(el, 'Continue').click();
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(field(methodForm(el), 'Card number'));
      expect(heading(el)).to.equal('Pay bill INV-2001');
      await expect(el).to.be.accessible();
    });

    it('reviews amount, bill, account and method, and goes back with what was typed', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toPay(el);
      await typeInto(field(el, 'Email for your receipt (optional)'), 'john@example.com');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Review your payment');
      await expect(el).to.be.accessible();
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      const text = visibleText(el);
      for (const part of ['$142.75', 'INV-2001', '100200301', 'Visa ending in 1111', 'john@example.com']) expect(text).to.contain(part);
      expect(text).to.contain('When you select Pay, you authorize a one-time payment of $142.75.');
      button(el, 'Back').click();
      await waitForHeading(el, 'Pay bill INV-2001');
      expect(field(el, 'Email for your receipt (optional)').value).to.equal('john@example.com');
    });
  });

  describe('paying', () => {
    it('with the keyboard alone: saved Visa → receipt; one payment; the bill leaves the list and joins the history', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><button id="before">before</button><ic-bills endpoint=${endpoint} token=${token} account-number=${ACCOUNT} lang="en"></ic-bills></div>`,
      );
      const el = wrapper.querySelector('ic-bills')!;
      await loaded(el);
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const succeeded = oneEvent(el, 'ic-payment-succeeded');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab();
      expect(deepActiveElement()).to.equal(payButton(el));
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Pay bill INV-2001');
      await tab();
      expect(deepActiveElement()).to.equal(field(el, 'Amount to pay'));
      await tab();
      expect(deepActiveElement()).to.equal(field(el, 'Visa ending in 1111 Default'));
      await tab();
      expect(deepActiveElement()).to.equal(field(el, 'Email for your receipt (optional)'));
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Review your payment');
      await tab();
      expect(squash(deepActiveElement()!.textContent)).to.equal('Pay $142.75');
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Payment received');
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      await expect(el).to.be.accessible();

      const { detail } = await succeeded;
      isPlainJson(detail);
      expect(detail.receipt).to.include({ accountNumber: ACCOUNT, invoiceNumber: 'INV-2001', amountCents: 14275 });
      expect(detail.receipt.method).to.deep.equal({ kind: 'card', brand: 'visa', last4: '1111' });
      expect(visibleText(el)).to.contain(`Confirmation number ${detail.receipt.confirmationNumber}`);
      const paid = await newPayments();
      expect(paid).to.have.length(1);
      expect(paid[0]).to.deep.include({ invoiceNumber: 'INV-2001', amountCents: 14275 });

      await tab(); // Print receipt
      await tab();
      expect(squash(deepActiveElement()!.textContent)).to.equal('Back to bills');
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Account 100200301');
      await waitUntil(() => rows(el).length === 2, 'the new payment in the history');
      expect(openBills(el)).to.deep.equal([]);
      expect(visibleText(el)).to.contain('Nothing to pay right now.');
      expect(rows(el)[0]!.slice(1)).to.deep.equal(['INV-2001', '$142.75', 'Visa ending in 1111', detail.receipt.confirmationNumber, 'Approved']);
      await expect(el).to.be.accessible();
    });

    it('a double click and a repeated Enter on Pay charge once; busy meanwhile', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      await fault({ operation: 'InvoicePayWithSavedMethod', latencyMs: 800, times: 1 });
      const pay = button(el, 'Pay $142.75');
      pay.click();
      pay.click();
      pay.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(pay.getAttribute('aria-disabled')).to.equal('true');
      expect(squash(pay.textContent)).to.equal('Paying…');
      expect(statusText(el)).to.equal('Paying…');
      expect(el.busy).to.equal(true);
      expect(el.hasAttribute('busy')).to.equal(true);
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Payment received');
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(await newPayments()).to.have.length(1);
    });

    it('pays with a new card', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, (e) => fillCard(e, '5555555555554444'));
      expect(visibleText(el)).to.contain('Mastercard ending in 4444');
      expect(visibleText(el)).to.not.contain('5555 5555');
      await payAndWaitForReceipt(el);
      expect(visibleText(el)).to.contain('Mastercard ending in 4444');
      const paid = await newPayments();
      expect(paid).to.have.length(1);
      expect(paid[0]!.method).to.deep.include({ kind: 'card', last4: '4444' });
    });

    it('a declined card: the specific error, back to the method; nothing charged', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, (e) => fillCard(e, '4000000000000002'));
      const failed = oneEvent(el, 'ic-payment-failed');
      const errors = record('ic-error');
      try {
        button(el, 'Pay $142.75').click();
        const { detail } = await failed;
        isPlainJson(detail);
        expect(detail).to.deep.equal({ code: 'card_declined', message: 'Your card was declined. Check the card details or use a different card.' });
        expect(errors.seen.map((e) => e.detail.code)).to.deep.equal(['card_declined']);
      } finally {
        errors.stop();
      }
      await waitForHeading(el, 'Pay bill INV-2001');
      expect(alertText(el)).to.contain('Your card was declined.');
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      // What was typed is still there to fix.
      expect(field(methodForm(el), 'Card number').value).to.equal('4000 0000 0000 0002');
      await expect(el).to.be.accessible();
      expect(await newPayments()).to.have.length(0);
      expect(sessionStorage.getItem(STORAGE_KEY)).to.equal(null);
    });

    it('a closed bank account: the specific error; nothing charged', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, async (e) => {
        field(e, 'A new card or bank account').click();
        await e.updateComplete;
        const form = methodForm(e);
        field(form, 'Bank account').click();
        await form.updateComplete;
        await typeInto(field(form, 'Routing number'), '021000021');
        await typeInto(field(form, 'Bank account number'), '000000000');
        await typeInto(field(form, 'Confirm bank account number'), '000000000');
        await typeInto(field(form, 'Name on the bank account'), 'John Smith');
      });
      const failed = oneEvent(el, 'ic-payment-failed');
      button(el, 'Pay $142.75').click();
      expect((await failed).detail.code).to.equal('account_closed');
      await waitForHeading(el, 'Pay bill INV-2001');
      expect(alertText(el)).to.contain('That bank account is closed.');
      await expect(el).to.be.accessible();
      expect(await newPayments()).to.have.length(0);
    });

    it('an upstream timeout shows "confirming", then the receipt; one payment', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      // Past the broker's 2 s InvoiceCloud deadline: it answers 202 pending; the charge still happens.
      await fault({ operation: 'InvoicePayWithSavedMethod', latencyMs: 3000, times: 1 });
      const succeeded = oneEvent(el, 'ic-payment-succeeded');
      button(el, 'Pay $142.75').click();
      await waitForHeading(el, 'Confirming your payment', 6000);
      expect(visibleText(el)).to.contain('We are confirming your payment…');
      expect(visibleText(el)).to.contain('Do not pay again');
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Payment received', 20000);
      expect((await succeeded).detail.receipt.amountCents).to.equal(14275);
      expect(await newPayments()).to.have.length(1);
    });

    it('a reload mid-payment resumes it without a second charge; storage holds no card data', async () => {
      const first = await mount();
      await expect(first).to.be.accessible();
      await toReview(first, (e) => fillCard(e, '5555555555554444'));
      await fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 1500, times: 1 });
      button(first, 'Pay $142.75').click();
      await first.updateComplete;
      const stored = sessionStorage.getItem(STORAGE_KEY)!;
      expect(stored).to.be.a('string');
      for (const secret of ['5555555555554444', '5555 5555', '"123"', '62701']) expect(stored).to.not.contain(secret);
      // The reload comes once the payment is with the broker, mid-call to InvoiceCloud. (A status check that
      // overtakes its payment is answered "nothing was charged" and closes the key: exactly-once.test.ts.)
      await untilAsked('InvoicePayWithoutSavedMethod');
      first.remove();

      const el = await mount({ wait: false });
      await waitForHeading(el, 'Confirming your payment');
      await expect(el).to.be.accessible();
      const succeeded = oneEvent(el, 'ic-payment-succeeded');
      // The status checks back off (1, 2, 4, 8 s…) while the broker reconciles the cut-off request.
      await waitForHeading(el, 'Payment received', 25000);
      expect((await succeeded).detail.receipt.method.last4).to.equal('4444');
      expect(await newPayments()).to.have.length(1);
      expect(sessionStorage.getItem(STORAGE_KEY)).to.equal(null);
    });

    it('emits nothing when the host sets properties', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      const events = record('ic-payment-succeeded', 'ic-payment-failed', 'ic-error');
      try {
        el.lang = 'es';
        el.pageSize = 5;
        await el.updateComplete;
        await aTimeout(300);
        expect(events.seen).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });
  });

  describe('a payment being confirmed', () => {
    /** InvoiceCloud never answers the next payment: its outcome stays unknown, and the broker says so (202) after its 2 s deadline. */
    const loseNextPayment = () => fault({ operation: 'InvoicePayWithSavedMethod', hang: true, times: 1 });
    /** Another tab (or device) pays INV-2001 with the saved Visa, and its answer is lost. */
    async function paidElsewhere() {
      const other = new BrokerClient({ baseUrl: endpoint, token });
      const [visa] = await other.paymentMethods();
      await loseNextPayment();
      const r = await other.payBill(ACCOUNT, crypto.randomUUID(), { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: visa!.id } });
      expect(r.status).to.equal('pending');
    }
    /** When the bill's unresolved payment was made, as the bills answer it. */
    const pendingSince = async () =>
      (await new BrokerClient({ baseUrl: endpoint, token }).bills(ACCOUNT)).bills.find((b) => b.invoiceNumber === 'INV-2001')!.paymentPendingSince!;
    const payCalls = async () => (await operations()).filter((o) => o === 'InvoicePayWithSavedMethod');

    it('under review: says it takes longer than usual, not to pay again, and that an email will follow; no way to pay; the attempt stays kept', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      await loseNextPayment();
      button(el, 'Pay $142.75').click();
      // A signed-in payer is emailed the outcome.
      await expectUnderReview(el, { email: true, storageKey: STORAGE_KEY });
      expect(await payCalls()).to.have.length(1);
      expect(await newPayments()).to.have.length(0);
    });

    it('a bill another tab is paying has no Pay button: it says since when, and why', async () => {
      await paidElsewhere();
      const el = await mount();
      await expect(el).to.be.accessible();
      expect(openBills(el)).to.deep.equal([`Bill INV-2001 $142.75 due December 10, 2026 ${beingConfirmed(await pendingSince())}`]);
      expect(() => payButton(el)).to.throw();
      expect(await payCalls()).to.have.length(1);
    });

    it('another payment starts while this one is on review: 409, the message with its time, the events, back to the list with the bill marked; nothing sent', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      await paidElsewhere();
      const failed = oneEvent(el, 'ic-payment-failed');
      const errors = record('ic-error');
      try {
        button(el, 'Pay $142.75').click();
        const { detail } = await failed;
        const message = beingConfirmed(await pendingSince());
        isPlainJson(detail);
        expect(detail).to.deep.equal({ code: 'payment_being_confirmed', message });
        expect(errors.seen.map((e) => [e.detail.code, e.detail.message])).to.deep.equal([['payment_being_confirmed', message]]);
        await waitForHeading(el, 'Account 100200301');
        expect(alertText(el)).to.contain(message);
        expect(openBills(el)).to.deep.equal([`Bill INV-2001 $142.75 due December 10, 2026 ${message}`]);
      } finally {
        errors.stop();
      }
      expect(() => payButton(el)).to.throw();
      expect(deepActiveElement()).to.equal(root(el).querySelector('h2'));
      await expect(el).to.be.accessible();
      expect(sessionStorage.getItem(STORAGE_KEY)).to.equal(null);
      expect(await payCalls()).to.have.length(1);
    });
  });

  describe('long histories', () => {
    it('"Show more" appends the next page, announces the count and keeps focus sensible', async () => {
      // Four more payments of $1.00 with the saved Visa: five in the history, newest first.
      const client = new BrokerClient({ baseUrl: endpoint, token });
      const [visa] = await client.paymentMethods();
      for (let i = 0; i < 4; i++) {
        const r = await client.payBill(ACCOUNT, crypto.randomUUID(), { invoiceNumber: 'INV-2001', amountCents: 100, method: { kind: 'saved', id: visa!.id } });
        expect(r.status).to.equal('succeeded');
      }
      const el = await mount({ pageSize: 2 });
      await expect(el).to.be.accessible();
      expect(rows(el)).to.have.length(2);
      const more = button(el, 'Show more');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await waitUntil(() => rows(el).length === 4, 'the second page');
      await el.updateComplete;
      expect(statusText(el)).to.equal('Showing 4 payments');
      // More to come: focus stays on the button.
      expect(deepActiveElement()).to.equal(button(el, 'Show more'));
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rows(el).length === 5, 'the last page');
      await el.updateComplete;
      await aTimeout(0);
      expect(statusText(el)).to.equal('Showing 5 payments');
      expect(() => button(el, 'Show more')).to.throw();
      // The button is gone: focus goes to the first new row.
      expect(deepActiveElement()).to.equal(table(el)!.tBodies[0]!.rows[4]);
      expect(rows(el)[4]![1]).to.equal('INV-1990');
      const numbers = rows(el).map((r) => r[4]);
      expect(new Set(numbers).size).to.equal(5);
      await expect(el).to.be.accessible();
    });
  });

  describe('language and layout', () => {
    it('speaks Spanish with lang="es"', async () => {
      const el = await mount({ lang: 'es' });
      await expect(el).to.be.accessible();
      expect(heading(el)).to.equal('Cuenta 100200301');
      expect(visibleText(el)).to.contain('vence el 10 de diciembre de 2026');
      expect(squash(table(el)!.caption!.textContent)).to.equal('Historial de pagos');
      expect(rows(el)[0]).to.include('Aprobado');
      payButton(el).click();
      await waitForHeading(el, 'Pagar la factura INV-2001');
      expect(hasField(el, 'Cantidad a pagar')).to.equal(true);
      await expect(el).to.be.accessible();
      button(el, 'Continuar').click();
      await waitForHeading(el, 'Revise su pago');
      await expect(el).to.be.accessible();
    });

    it('fits 320 px without horizontal scrolling of the page, in every state', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px"><ic-bills endpoint=${endpoint} token=${token} account-number=${ACCOUNT} lang="en"></ic-bills></div>`,
      );
      const el = wrapper.querySelector('ic-bills')!;
      await loaded(el);
      await expect(el).to.be.accessible();
      const fits = async (state: string) => {
        await el.updateComplete;
        const base = root(el).querySelector<HTMLElement>('[part~="base"]')!;
        expect(el.getBoundingClientRect().width, state).to.be.at.most(320);
        expect(base.scrollWidth, state).to.be.at.most(base.clientWidth);
        await expect(el).to.be.accessible();
      };
      await fits('bills');
      await toPay(el);
      await fits('pay form');
      await fillCard(el, '5555555555554444');
      await fits('new method');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Review your payment');
      await fits('review');
      await payAndWaitForReceipt(el);
      await fits('receipt');
    });
  });
});
