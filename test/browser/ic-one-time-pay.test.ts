/**
 * <ic-one-time-pay> against the real stack: the broker and the InvoiceCloud
 * sandbox on real sockets. The shared pay flow suite (pay-flow-suite.ts),
 * then what only a guest's payment does: find the bill, choose the amount,
 * the keyboard walk, a kept attempt after a reload, Spanish, 320 px.
 * Assertions read what a payer sees and hears (text, labels, focus, alerts)
 * and what the host receives (events), plus the sandbox's own record of
 * payments: exactly one charge per payment.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcOneTimePay } from '../../src/index.ts';
import { ATTEMPT_STORAGE_KEY, saveAttempt } from '../../src/payments/payment-attempt.ts';
import { resetSandbox, sandbox, testStack } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { beingConfirmed, madeOn } from './helpers/being-confirmed.ts';
import { deepActiveElement, field, focused, squash, typeInto } from './helpers/dom.ts';
import { OneTimePayHarness } from './helpers/harness/one-time-pay.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { runPayFlowSuite } from './pay-flow-suite.ts';
import { visa } from '../support/cards.ts';
import { keptAttempt } from './helpers/attempts.ts';

let endpoint: string;

async function payments(account = '100200300'): Promise<{ status: string }[]> {
  return (await sandbox<{ status: string }[]>(`/__sandbox/payments?account=${account}`)).body;
}

async function mount(o: { lang?: string; account?: string; client?: BrokerClient } = {}): Promise<OneTimePayHarness> {
  const { endpoint } = await testStack();
  const el = await fixture<IcOneTimePay>(
    html`<ic-one-time-pay
      endpoint=${endpoint}
      lang=${o.lang ?? 'en'}
      account-number=${o.account ?? ''}
      .client=${o.client}
    ></ic-one-time-pay>`,
  );
  await el.updateComplete;
  return new OneTimePayHarness(el);
}

/** InvoiceCloud never answers the next payment: its outcome stays unknown, and the broker says so (202) after its 2 s deadline. */
const loseNextPayment = () => fault({ operation: 'InvoicePayWithoutSavedMethod', hang: true, times: 1 });
/** When the bill's unresolved payment was made, as a new look-up answers it. */
async function pendingSince(): Promise<string> {
  const { endpoint } = await testStack();
  const { account } = await new BrokerClient({ baseUrl: endpoint }).lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
  return account.invoices[0]!.paymentPendingSince!;
}
/** Another tab (or device) pays INV-1001 by card, and its answer is lost. */
async function payElsewhere(): Promise<void> {
  const other = new BrokerClient({ baseUrl: (await testStack()).endpoint });
  const { lookupToken } = await other.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
  await loseNextPayment();
  const theirs = await other.payAsGuest(lookupToken, crypto.randomUUID(), { invoiceNumber: 'INV-1001', amountCents: 8420, method: visa() });
  expect(theirs.status).to.equal('pending');
}

runPayFlowSuite('ic-one-time-pay', {
  mount: async ({ fetch } = {}) => mount(fetch ? { client: new BrokerClient({ baseUrl: (await testStack()).endpoint, fetch }) } : {}),
  account: '100200300',
  invoice: 'INV-1001',
  amountCents: 8420,
  pay: 'Pay $84.20',
  bill: 'Bill INV-1001 $84.20 due December 15, 2026',
  charge: 'InvoicePayWithoutSavedMethod',
  storageKey: ATTEMPT_STORAGE_KEY,
  methodHeading: 'Payment method',
  refusedHeading: 'Payment amount',
  paymentsPath: '/guest/payments',
  // A guest is emailed only at an address they give.
  reviewEmail: 'jane@example.com',
  payElsewhere,
  pendingSince,
  afterRefused: (h) => expect(h.hasField('Amount to pay'), 'no amount to submit').to.equal(false),
});

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
      const h = await mount({ account: '100200300' });
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Step 1 of 4 Find your bill');
      expect(h.field('Account number').value).to.equal('100200300');
      expect(h.field('Last name').getAttribute('autocomplete')).to.equal('family-name');
      expect(h.button('Find my bill').type).to.equal('submit');
    });

    it('names each missing field and focuses the first', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      h.button('Find my bill').click();
      const account = h.field('Account number');
      await focused(() => account, 'the account number');
      expect(account.getAttribute('aria-invalid')).to.equal('true');
      expect(h.errorOf('Account number')).to.equal('Enter your account number.');
      expect(h.errorOf('Last name')).to.equal('Enter the last name on the account.');
      await expect(h.el).to.be.accessible();
    });

    it('says clearly when no bill matches, and tells the host', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await typeInto(h.field('Account number'), '100200300');
      await typeInto(h.field('Last name'), 'Smith');
      const event = oneEvent(h.el, 'ic-error');
      h.button('Find my bill').click();
      const { detail } = await event;
      expect(detail.code).to.equal('account_not_found');
      expect(detail.requestId).to.be.a('string').and.not.equal('');
      expect(detail.message).to.contain('could not find a bill');
      isPlainJson(detail);
      await h.el.updateComplete;
      expect(h.alertText()).to.contain('We could not find a bill with that account number and last name.');
      expect(h.alertText()).to.contain(`Reference: ${detail.requestId}`);
      expect(h.heading()).to.contain('Find your bill');
      await expect(h.el).to.be.accessible();
    });

    it('is busy while looking up: the button says so and a second submit sends nothing more', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await fault({ operation: 'LookupAccount', latencyMs: 600, times: 1 });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await typeInto(h.field('Account number'), '100200300');
      await typeInto(h.field('Last name'), 'Doe');
      const find = h.button('Find my bill');
      find.click();
      await h.el.updateComplete;
      find.click();
      await h.el.updateComplete;
      expect(find.getAttribute('aria-disabled')).to.equal('true');
      expect(find.textContent).to.contain('Looking up your bill…');
      expect(h.statusText()).to.equal('Looking up your bill…');
      await expect(h.el).to.be.accessible();
      await h.waitForHeading('Payment amount');
      expect((await operations()).filter((o) => o === 'LookupAccount')).to.have.length(1);
    });

    it('network down: says to check the connection', async () => {
      const el = await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint="http://127.0.0.1:9/api/v1"></ic-one-time-pay>`);
      const h = new OneTimePayHarness(el);
      await expect(el).to.be.accessible();
      await typeInto(h.field('Account number'), '100200300');
      await typeInto(h.field('Last name'), 'Doe');
      const event = oneEvent(el, 'ic-error');
      h.button('Find my bill').click();
      expect((await event).detail.code).to.equal('network_error');
      await el.updateComplete;
      expect(h.alertText()).to.contain('We cannot reach the payment service. Check your internet connection and try again.');
      await expect(el).to.be.accessible();
    });

    it('timeout: says the service is taking too long', async () => {
      const h = await mount({ client: new BrokerClient({ baseUrl: endpoint, timeoutMs: 300 }) });
      await expect(h.el).to.be.accessible();
      await fault({ operation: 'LookupAccount', latencyMs: 1500, times: 1 });
      await typeInto(h.field('Account number'), '100200300');
      await typeInto(h.field('Last name'), 'Doe');
      const event = oneEvent(h.el, 'ic-error');
      h.button('Find my bill').click();
      expect((await event).detail.code).to.equal('timeout');
      await h.el.updateComplete;
      expect(h.alertText()).to.contain('The payment service is taking too long to answer.');
    });

    it('rate limited: says when to try again', async () => {
      const tooMany = (async () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'x', requestId: 'r-429', retryable: true } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '45' },
        })) as typeof fetch;
      const h = await mount({ client: new BrokerClient({ baseUrl: endpoint, fetch: tooMany }) });
      await expect(h.el).to.be.accessible();
      await typeInto(h.field('Account number'), '100200300');
      await typeInto(h.field('Last name'), 'Doe');
      h.button('Find my bill').click();
      expect(await h.alert()).to.contain('Too many tries. Please try again in 45 seconds.');
      await expect(h.el).to.be.accessible();
    });
  });

  describe('amount', () => {
    it('starts at the amount due and shows the bill number and due date', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.findBill();
      await expect(h.el).to.be.accessible();
      expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
      expect(h.field('Amount to pay').value).to.equal('84.20');
      expect(h.text()).to.contain('Bill INV-1001');
      expect(h.text()).to.contain('$84.20 due December 15, 2026');
    });

    it('accepts at least the smallest payment taken online ($1.00) and at most $10,000.00; nothing is sent meanwhile', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.findBill();
      const amount = h.field('Amount to pay');
      for (const [typed, message] of [
        ['0', 'Enter an amount greater than $0.00.'],
        ['0.99', 'The smallest payment accepted online is $1.00.'],
        ['10000.01', 'The most you can pay online at one time is $10,000.00.'],
        ['84,20', 'Enter the amount in dollars and cents, for example 84.20.'],
      ]) {
        await typeInto(amount, typed!);
        h.button('Continue').click();
        await h.until(() => h.errorOf('Amount to pay') === message, `the error for ${typed}`);
        await focused(() => amount, `the amount, after ${typed}`);
      }
      await expect(h.el).to.be.accessible();
      expect(await operations()).to.deep.equal(['LookupAccount']);
      await typeInto(amount, '$1.00');
      h.button('Continue').click();
      await h.waitForHeading('Payment method');
    });

    it('an account with nothing to pay says so', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.findBill('100200302', 'Smith');
      expect(h.text()).to.contain('This account has no bill to pay online right now.');
      expect(h.hasField('Amount to pay')).to.equal(false);
      await expect(h.el).to.be.accessible();
    });
  });

  describe('payment method and review', () => {
    it('checks the card before going on, focusing the first invalid field', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.findBill();
      h.button('Continue').click();
      await h.waitForHeading('Payment method');
      await expect(h.el).to.be.accessible();
      for (const label of ['Card number', 'Expiration', 'Security code']) expect(h.hasField(label), label).to.equal(true);
      h.button('Continue').click();
      await h.el.updateComplete;
      expect(deepActiveElement() === field(h.methodForm(), 'Card number'), 'focus on the card number').to.equal(true);
      expect(h.heading()).to.contain('Payment method');
      await expect(h.el).to.be.accessible();
    });

    it('checks an optional receipt email', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.findBill();
      h.button('Continue').click();
      await h.waitForHeading('Payment method');
      await h.enterMethod({ card: '4111111111111111' });
      await h.typeEmail('not-an-email');
      h.button('Continue').click();
      const email = h.field('Email for your receipt (optional)');
      await focused(() => email, 'the email');
      expect(h.errorOf('Email for your receipt (optional)')).to.contain('Enter an email address like name@example.com');
    });

    it('reviews amount, bill and the method’s last four, and goes back to edit', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.toReview();
      await expect(h.el).to.be.accessible();
      const text = h.text();
      expect(text).to.contain('$84.20');
      expect(text).to.contain('INV-1001');
      expect(text).to.contain('Visa ending in 1111');
      expect(text).to.not.contain('4111 1111');
      expect(h.button('Pay $84.20')).to.exist;

      h.button('Edit payment method').click();
      await h.waitForHeading('Payment method');
      expect(field(h.methodForm(), 'Card number').value).to.equal('4111 1111 1111 1111');
      h.button('Continue').click();
      await h.waitForHeading('Review your payment');
      h.button('Edit amount').click();
      await h.waitForHeading('Payment amount');
      expect(h.field('Amount to pay').value).to.equal('84.20');
    });
  });

  describe('paying', () => {
    it('can be completed with the keyboard alone', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><button id="before">before</button><ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay></div>`,
      );
      const h = new OneTimePayHarness(wrapper.querySelector('ic-one-time-pay')!);
      await h.el.updateComplete;
      await expect(h.el).to.be.accessible();
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab();
      expect(h.hasFocus(h.field('Account number')), 'focus on the account number').to.equal(true);
      await sendKeys({ type: '100200300' });
      await tab();
      await sendKeys({ type: 'Doe' });
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Payment amount');
      await tab(); // the bill (a radio group)
      await tab(); // the amount
      expect(h.hasFocus(h.field('Amount to pay')), 'focus on the amount').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Payment method');
      await tab(); // "Card" radio
      await tab();
      expect(h.hasFocus(field(h.methodForm(), 'Card number')), 'focus on the card number').to.equal(true);
      for (const value of ['4111111111111111', '1230', '123', 'Jane Doe', '62701']) {
        await sendKeys({ type: value });
        await tab();
      }
      expect(h.hasFocus(h.field('Email for your receipt (optional)')), 'focus on the email').to.equal(true);
      await sendKeys({ type: 'jane@example.com' });
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Review your payment');
      await tab();
      expect(deepActiveElement()!.textContent).to.contain('Pay $84.20');
      await sendKeys({ press: 'Enter' });
      await h.waitForHeading('Payment received');
      expect(h.text()).to.contain('A copy of this receipt was sent to jane@example.com.');
      await tab(); // Print
      await tab(); // Create an account
      const register = oneEvent(h.el, 'ic-register-requested');
      await sendKeys({ press: 'Enter' });
      const { detail } = await register;
      expect(detail).to.deep.equal({ accountNumber: '100200300', email: 'jane@example.com' });
      expect((await payments()).filter((p) => p.status === 'approved')).to.have.length(1);
    });

    it('a stored attempt the broker never saw is cleared: nothing was charged, start over', async () => {
      const { lookupToken } = await new BrokerClient({ baseUrl: endpoint }).lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      saveAttempt(keptAttempt(lookupToken));
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(await h.alert()).to.contain('Your payment did not go through and you were not charged. You can try again.');
      expect(h.heading()).to.contain('Find your bill');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      await expect(h.el).to.be.accessible();
      expect(await payments()).to.have.length(0);
    });

    it('an expired look-up while confirming: asks to look up again, then resumes the same attempt', async () => {
      saveAttempt(keptAttempt('expired-token'));
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(await h.alert()).to.contain('Your time to pay this bill ran out. Look up your bill again to continue.');
      expect(h.field('Account number').value).to.equal('100200300');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.not.equal(null);
      await expect(h.el).to.be.accessible();
      await typeInto(h.field('Last name'), 'Doe');
      h.button('Find my bill').click();
      // Asked about with the new token: the broker never saw that key, so nothing was charged.
      await h.until(() => h.alertText().includes('you were not charged'), 'the not-charged message');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      // The new look-up is not wasted: the bill it found can be paid from its amount.
      await h.waitForHeading('Payment amount');
      expect(h.field('Amount to pay').value).to.equal('84.20');
      await expect(h.el).to.be.accessible();
    });
  });

  describe('a payment being confirmed', () => {
    const payCalls = async () => (await operations()).filter((o) => o === 'InvoicePayWithoutSavedMethod');

    it('under review, in Spanish', async () => {
      const h = await mount({ lang: 'es' });
      await expect(h.el).to.be.accessible();
      await typeInto(h.field('Número de cuenta'), '100200300');
      await typeInto(h.field('Apellido'), 'Doe');
      h.button('Buscar mi factura').click();
      await h.waitForHeading('Cantidad a pagar');
      h.button('Continuar').click();
      await h.waitForHeading('Forma de pago');
      const form = h.methodForm();
      for (const [label, value] of [
        ['Número de tarjeta', '4111111111111111'],
        ['Vencimiento', '1230'],
        ['Código de seguridad', '123'],
        ['Nombre en la tarjeta', 'Juana Pérez'],
        ['Código postal', '62701'],
      ] as const) {
        await typeInto(field(form, label), value);
      }
      h.button('Continuar').click();
      await h.waitForHeading('Revise su pago');
      await loseNextPayment();
      h.button('Pagar').click();
      await h.until(() => h.text().includes('Esto está tardando más de lo normal.'), 'the review wording', 12000);
      const words =
        'Estamos confirmando su pago. Esto está tardando más de lo normal. Mantenga esta página abierta. No vuelva a pagar: no se le cobrará dos veces.';
      expect(h.heading()).to.equal('Confirmando su pago');
      expect(h.text()).to.contain(words);
      expect(h.statusText()).to.equal(words);
      // No address given: no email is promised.
      expect(h.text()).to.not.contain('correo');
      await expect(h.el).to.be.accessible();
    });

    it('another tab is paying the bill: a look-up here shows why it cannot be paid again, with no amount to submit; Back still works', async () => {
      const first = await mount();
      await expect(first.el).to.be.accessible();
      await first.toReview();
      await loseNextPayment();
      first.button('Pay $84.20').click();
      await first.waitForHeading('Confirming your payment', 6000);
      // The other tab: its own page, its own sessionStorage.
      first.el.remove();
      sessionStorage.clear();

      const h = await mount();
      await h.findBill();
      await expect(h.el).to.be.accessible();
      const message = beingConfirmed(await pendingSince());
      expect(h.text()).to.contain(`Bill INV-1001 $84.20 due December 15, 2026 ${message}`);
      expect(h.hasField('Amount to pay')).to.equal(false);
      expect(h.hasButton('Continue')).to.equal(false);
      // The bill's radio button is described by why it cannot be paid.
      const radio = h.field('Bill INV-1001 $84.20 due December 15, 2026');
      expect(squash(h.root.getElementById(radio.getAttribute('aria-describedby')!)!.textContent)).to.equal(message);
      h.button('Back').click();
      await h.waitForHeading('Find your bill');
      expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
      expect(await payCalls()).to.have.length(1);
    });

    it('its time is written in the payer’s language', async () => {
      await payElsewhere();
      const h = await mount({ lang: 'es' });
      await typeInto(h.field('Número de cuenta'), '100200300');
      await typeInto(h.field('Apellido'), 'Doe');
      h.button('Buscar mi factura').click();
      await h.waitForHeading('Cantidad a pagar');
      expect(h.text()).to.contain(
        `Un pago de esta factura hecho el ${madeOn(await pendingSince(), 'es')} todavía se está confirmando. Para evitar que pague dos veces, no se puede volver a pagar la factura hasta entonces.`,
      );
      await expect(h.el).to.be.accessible();
    });
  });

  describe('receipt, events, language and layout', () => {
    it('Print calls window.print(); Create an account asks the host', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      await h.toReview();
      h.button('Pay $84.20').click();
      await h.waitForHeading('Payment received');
      const original = window.print;
      let printed = 0;
      window.print = () => void printed++;
      try {
        h.button('Print receipt').click();
      } finally {
        window.print = original;
      }
      expect(printed).to.equal(1);
      const register = oneEvent(h.el, 'ic-register-requested');
      h.button('Create an account').click();
      const event = await register;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ accountNumber: '100200300', email: null });
    });

    it('emits nothing when the host sets properties', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      const seen: string[] = [];
      for (const name of ['ic-payment-succeeded', 'ic-payment-failed', 'ic-register-requested', 'ic-error']) {
        h.el.addEventListener(name, () => seen.push(name));
      }
      h.el.accountNumber = '100200301';
      h.el.lang = 'es';
      h.el.endpoint = 'http://127.0.0.1:9/api/v1';
      // Every change has taken effect (the Spanish words load on demand): whatever they would emit, they have.
      await h.until(() => h.hasField('Número de cuenta'), 'the Spanish form');
      expect(seen).to.deep.equal([]);
      expect(h.field('Número de cuenta').value).to.equal('100200301');
    });

    it('speaks Spanish with lang="es"', async () => {
      const h = await mount({ lang: 'es' });
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Paso 1 de 4 Busque su factura');
      await typeInto(h.field('Número de cuenta'), '100200300');
      await typeInto(h.field('Apellido'), 'Doe');
      h.button('Buscar mi factura').click();
      await h.waitForHeading('Cantidad a pagar');
      expect(h.text()).to.contain('vence el 15 de diciembre de 2026');
      h.button('Continuar').click();
      await h.waitForHeading('Forma de pago');
      for (const label of ['Número de tarjeta', 'Vencimiento', 'Código de seguridad']) {
        expect(h.hasField(label), label).to.equal(true);
      }
      await expect(h.el).to.be.accessible();
    });

    it('fits 320 px without horizontal scrolling at every step', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px"><ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay></div>`,
      );
      const h = new OneTimePayHarness(wrapper.querySelector('ic-one-time-pay')!);
      const el = h.el;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const fits = (step: string) => {
        const base = h.root.querySelector<HTMLElement>('[part~="base"]')!;
        expect(el.getBoundingClientRect().width, step).to.be.at.most(320);
        expect(base.scrollWidth, step).to.be.at.most(base.clientWidth);
        // The card form is there from the amount step on (it comes with the steps after the look-up).
        const form = h.root.querySelector('ic-payment-method-form')?.shadowRoot;
        for (const input of form?.querySelectorAll('input') ?? []) {
          if (input.offsetParent) expect(input.getBoundingClientRect().right, step).to.be.at.most(el.getBoundingClientRect().right + 0.5);
        }
      };
      fits('find bill');
      await h.findBill();
      fits('amount');
      h.button('Continue').click();
      await h.waitForHeading('Payment method');
      fits('card');
      await h.enterMethod({ card: '4111111111111111' });
      h.button('Continue').click();
      await h.waitForHeading('Review your payment');
      fits('review');
      h.button('Pay $84.20').click();
      await h.waitForHeading('Payment received');
      fits('receipt');
    });
  });
});
