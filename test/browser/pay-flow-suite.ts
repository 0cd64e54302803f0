/**
 * What both pay elements do with a payment, against the real stack (broker +
 * InvoiceCloud sandbox on sockets): pay with a new card or bank account,
 * charge once whatever the payer presses, say what a decline means and let
 * another method try again, show "confirming" while the outcome is unknown,
 * survive a lost answer and a reload, say when it is under review, and refuse
 * a second payment of a bill whose first awaits confirmation. The pay flow is
 * one module (src/payments/pay-flow.ts) behind two elements: each element's
 * own file runs this suite and adds what only it does.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { resetSandbox, sandbox } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { beingConfirmed, expectUnderReview } from './helpers/being-confirmed.ts';
import { field, squash, typeInto } from './helpers/dom.ts';
import { CHECKING, MASTERCARD, type NewMethod, type PayHarness } from './helpers/harness/pay.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault, operations, untilAsked } from './helpers/sandbox.ts';
import { record } from './helpers/events.ts';

/** `GET /__sandbox/payments`: what "InvoiceCloud" charged (or declined). */
interface SandboxPayment {
  invoiceNumber: string;
  amountCents: number;
  method: { kind: string; brand: string; last4: string };
  status: 'approved' | 'declined';
}

type ChargeOperation = 'InvoicePayWithoutSavedMethod' | 'InvoicePayWithSavedMethod';

export interface PayFlowSuiteOptions {
  /** Mounts the element ready for its first step (`ready: false`: at once); `fetch` carries its requests to the broker. */
  mount(o?: { fetch?: typeof fetch; ready?: boolean }): Promise<PayHarness>;
  /** Run before each test, after the sandbox is reset (a signed-in element signs in here). */
  setUp?: () => Promise<void>;
  account: string;
  invoice: string;
  amountCents: number;
  /** The review's Pay button. */
  pay: string;
  /** The bill as the element lists it. */
  bill: string;
  /** The InvoiceCloud operation that charges what `toReview()` chooses on its own. */
  charge: ChargeOperation;
  /** Where the element keeps its attempt in sessionStorage. */
  storageKey: string;
  /** The heading of the step where a declined method is changed. */
  methodHeading: string;
  /** The heading of the step that shows a bill another payment of which awaits confirmation. */
  refusedHeading: string;
  /** Where the element posts its payments, below the broker's /api/v1 (its status checks add `/{key}`). */
  paymentsPath: string;
  /** An address typed for the receipt on the way to review, where the payer must give one to be emailed. */
  reviewEmail?: string;
  /** Another tab (or device) pays the bill with what `toReview()` chooses, and its answer is lost. */
  payElsewhere(): Promise<void>;
  /** When the bill's unresolved payment was made, as the broker answers it. */
  pendingSince(): Promise<string>;
  /** What only this element shows once a payment was refused because another awaits confirmation. */
  afterRefused?(h: PayHarness, message: string): void;
}

const DECLINED = 'Your card was declined. Check the card details or use a different card.';

export function runPayFlowSuite(tag: 'ic-one-time-pay' | 'ic-bills', o: PayFlowSuiteOptions): void {
  /** The payments of the bill the sandbox holds (the seeded history of other bills left out). */
  const payments = async () =>
    (await sandbox<SandboxPayment[]>(`/__sandbox/payments?account=${o.account}`)).body.filter((p) => p.invoiceNumber === o.invoice);
  const approved = async () => (await payments()).filter((p) => p.status === 'approved');
  const payCalls = async () => (await operations()).filter((op) => op === o.charge);

  /** Pays with `method` and expects it declined with `code`: the events, back to the method, nothing charged, nothing kept. */
  async function payExpectingDecline(method: NewMethod, code: string, message: string): Promise<PayHarness> {
    const h = await o.mount();
    await expect(h.el).to.be.accessible();
    await h.toReview(method);
    const failed = oneEvent(h.el, 'ic-payment-failed');
    const errors = record('ic-error');
    try {
      h.button(o.pay).click();
      const { detail } = await failed;
      isPlainJson(detail);
      expect(detail).to.deep.equal({ code, message });
      expect(errors.seen.map((e) => e.detail.code)).to.deep.equal([code]);
    } finally {
      errors.stop();
    }
    await h.waitForHeading(o.methodHeading);
    expect(h.alertText()).to.contain(message);
    expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
    await expect(h.el).to.be.accessible();
    expect(await approved()).to.have.length(0);
    expect(sessionStorage.getItem(o.storageKey)).to.equal(null);
    return h;
  }

  describe(`${tag}: the shared pay flow`, function () {
    this.timeout(40000);

    beforeEach(async () => {
      await resetSandbox();
      sessionStorage.clear();
      await o.setUp?.();
    });

    describe('paying', () => {
      it('with a new card: the review and the receipt name it, never its number; the event, focus, exactly one payment, nothing kept', async () => {
        const h = await o.mount();
        await expect(h.el).to.be.accessible();
        await h.toReview({ card: MASTERCARD });
        expect(h.text()).to.contain('Mastercard ending in 4444');
        expect(h.text()).to.not.contain('5555 5555');
        const succeeded = oneEvent(h.el, 'ic-payment-succeeded');
        h.button(o.pay).click();
        const { detail } = await succeeded;
        isPlainJson(detail);
        expect(detail.receipt).to.include({ accountNumber: o.account, invoiceNumber: o.invoice, amountCents: o.amountCents });
        expect(detail.receipt.method).to.deep.equal({ kind: 'card', brand: 'mastercard', last4: '4444' });
        await h.waitForHeading('Payment received');
        expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
        const receipt = h.receiptText();
        expect(receipt).to.contain(`Confirmation number ${detail.receipt.confirmationNumber}`);
        expect(receipt).to.contain(o.pay.replace('Pay ', ''));
        expect(receipt).to.contain('Mastercard ending in 4444');
        await expect(h.el).to.be.accessible();

        const paid = await payments();
        expect(paid).to.have.length(1);
        expect(paid[0]).to.deep.include({ amountCents: o.amountCents, status: 'approved' });
        expect(paid[0]!.method).to.deep.equal({ kind: 'card', brand: 'mastercard', last4: '4444' });
        expect(sessionStorage.getItem(o.storageKey)).to.equal(null);
      });

      it('with a new bank account: the review and the receipt name it; exactly one payment', async () => {
        const h = await o.mount();
        await expect(h.el).to.be.accessible();
        await h.toReview(CHECKING);
        expect(h.text()).to.contain('Checking account ending in 6789');
        h.button(o.pay).click();
        await h.waitForHeading('Payment received');
        expect(h.receiptText()).to.contain('Checking account ending in 6789');
        await expect(h.el).to.be.accessible();
        const paid = await payments();
        expect(paid).to.have.length(1);
        expect(paid[0]).to.deep.include({ amountCents: o.amountCents, status: 'approved' });
        expect(paid[0]!.method).to.deep.include({ kind: 'ach', last4: '6789' });
      });

      it('a double click and a repeated Enter on Pay charge once; busy meanwhile', async () => {
        const h = await o.mount();
        await expect(h.el).to.be.accessible();
        await h.toReview();
        await fault({ operation: o.charge, latencyMs: 800, times: 1 });
        const pay = h.button(o.pay);
        pay.click();
        pay.click();
        pay.focus();
        await sendKeys({ press: 'Enter' });
        await sendKeys({ press: 'Enter' });
        await h.el.updateComplete;
        expect(pay.getAttribute('aria-disabled')).to.equal('true');
        expect(squash(pay.textContent)).to.equal('Paying…');
        expect(h.statusText()).to.equal('Paying…');
        expect(h.el.busy).to.equal(true);
        expect(h.el.hasAttribute('busy')).to.equal(true);
        await expect(h.el).to.be.accessible();
        await h.waitForHeading('Payment received');
        expect(h.el.hasAttribute('busy')).to.equal(false);
        expect(await payments()).to.have.length(1);
      });
    });

    describe('declines', () => {
      it('a declined card: the specific error and the events, back to the method with the card as typed; another card is a new attempt that pays once', async () => {
        const h = await payExpectingDecline({ card: '4000000000000002' }, 'card_declined', DECLINED);
        // What was typed is still there to fix.
        const number = field(h.methodForm(), 'Card number');
        expect(number.value).to.equal('4000 0000 0000 0002');
        await typeInto(number, MASTERCARD);
        h.button('Continue').click();
        await h.waitForHeading('Review your payment');
        expect(h.text()).to.contain('Mastercard ending in 4444');
        h.button(o.pay).click();
        await h.waitForHeading('Payment received');
        const ok = await approved();
        expect(ok).to.have.length(1);
        expect(ok[0]!.method.last4).to.equal('4444');
      });

      it('insufficient funds', async () => {
        await payExpectingDecline(
          { card: '4000000000009995' },
          'insufficient_funds',
          'The payment was declined for insufficient funds. Use a different card or bank account.',
        );
      });

      it('a closed bank account', async () => {
        await payExpectingDecline(
          { bank: { routing: '021000021', account: '000000000' } },
          'account_closed',
          'That bank account is closed. Use a different bank account or a card.',
        );
      });
    });

    describe('an outcome not known at once', () => {
      it('an answer later than the broker’s deadline: "confirming", then the receipt; one charge', async () => {
        const h = await o.mount();
        await expect(h.el).to.be.accessible();
        await h.toReview();
        // Past the broker's 2 s InvoiceCloud deadline: it answers 202 pending; the charge still happens.
        await fault({ operation: o.charge, latencyMs: 3000, times: 1 });
        const succeeded = oneEvent(h.el, 'ic-payment-succeeded');
        h.button(o.pay).click();
        await h.waitForHeading('Confirming your payment', 6000);
        expect(h.text()).to.contain('We are confirming your payment…');
        expect(h.text()).to.contain('Do not pay again');
        expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
        await expect(h.el).to.be.accessible();
        await h.waitForHeading('Payment received', 20000);
        expect((await succeeded).detail.receipt.amountCents).to.equal(o.amountCents);
        expect(await approved()).to.have.length(1);
      });

      it('an answer lost on the way back: the same key asked about, the receipt, one charge', async () => {
        const sent: { method: string; url: string; key: string | null }[] = [];
        let lost = false;
        const lossy = (async (input: RequestInfo | URL, init?: RequestInit) => {
          const headers = new Headers(init?.headers);
          sent.push({ method: init?.method ?? 'GET', url: String(input), key: headers.get('idempotency-key') });
          const res = await fetch(input, init);
          if (!lost && init?.method === 'POST' && String(input).endsWith(o.paymentsPath)) {
            lost = true;
            throw new TypeError('Failed to fetch');
          }
          return res;
        }) as typeof fetch;
        const h = await o.mount({ fetch: lossy });
        await expect(h.el).to.be.accessible();
        await h.toReview();
        h.button(o.pay).click();
        await h.waitForHeading('Payment received', 10000);
        const posts = sent.filter((s) => s.method === 'POST' && s.url.endsWith(o.paymentsPath));
        const checks = sent.filter((s) => s.method === 'GET' && s.url.includes(`${o.paymentsPath}/`));
        expect(posts).to.have.length(1);
        expect(checks.length).to.be.at.least(1);
        expect(checks.every((c) => c.url.endsWith(`${o.paymentsPath}/${posts[0]!.key}`))).to.equal(true);
        expect(await payments()).to.have.length(1);
      });

      it('a reload mid-payment resumes it without a second charge; storage never holds card data', async () => {
        const first = await o.mount();
        await expect(first.el).to.be.accessible();
        await first.toReview({ card: MASTERCARD });
        await fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 1500, times: 1 });
        first.button(o.pay).click();
        await first.el.updateComplete;
        const stored = sessionStorage.getItem(o.storageKey)!;
        expect(stored).to.be.a('string');
        for (const secret of [MASTERCARD, '5555 5555', '"123"', first.payer, '62701']) expect(stored).to.not.contain(secret);
        // The reload comes once the payment is with the broker, mid-call to InvoiceCloud. (A status check that
        // overtakes its payment is answered "nothing was charged" and closes the key: exactly-once.test.ts.)
        await untilAsked('InvoicePayWithoutSavedMethod');
        first.el.remove();

        const h = await o.mount({ ready: false });
        await h.waitForHeading('Confirming your payment');
        await expect(h.el).to.be.accessible();
        const succeeded = oneEvent(h.el, 'ic-payment-succeeded');
        // The status checks back off (1, 2, 4, 8 s…) while the broker reconciles the cut-off request.
        await h.waitForHeading('Payment received', 25000);
        const { receipt } = (await succeeded).detail;
        expect([receipt.amountCents, receipt.method.last4]).to.deep.equal([o.amountCents, '4444']);
        expect(await payments()).to.have.length(1);
        expect(sessionStorage.getItem(o.storageKey)).to.equal(null);
      });
    });

    describe('a payment being confirmed', () => {
      it('under review: says it takes longer than usual, not to pay again, and that an email will follow; no way to pay; the attempt stays kept', async () => {
        const h = await o.mount();
        await expect(h.el).to.be.accessible();
        await h.toReview(undefined, o.reviewEmail === undefined ? {} : { email: o.reviewEmail });
        // InvoiceCloud never answers: the outcome stays unknown, and the broker says so (202) after its 2 s deadline.
        await fault({ operation: o.charge, hang: true, times: 1 });
        h.button(o.pay).click();
        // The payer gave an address, or is signed in: the broker will email the outcome.
        await expectUnderReview(h, { email: true, storageKey: o.storageKey });
        expect(h.showsField('Amount to pay'), 'no amount to submit').to.equal(false);
        expect(await payCalls()).to.have.length(1);
        expect(await payments()).to.have.length(0);
      });

      it('another payment starts while this one is on review: 409, the message with its time, the events, the bill marked, no way to pay; nothing sent, its key never asked about', async () => {
        const { fetch, requests } = countingFetch();
        const h = await o.mount({ fetch });
        await expect(h.el).to.be.accessible();
        await h.toReview();
        await o.payElsewhere();
        const failed = oneEvent(h.el, 'ic-payment-failed');
        const errors = record('ic-error');
        let message = '';
        try {
          h.button(o.pay).click();
          const { detail } = await failed;
          message = beingConfirmed(await o.pendingSince());
          isPlainJson(detail);
          expect(detail).to.deep.equal({ code: 'payment_being_confirmed', message });
          expect(errors.seen.map((e) => [e.detail.code, e.detail.message])).to.deep.equal([['payment_being_confirmed', message]]);
        } finally {
          errors.stop();
        }
        await h.waitForHeading(o.refusedHeading);
        expect(h.alertText()).to.contain(message);
        expect(h.text()).to.contain(`${o.bill} ${message}`);
        expect(h.hasButton(/Pay|Continue/)).to.equal(false);
        o.afterRefused?.(h, message);
        expect(h.headingHasFocus(), 'focus on the heading').to.equal(true);
        await expect(h.el).to.be.accessible();
        expect(sessionStorage.getItem(o.storageKey)).to.equal(null);
        const ofPayments = requests.filter((r) => r === `POST ${o.paymentsPath}` || r.startsWith(`GET ${o.paymentsPath}/`));
        expect(ofPayments).to.deep.equal([`POST ${o.paymentsPath}`]);
        expect(await payCalls()).to.have.length(1);
      });
    });
  });
}
