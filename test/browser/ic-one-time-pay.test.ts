/**
 * <ic-one-time-pay> against the real stack: the broker and the InvoiceCloud
 * sandbox on real sockets. Assertions read what a payer sees and hears (text,
 * labels, focus, alerts) and what the host receives (events), plus the
 * sandbox's own record of payments: exactly one charge per payment.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcOneTimePay } from '../../src/index.ts';
import { ATTEMPT_STORAGE_KEY, saveAttempt } from '../../src/payments/payment-attempt.ts';
import { resetSandbox, sandbox, testStack } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { button, deepActiveElement, describedErrors, field, hasField, squash, typeInto, visibleText, waitUntil } from './helpers/dom.ts';
import { methodForm, typeCard } from './helpers/payment-method-form.ts';
import { beingConfirmed, expectUnderReview, madeOn } from './helpers/being-confirmed.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault, operations, untilAsked } from './helpers/sandbox.ts';

interface SandboxPayment {
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  method: { kind: string; brand: string; last4: string };
  status: 'approved' | 'declined';
}

let endpoint: string;

const heading = (el: IcOneTimePay) => squash(el.shadowRoot!.querySelector('h2')!.textContent);
const alertText = (el: IcOneTimePay) => squash(el.shadowRoot!.querySelector('[role="alert"]')!.textContent);
const statusText = (el: IcOneTimePay) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

async function payments(account = '100200300'): Promise<SandboxPayment[]> {
  return (await sandbox<SandboxPayment[]>(`/__sandbox/payments?account=${account}`)).body;
}
const approved = async (account?: string) => (await payments(account)).filter((p) => p.status === 'approved');

async function mount(o: { lang?: string; account?: string; client?: BrokerClient } = {}) {
  const el = await fixture<IcOneTimePay>(
    html`<ic-one-time-pay endpoint=${endpoint} lang=${o.lang ?? 'en'} account-number=${o.account ?? ''} .client=${o.client}></ic-one-time-pay>`,
  );
  await el.updateComplete;
  return el;
}

async function waitForHeading(el: IcOneTimePay, text: string, timeoutMs = 8000) {
  await waitUntil(() => heading(el).endsWith(text), `heading "${text}" (now "${heading(el)}")`, timeoutMs);
  await el.updateComplete;
}

async function findBill(el: IcOneTimePay, account = '100200300', lastName = 'Doe') {
  await typeInto(field(el, 'Account number'), account);
  await typeInto(field(el, 'Last name'), lastName);
  button(el, 'Find my bill').click();
  await waitForHeading(el, 'Payment amount');
}

const fillCard = (el: IcOneTimePay, number = '4111111111111111') => typeCard(methodForm(el), number, 'Jane Doe');

async function fillBank(el: IcOneTimePay, routing = '011000015', account = '123456789') {
  const form = methodForm(el);
  field(form, 'Bank account').click();
  await form.updateComplete;
  await typeInto(field(form, 'Routing number'), routing);
  await typeInto(field(form, 'Bank account number'), account);
  await typeInto(field(form, 'Confirm bank account number'), account);
  await typeInto(field(form, 'Name on the bank account'), 'Jane Doe');
}

/** Find bill → amount due → method → review. */
async function toReview(el: IcOneTimePay, method: (el: IcOneTimePay) => Promise<void> = fillCard) {
  await findBill(el);
  button(el, 'Continue').click();
  await waitForHeading(el, 'Payment method');
  await method(el);
  button(el, 'Continue').click();
  await waitForHeading(el, 'Review your payment');
}

describe('<ic-one-time-pay>', function () {
  this.timeout(20000);

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    sessionStorage.clear();
  });

  describe('find your bill', () => {
    it('shows the first step with visible labels, and prefills account-number', async () => {
      const el = await mount({ account: '100200300' });
      await expect(el).to.be.accessible();
      expect(heading(el)).to.equal('Step 1 of 4 Find your bill');
      expect(field(el, 'Account number').value).to.equal('100200300');
      expect(field(el, 'Last name').getAttribute('autocomplete')).to.equal('family-name');
      expect(button(el, 'Find my bill').type).to.equal('submit');
    });

    it('names each missing field and focuses the first', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      button(el, 'Find my bill').click();
      await el.updateComplete;
      await aTimeout(0);
      const account = field(el, 'Account number');
      expect(deepActiveElement()).to.equal(account);
      expect(account.getAttribute('aria-invalid')).to.equal('true');
      expect(describedErrors(account)).to.equal('Enter your account number.');
      expect(describedErrors(field(el, 'Last name'))).to.equal('Enter the last name on the account.');
      await expect(el).to.be.accessible();
    });

    it('says clearly when no bill matches, and tells the host', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Account number'), '100200300');
      await typeInto(field(el, 'Last name'), 'Smith');
      const event = oneEvent(el, 'ic-error');
      button(el, 'Find my bill').click();
      const { detail } = await event;
      expect(detail.code).to.equal('account_not_found');
      expect(detail.requestId).to.be.a('string').and.not.equal('');
      expect(detail.message).to.contain('could not find a bill');
      isPlainJson(detail);
      await el.updateComplete;
      expect(alertText(el)).to.contain('We could not find a bill with that account number and last name.');
      expect(alertText(el)).to.contain(`Reference: ${detail.requestId}`);
      expect(heading(el)).to.contain('Find your bill');
      await expect(el).to.be.accessible();
    });

    it('is busy while looking up: the button says so and a second submit sends nothing more', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await fault({ operation: 'LookupAccount', latencyMs: 600, times: 1 });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await typeInto(field(el, 'Account number'), '100200300');
      await typeInto(field(el, 'Last name'), 'Doe');
      const find = button(el, 'Find my bill');
      find.click();
      await el.updateComplete;
      find.click();
      await el.updateComplete;
      expect(find.getAttribute('aria-disabled')).to.equal('true');
      expect(find.textContent).to.contain('Looking up your bill…');
      expect(statusText(el)).to.equal('Looking up your bill…');
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Payment amount');
      const calls = (await sandbox<{ operation: string }[]>('/__sandbox/calls')).body;
      expect(calls.filter((c) => c.operation === 'LookupAccount')).to.have.length(1);
    });

    it('network down: says to check the connection', async () => {
      const el = await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint="http://127.0.0.1:9/api/v1"></ic-one-time-pay>`);
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Account number'), '100200300');
      await typeInto(field(el, 'Last name'), 'Doe');
      const event = oneEvent(el, 'ic-error');
      button(el, 'Find my bill').click();
      expect((await event).detail.code).to.equal('network_error');
      await el.updateComplete;
      expect(alertText(el)).to.contain('We cannot reach the payment service. Check your internet connection and try again.');
      await expect(el).to.be.accessible();
    });

    it('timeout: says the service is taking too long', async () => {
      const el = await mount({ client: new BrokerClient({ baseUrl: endpoint, timeoutMs: 300 }) });
      await expect(el).to.be.accessible();
      await fault({ operation: 'LookupAccount', latencyMs: 1500, times: 1 });
      await typeInto(field(el, 'Account number'), '100200300');
      await typeInto(field(el, 'Last name'), 'Doe');
      const event = oneEvent(el, 'ic-error');
      button(el, 'Find my bill').click();
      expect((await event).detail.code).to.equal('timeout');
      await el.updateComplete;
      expect(alertText(el)).to.contain('The payment service is taking too long to answer.');
    });

    it('rate limited: says when to try again', async () => {
      const tooMany = (async () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'x', requestId: 'r-429', retryable: true } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '45' },
        })) as typeof fetch;
      const el = await mount({ client: new BrokerClient({ baseUrl: endpoint, fetch: tooMany }) });
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Account number'), '100200300');
      await typeInto(field(el, 'Last name'), 'Doe');
      button(el, 'Find my bill').click();
      await waitUntil(() => alertText(el), 'an alert');
      expect(alertText(el)).to.contain('Too many tries. Please try again in 45 seconds.');
      await expect(el).to.be.accessible();
    });
  });

  describe('amount', () => {
    it('starts at the amount due and shows the bill number and due date', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await findBill(el);
      await expect(el).to.be.accessible();
      expect(deepActiveElement()).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(field(el, 'Amount to pay').value).to.equal('84.20');
      const text = visibleText(el);
      expect(text).to.contain('Bill INV-1001');
      expect(text).to.contain('$84.20 due December 15, 2026');
    });

    it('accepts at least the smallest payment taken online ($1.00) and at most $10,000.00; nothing is sent meanwhile', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await findBill(el);
      const amount = field(el, 'Amount to pay');
      for (const [typed, message] of [
        ['0', 'Enter an amount greater than $0.00.'],
        ['0.99', 'The smallest payment accepted online is $1.00.'],
        ['10000.01', 'The most you can pay online at one time is $10,000.00.'],
        ['84,20', 'Enter the amount in dollars and cents, for example 84.20.'],
      ]) {
        await typeInto(amount, typed!);
        button(el, 'Continue').click();
        await el.updateComplete;
        await aTimeout(0);
        expect(describedErrors(amount), typed).to.equal(message);
        expect(deepActiveElement()).to.equal(amount);
      }
      await expect(el).to.be.accessible();
      expect(await operations()).to.deep.equal(['LookupAccount']);
      await typeInto(amount, '$1.00');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Payment method');
    });

    it('an account with nothing to pay says so', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Account number'), '100200302');
      await typeInto(field(el, 'Last name'), 'Smith');
      button(el, 'Find my bill').click();
      await waitForHeading(el, 'Payment amount');
      expect(visibleText(el)).to.contain('This account has no bill to pay online right now.');
      expect(hasField(el, 'Amount to pay')).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('payment method and review', () => {
    it('checks the card before going on, focusing the first invalid field', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await findBill(el);
      button(el, 'Continue').click();
      await waitForHeading(el, 'Payment method');
      await expect(el).to.be.accessible();
      for (const label of ['Card number', 'Expiration', 'Security code']) expect(hasField(methodForm(el), label), label).to.equal(true);
      button(el, 'Continue').click();
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(field(methodForm(el), 'Card number'));
      expect(heading(el)).to.contain('Payment method');
      await expect(el).to.be.accessible();
    });

    it('checks an optional receipt email', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await findBill(el);
      button(el, 'Continue').click();
      await waitForHeading(el, 'Payment method');
      await fillCard(el);
      const email = field(el, 'Email for your receipt (optional)');
      await typeInto(email, 'not-an-email');
      button(el, 'Continue').click();
      await el.updateComplete;
      await aTimeout(0);
      expect(describedErrors(email)).to.contain('Enter an email address like name@example.com');
      expect(deepActiveElement()).to.equal(email);
    });

    it('reviews amount, bill and the method’s last four, and goes back to edit', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      await expect(el).to.be.accessible();
      const text = visibleText(el);
      expect(text).to.contain('$84.20');
      expect(text).to.contain('INV-1001');
      expect(text).to.contain('Visa ending in 1111');
      expect(text).to.not.contain('4111 1111');
      expect(button(el, 'Pay $84.20')).to.exist;

      button(el, 'Edit payment method').click();
      await waitForHeading(el, 'Payment method');
      expect(field(methodForm(el), 'Card number').value).to.equal('4111 1111 1111 1111');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Review your payment');
      button(el, 'Edit amount').click();
      await waitForHeading(el, 'Payment amount');
      expect(field(el, 'Amount to pay').value).to.equal('84.20');
    });
  });

  describe('paying', () => {
    it('pays by card: receipt, event, focus, and exactly one payment', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      const succeeded = oneEvent(el, 'ic-payment-succeeded');
      button(el, 'Pay $84.20').click();
      const { detail } = await succeeded;
      isPlainJson(detail);
      expect(detail.receipt).to.include({ accountNumber: '100200300', invoiceNumber: 'INV-1001', amountCents: 8420 });
      expect(detail.receipt.method).to.deep.equal({ kind: 'card', brand: 'visa', last4: '1111' });
      await waitForHeading(el, 'Payment received');
      expect(deepActiveElement()).to.equal(el.shadowRoot!.querySelector('h2'));
      const receipt = el.shadowRoot!.querySelector('[part~="receipt"]')!;
      const text = visibleText(receipt);
      expect(text).to.contain('Confirmation number');
      expect(text).to.contain(detail.receipt.confirmationNumber);
      expect(text).to.contain('$84.20');
      expect(text).to.contain('Visa ending in 1111');
      await expect(el).to.be.accessible();

      const paid = await payments();
      expect(paid).to.have.length(1);
      expect(paid[0]).to.deep.include({ invoiceNumber: 'INV-1001', amountCents: 8420, status: 'approved' });
      expect(paid[0]!.method).to.deep.equal({ kind: 'card', brand: 'visa', last4: '1111' });
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
    });

    it('pays by bank account: receipt and exactly one payment', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, (e) => fillBank(e));
      expect(visibleText(el)).to.contain('Checking account ending in 6789');
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Payment received');
      expect(visibleText(el)).to.contain('Checking account ending in 6789');
      await expect(el).to.be.accessible();
      const paid = await payments();
      expect(paid).to.have.length(1);
      expect(paid[0]).to.deep.include({ amountCents: 8420, status: 'approved' });
      expect(paid[0]!.method).to.deep.include({ kind: 'ach', last4: '6789' });
    });

    it('can be completed with the keyboard alone', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><button id="before">before</button><ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay></div>`,
      );
      const el = wrapper.querySelector('ic-one-time-pay')!;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab();
      expect(deepActiveElement()).to.equal(field(el, 'Account number'));
      await sendKeys({ type: '100200300' });
      await tab();
      await sendKeys({ type: 'Doe' });
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Payment amount');
      await tab(); // the bill (a radio group)
      await tab(); // the amount
      expect(deepActiveElement()).to.equal(field(el, 'Amount to pay'));
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Payment method');
      await tab(); // "Card" radio
      await tab();
      expect(deepActiveElement()).to.equal(field(methodForm(el), 'Card number'));
      for (const value of ['4111111111111111', '1230', '123', 'Jane Doe', '62701']) {
        await sendKeys({ type: value });
        await tab();
      }
      expect(deepActiveElement()).to.equal(field(el, 'Email for your receipt (optional)'));
      await sendKeys({ type: 'jane@example.com' });
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Review your payment');
      await tab();
      expect(deepActiveElement()!.textContent).to.contain('Pay $84.20');
      await sendKeys({ press: 'Enter' });
      await waitForHeading(el, 'Payment received');
      expect(visibleText(el)).to.contain('A copy of this receipt was sent to jane@example.com.');
      await tab(); // Print
      await tab(); // Create an account
      const register = oneEvent(el, 'ic-register-requested');
      await sendKeys({ press: 'Enter' });
      const { detail } = await register;
      expect(detail).to.deep.equal({ accountNumber: '100200300', email: 'jane@example.com' });
      expect(await approved()).to.have.length(1);
    });

    it('a double click and Enter on Pay charge once; the button is busy meanwhile', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      await fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 800, times: 1 });
      const pay = button(el, 'Pay $84.20');
      pay.click();
      pay.click();
      pay.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(pay.getAttribute('aria-disabled')).to.equal('true');
      expect(pay.textContent).to.contain('Paying…');
      expect(el.busy).to.equal(true);
      expect(el.hasAttribute('busy')).to.equal(true);
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Payment received');
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(await payments()).to.have.length(1);
    });

    it('a payment that outlives the broker’s deadline shows "confirming", then the receipt; one charge', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      // Longer than the broker's upstream deadline: the broker answers 202 pending, the charge still happens.
      await fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 3000, times: 1 });
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Confirming your payment', 6000);
      expect(visibleText(el)).to.contain('We are confirming your payment…');
      expect(visibleText(el)).to.contain('Do not pay again');
      expect(deepActiveElement()).to.equal(el.shadowRoot!.querySelector('h2'));
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Payment received', 15000);
      expect(await payments()).to.have.length(1);
    });

    it('a reply lost on the way back: same key asked again, receipt, one charge', async () => {
      const sent: { method: string; url: string; key: string | null }[] = [];
      let lost = false;
      const lossy = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        sent.push({ method: init?.method ?? 'GET', url: String(input), key: headers.get('idempotency-key') });
        const res = await fetch(input, init);
        if (!lost && init?.method === 'POST' && String(input).endsWith('/guest/payments')) {
          lost = true;
          throw new TypeError('Failed to fetch');
        }
        return res;
      }) as typeof fetch;
      const el = await mount({ client: new BrokerClient({ baseUrl: endpoint, fetch: lossy }) });
      await expect(el).to.be.accessible();
      await toReview(el);
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Payment received', 10000);
      const posts = sent.filter((s) => s.method === 'POST' && s.url.endsWith('/guest/payments'));
      const checks = sent.filter((s) => s.method === 'GET' && s.url.includes('/guest/payments/'));
      expect(posts).to.have.length(1);
      expect(checks.length).to.be.at.least(1);
      expect(checks.every((c) => c.url.endsWith(`/guest/payments/${posts[0]!.key}`))).to.equal(true);
      expect(await payments()).to.have.length(1);
    });

    it('a reload mid-payment resumes it without a second charge; storage never holds card data', async () => {
      const first = await mount();
      await expect(first).to.be.accessible();
      await toReview(first);
      await fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 1500, times: 1 });
      button(first, 'Pay $84.20').click();
      await first.updateComplete;
      const stored = sessionStorage.getItem(ATTEMPT_STORAGE_KEY)!;
      expect(stored).to.be.a('string');
      for (const secret of ['4111111111111111', '1111 1111', '"123"', 'Jane Doe', '62701']) expect(stored).to.not.contain(secret);
      // The reload comes once the payment is with the broker, mid-call to InvoiceCloud. (A status check that
      // overtakes its payment is answered "nothing was charged" and closes the key: exactly-once.test.ts.)
      await untilAsked('InvoicePayWithoutSavedMethod');
      first.remove();

      const el = await mount();
      await expect(el).to.be.accessible();
      await waitForHeading(el, 'Confirming your payment');
      await expect(el).to.be.accessible();
      const succeeded = oneEvent(el, 'ic-payment-succeeded');
      await waitForHeading(el, 'Payment received', 12000);
      expect((await succeeded).detail.receipt.amountCents).to.equal(8420);
      expect(await payments()).to.have.length(1);
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
    });

    it('a stored attempt the broker never saw is cleared: nothing was charged, start over', async () => {
      const { lookupToken } = await new BrokerClient({ baseUrl: endpoint }).lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      saveAttempt({
        idempotencyKey: crypto.randomUUID(),
        credential: lookupToken,
        accountNumber: '100200300',
        invoiceNumber: 'INV-1001',
        amountCents: 8420,
        createdAt: new Date().toISOString(),
      });
      const el = await mount();
      await expect(el).to.be.accessible();
      await waitUntil(() => alertText(el), 'an alert');
      expect(alertText(el)).to.contain('Your payment did not go through and you were not charged. You can try again.');
      expect(heading(el)).to.contain('Find your bill');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      await expect(el).to.be.accessible();
      expect(await payments()).to.have.length(0);
    });

    it('an expired look-up while confirming: asks to look up again, then resumes the same attempt', async () => {
      saveAttempt({
        idempotencyKey: crypto.randomUUID(),
        credential: 'expired-token',
        accountNumber: '100200300',
        invoiceNumber: 'INV-1001',
        amountCents: 8420,
        createdAt: new Date().toISOString(),
      });
      const el = await mount();
      await expect(el).to.be.accessible();
      await waitUntil(() => alertText(el), 'an alert');
      expect(alertText(el)).to.contain('Your time to pay this bill ran out. Look up your bill again to continue.');
      expect(field(el, 'Account number').value).to.equal('100200300');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.not.equal(null);
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Last name'), 'Doe');
      button(el, 'Find my bill').click();
      // Asked about with the new token: the broker never saw that key, so nothing was charged.
      await waitUntil(() => alertText(el).includes('you were not charged'), 'the not-charged message');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
    });
  });

  describe('declines', () => {
    async function payExpectingDecline(fill: (el: IcOneTimePay) => Promise<void>, code: string, message: string) {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, fill);
      const failed = oneEvent(el, 'ic-payment-failed');
      button(el, 'Pay $84.20').click();
      const { detail } = await failed;
      isPlainJson(detail);
      expect(detail.code).to.equal(code);
      expect(detail.message).to.equal(message);
      await waitForHeading(el, 'Payment method');
      expect(alertText(el)).to.contain(message);
      await expect(el).to.be.accessible();
      expect(await approved()).to.have.length(0);
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      return el;
    }

    it('declined card: says so; another card is a new attempt that pays once', async () => {
      const el = await payExpectingDecline(
        (e) => fillCard(e, '4000000000000002'),
        'card_declined',
        'Your card was declined. Check the card details or use a different card.',
      );
      await typeInto(field(methodForm(el), 'Card number'), '5555555555554444');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Review your payment');
      expect(visibleText(el)).to.contain('Mastercard ending in 4444');
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Payment received');
      const ok = await approved();
      expect(ok).to.have.length(1);
      expect(ok[0]!.method.last4).to.equal('4444');
    });

    it('insufficient funds', async () => {
      await payExpectingDecline(
        (e) => fillCard(e, '4000000000009995'),
        'insufficient_funds',
        'The payment was declined for insufficient funds. Use a different card or bank account.',
      );
    });

    it('closed bank account', async () => {
      await payExpectingDecline(
        (e) => fillBank(e, '021000021', '000000000'),
        'account_closed',
        'That bank account is closed. Use a different bank account or a card.',
      );
    });
  });

  describe('a payment being confirmed', () => {
    const card = { kind: 'card' as const, number: '4111111111111111', expMonth: 12, expYear: 2030, securityCode: '123', name: 'Jane Doe', postalCode: '62701' };
    /** InvoiceCloud never answers the next payment: its outcome stays unknown, and the broker says so (202) after its 2 s deadline. */
    const loseNextPayment = () => fault({ operation: 'InvoicePayWithoutSavedMethod', hang: true, times: 1 });
    /** When the bill's unresolved payment was made, as a new look-up answers it. */
    const pendingSince = async () =>
      (await new BrokerClient({ baseUrl: endpoint }).lookupAccount({ accountNumber: '100200300', lastName: 'Doe' })).account.invoices[0]!.paymentPendingSince!;
    const payCalls = async () => (await operations()).filter((o) => o === 'InvoicePayWithoutSavedMethod');

    it('under review: says it takes longer than usual, not to pay again, and that an email will follow; no way to pay; the attempt stays kept', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el, async (e) => {
        await fillCard(e);
        await typeInto(field(e, 'Email for your receipt (optional)'), 'jane@example.com');
      });
      await loseNextPayment();
      button(el, 'Pay $84.20').click();
      // The payer gave an address: the broker will email the outcome.
      await expectUnderReview(el, { email: true, storageKey: ATTEMPT_STORAGE_KEY });
      expect(hasField(el, 'Amount to pay')).to.equal(false);
      expect(await payCalls()).to.have.length(1);
      expect(await payments()).to.have.length(0);
    });

    it('under review, in Spanish', async () => {
      const el = await mount({ lang: 'es' });
      await expect(el).to.be.accessible();
      await typeInto(field(el, 'Número de cuenta'), '100200300');
      await typeInto(field(el, 'Apellido'), 'Doe');
      button(el, 'Buscar mi factura').click();
      await waitForHeading(el, 'Cantidad a pagar');
      button(el, 'Continuar').click();
      await waitForHeading(el, 'Forma de pago');
      const form = methodForm(el);
      for (const [label, value] of [['Número de tarjeta', '4111111111111111'], ['Vencimiento', '1230'], ['Código de seguridad', '123'], ['Nombre en la tarjeta', 'Juana Pérez'], ['Código postal', '62701']] as const) {
        await typeInto(field(form, label), value);
      }
      button(el, 'Continuar').click();
      await waitForHeading(el, 'Revise su pago');
      await loseNextPayment();
      button(el, 'Pagar').click();
      await waitUntil(() => visibleText(el).includes('Esto está tardando más de lo normal.'), 'the review wording', 12000);
      await el.updateComplete;
      const words = 'Estamos confirmando su pago. Esto está tardando más de lo normal. Mantenga esta página abierta. No vuelva a pagar: no se le cobrará dos veces.';
      expect(heading(el)).to.equal('Confirmando su pago');
      expect(visibleText(el)).to.contain(words);
      expect(statusText(el)).to.equal(words);
      // No address given: no email is promised.
      expect(visibleText(el)).to.not.contain('correo');
      await expect(el).to.be.accessible();
    });

    it('another tab is paying the bill: a look-up here shows why it cannot be paid again, with no amount to submit; Back still works', async () => {
      const first = await mount();
      await expect(first).to.be.accessible();
      await toReview(first);
      await loseNextPayment();
      button(first, 'Pay $84.20').click();
      await waitForHeading(first, 'Confirming your payment', 6000);
      // The other tab: its own page, its own sessionStorage.
      first.remove();
      sessionStorage.clear();

      const el = await mount();
      await findBill(el);
      await expect(el).to.be.accessible();
      const message = beingConfirmed(await pendingSince());
      expect(visibleText(el)).to.contain(`Bill INV-1001 $84.20 due December 15, 2026 ${message}`);
      expect(hasField(el, 'Amount to pay')).to.equal(false);
      expect(() => button(el, 'Continue')).to.throw();
      // The bill's radio button is described by why it cannot be paid.
      const radio = field(el, 'Bill INV-1001 $84.20 due December 15, 2026');
      expect(squash(el.shadowRoot!.getElementById(radio.getAttribute('aria-describedby')!)!.textContent)).to.equal(message);
      button(el, 'Back').click();
      await waitForHeading(el, 'Find your bill');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      expect(await payCalls()).to.have.length(1);
    });

    it('another payment starts while this one is on review: 409, the message with its time, the events, no form; nothing sent, its key never asked about', async () => {
      const { fetch, requests } = countingFetch();
      const el = await mount({ client: new BrokerClient({ baseUrl: endpoint, fetch }) });
      await expect(el).to.be.accessible();
      await toReview(el);
      // Another tab (or device) pays the same bill, and its answer is lost.
      const other = new BrokerClient({ baseUrl: endpoint });
      const { lookupToken } = await other.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      await loseNextPayment();
      const theirs = await other.payAsGuest(lookupToken, crypto.randomUUID(), { invoiceNumber: 'INV-1001', amountCents: 8420, method: card });
      expect(theirs.status).to.equal('pending');

      const failed = oneEvent(el, 'ic-payment-failed');
      const error = oneEvent(el, 'ic-error');
      button(el, 'Pay $84.20').click();
      const { detail } = await failed;
      const message = beingConfirmed(await pendingSince());
      isPlainJson(detail);
      expect(detail).to.deep.equal({ code: 'payment_being_confirmed', message });
      expect((await error).detail).to.include({ code: 'payment_being_confirmed', message });
      await waitForHeading(el, 'Payment amount');
      expect(alertText(el)).to.contain(message);
      expect(visibleText(el)).to.contain(`Bill INV-1001 $84.20 due December 15, 2026 ${message}`);
      expect(hasField(el, 'Amount to pay')).to.equal(false);
      expect(() => button(el, /Pay|Continue/)).to.throw();
      await expect(el).to.be.accessible();
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      expect(requests.filter((r) => r.includes('/guest/payments'))).to.deep.equal(['POST /guest/payments']);
      expect(await payCalls()).to.have.length(1);
    });

    it('its time is written in the payer’s language', async () => {
      const other = new BrokerClient({ baseUrl: endpoint });
      const { lookupToken } = await other.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      await loseNextPayment();
      await other.payAsGuest(lookupToken, crypto.randomUUID(), { invoiceNumber: 'INV-1001', amountCents: 8420, method: card });
      const el = await mount({ lang: 'es' });
      await typeInto(field(el, 'Número de cuenta'), '100200300');
      await typeInto(field(el, 'Apellido'), 'Doe');
      button(el, 'Buscar mi factura').click();
      await waitForHeading(el, 'Cantidad a pagar');
      expect(visibleText(el)).to.contain(
        `Un pago de esta factura hecho el ${madeOn(await pendingSince(), 'es')} todavía se está confirmando. Para evitar que pague dos veces, no se puede volver a pagar la factura hasta entonces.`,
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('receipt, events, language and layout', () => {
    it('Print calls window.print(); Create an account asks the host', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      await toReview(el);
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Payment received');
      const original = window.print;
      let printed = 0;
      window.print = () => void printed++;
      try {
        button(el, 'Print receipt').click();
      } finally {
        window.print = original;
      }
      expect(printed).to.equal(1);
      const register = oneEvent(el, 'ic-register-requested');
      button(el, 'Create an account').click();
      const event = await register;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ accountNumber: '100200300', email: null });
    });

    it('emits nothing when the host sets properties', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      const seen: string[] = [];
      for (const name of ['ic-payment-succeeded', 'ic-payment-failed', 'ic-register-requested', 'ic-error']) {
        el.addEventListener(name, () => seen.push(name));
      }
      el.accountNumber = '100200301';
      el.lang = 'es';
      el.endpoint = 'http://127.0.0.1:9/api/v1';
      await el.updateComplete;
      await aTimeout(50);
      expect(seen).to.deep.equal([]);
      expect(field(el, 'Número de cuenta').value).to.equal('100200301');
    });

    it('speaks Spanish with lang="es"', async () => {
      const el = await mount({ lang: 'es' });
      await expect(el).to.be.accessible();
      expect(heading(el)).to.equal('Paso 1 de 4 Busque su factura');
      await typeInto(field(el, 'Número de cuenta'), '100200300');
      await typeInto(field(el, 'Apellido'), 'Doe');
      button(el, 'Buscar mi factura').click();
      await waitForHeading(el, 'Cantidad a pagar');
      expect(visibleText(el)).to.contain('vence el 15 de diciembre de 2026');
      button(el, 'Continuar').click();
      await waitForHeading(el, 'Forma de pago');
      for (const label of ['Número de tarjeta', 'Vencimiento', 'Código de seguridad']) {
        expect(hasField(methodForm(el), label), label).to.equal(true);
      }
      await expect(el).to.be.accessible();
    });

    it('fits 320 px without horizontal scrolling at every step', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px"><ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay></div>`,
      );
      const el = wrapper.querySelector('ic-one-time-pay')!;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const fits = (step: string) => {
        const base = el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
        expect(el.getBoundingClientRect().width, step).to.be.at.most(320);
        expect(base.scrollWidth, step).to.be.at.most(base.clientWidth);
        // The card form is there from the amount step on (it comes with the steps after the look-up).
        const form = el.shadowRoot!.querySelector('ic-payment-method-form')?.shadowRoot;
        for (const input of form?.querySelectorAll('input') ?? []) {
          if (input.offsetParent) expect(input.getBoundingClientRect().right, step).to.be.at.most(el.getBoundingClientRect().right + 0.5);
        }
      };
      fits('find bill');
      await findBill(el);
      fits('amount');
      button(el, 'Continue').click();
      await waitForHeading(el, 'Payment method');
      fits('card');
      await fillCard(el);
      button(el, 'Continue').click();
      await waitForHeading(el, 'Review your payment');
      fits('review');
      button(el, 'Pay $84.20').click();
      await waitForHeading(el, 'Payment received');
      fits('receipt');
    });
  });
});
