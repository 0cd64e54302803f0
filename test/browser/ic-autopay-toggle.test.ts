/**
 * <ic-autopay-toggle> against the real stack: the shared toggle suite, then
 * what only AutoPay does — say which method it charges, enroll with the
 * default, and for a user with no saved method (Maria) ask for one inline and
 * store it and enroll in one broker request.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcAutopayToggle, IcPaperlessToggle } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS, type TestUser } from '../support/browser-stack.ts';
import { deepActiveElement, field, hasField, typeInto, waitUntil } from './helpers/dom.ts';
import { AutopayToggleHarness, ToggleHarness } from './helpers/harness/toggle.ts';
import { typeCard } from './helpers/payment-method-form.ts';
import { record } from './helpers/events.ts';
import { operations } from './helpers/sandbox.ts';
import { countingFetch } from './helpers/requests.ts';
import { runToggleSuite, sandboxAccount } from './toggle-suite.ts';

runToggleSuite('ic-autopay-toggle', {
  label: 'AutoPay',
  spanishLabel: 'AutoPay (pago automático)',
  operation: 'UpdateAutoPay',
  initially: false,
  stored: (a) => a.autopay.enabled,
});

/** InvoiceCloud operations that change something (reads re-sync the session on the way). */
const writes = async () => (await operations()).filter((o) => !o.startsWith('Retrieve'));

describe('<ic-autopay-toggle>', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
  });

  /** `account`'s toggle, signed in as `user`, once it shows its switch or a message instead; the call log starts empty. */
  async function mount(user: TestUser, account: string, o: { lang?: string; client?: BrokerClient } = {}): Promise<AutopayToggleHarness> {
    const token = await signIn(user);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
    const h = new AutopayToggleHarness(
      await fixture<IcAutopayToggle>(
        html`<ic-autopay-toggle
          endpoint=${endpoint}
          token=${token}
          account-number=${account}
          lang=${o.lang ?? 'en'}
          .client=${o.client}
        ></ic-autopay-toggle>`,
      ),
    );
    await h.ready();
    return h;
  }

  describe('which method it charges', () => {
    it('on: the method AutoPay charges', async () => {
      const h = await mount(USERS.john, '100200302');
      await expect(h.el).to.be.accessible();
      expect(h.switch()!.checked).to.equal(true);
      expect(h.about()).to.equal('AutoPay charges Visa ending in 1111.');
    });

    it('off: the default it would charge', async () => {
      const h = await mount(USERS.john, '100200301');
      await expect(h.el).to.be.accessible();
      expect(h.switch()!.checked).to.equal(false);
      expect(h.about()).to.equal('Turning AutoPay on will charge Visa ending in 1111 (your default).');
    });

    it('no saved method: that one will be asked for', async () => {
      const h = await mount(USERS.maria, '100200303');
      await expect(h.el).to.be.accessible();
      expect(h.about()).to.equal('Turning AutoPay on asks for a card or bank account.');
    });

    it('in Spanish', async () => {
      const h = await mount(USERS.john, '100200302', { lang: 'es' });
      expect(h.about()).to.equal('AutoPay cobra con Visa que termina en 1111.');
      await expect(h.el).to.be.accessible();
    });
  });

  describe('with a saved method (John)', () => {
    it('turning AutoPay on enrolls with the default Visa, in one request and no picker', async () => {
      const counting = countingFetch();
      const token = await signIn(USERS.john);
      const h = await mount(USERS.john, '100200301', { client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      const visa = (await sandboxAccount('100200301')).paymentMethods.find((m) => m.last4 === '1111')!;
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const done = oneEvent(h.el, 'ic-autopay-changed');
      h.switch()!.focus();
      await sendKeys({ press: 'Space' });
      expect(h.methodForm()).to.equal(null);
      expect((await done).detail).to.deep.equal({ accountNumber: '100200301', enabled: true });
      expect((await sandboxAccount('100200301')).autopay).to.deep.equal({ enabled: true, paymentMethodId: visa.id });
      expect(counting.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal(['PUT /accounts/100200301/autopay']);
      expect(await operations()).to.not.include('StorePaymentMethod');
      await waitUntil(() => h.about() === 'AutoPay charges Visa ending in 1111.', 'the method line to follow');
      await expect(h.el).to.be.accessible();
    });

    it('turning AutoPay off', async () => {
      const h = await mount(USERS.john, '100200302');
      const done = oneEvent(h.el, 'ic-autopay-changed');
      h.switch()!.click();
      expect((await done).detail).to.deep.equal({ accountNumber: '100200302', enabled: false });
      expect((await sandboxAccount('100200302')).autopay.enabled).to.equal(false);
      await h.el.updateComplete;
      expect(h.about()).to.equal('Turning AutoPay on will charge Visa ending in 1111 (your default).');
    });
  });

  describe('with no saved method (Maria)', () => {
    const fillCard = (h: AutopayToggleHarness, number: string) => typeCard(h.methodForm()!, number, 'Maria Garcia');

    /** Turns the switch on with the keyboard, and waits for the form with focus in it. */
    async function openForm(h: AutopayToggleHarness) {
      h.switch()!.focus();
      await sendKeys({ press: 'Space' });
      await h.until(() => h.methodForm(), 'the form to open');
      await h.methodForm()!.updateComplete;
      await waitUntil(() => deepActiveElement() !== h.switch(), 'focus to move into the form');
    }

    it('turning it on asks for a method first, with focus in the form and nothing sent', async () => {
      const counting = countingFetch();
      const token = await signIn(USERS.maria);
      const h = await mount(USERS.maria, '100200303', { client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      const events = record('ic-autopay-request', 'ic-autopay-changed');
      try {
        await openForm(h);
        expect(events.seen).to.deep.equal([{ type: 'ic-autopay-request', detail: { accountNumber: '100200303', enabled: true } }]);
        expect(h.switch()!.checked).to.equal(true);
        expect(h.el.busy).to.equal(false);
        const first = deepActiveElement() as HTMLInputElement;
        expect(first.getRootNode()).to.equal(h.methodForm()!.shadowRoot);
        expect(first.labels![0]!.textContent!.trim()).to.equal('Card');
        expect(h.text()).to.contain('Add the card or bank account AutoPay will charge. It becomes your default.');
        expect(h.button('Save and turn on AutoPay').type).to.equal('submit');
        await expect(h.el).to.be.accessible();
        // The form is open, so the element has decided what the switch does: whatever it sent is answered.
        await counting.settled();
        expect(counting.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal([]);
        expect(await writes()).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });

    it('Save and turn on stores the card and enrolls with it in one broker request; focus back on the switch', async () => {
      const counting = countingFetch();
      const token = await signIn(USERS.maria);
      const h = await mount(USERS.maria, '100200303', { client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      await openForm(h);
      await fillCard(h, '4111111111111111');
      const done = oneEvent(h.el, 'ic-autopay-changed');
      h.button('Save and turn on AutoPay').click();
      await h.el.updateComplete;
      expect(h.switch()!.checked).to.equal(true);
      expect(h.switch()!.getAttribute('aria-disabled')).to.equal('true');
      expect((await done).detail).to.deep.equal({ accountNumber: '100200303', enabled: true });
      await h.until(() => !h.methodForm(), 'the form to close');
      expect(h.hasFocus(h.switch()), 'focus on the switch').to.equal(true);
      const stored = await sandboxAccount('100200303');
      expect(stored.paymentMethods).to.have.length(1);
      expect(stored.paymentMethods[0]).to.include({ kind: 'card', brand: 'visa', last4: '1111', isDefault: true });
      expect(stored.autopay).to.deep.equal({ enabled: true, paymentMethodId: stored.paymentMethods[0]!.id });
      expect(counting.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal(['PUT /accounts/100200303/autopay']);
      const calls = await operations();
      expect(calls.filter((c) => c === 'StorePaymentMethod' || c === 'UpdateAutoPay')).to.deep.equal([
        'StorePaymentMethod',
        'UpdateAutoPay',
      ]);
      await waitUntil(() => h.about() === 'AutoPay charges Visa ending in 1111.', 'the method line to follow');
      expect(h.alertText()).to.equal('');
      await expect(h.el).to.be.accessible();
    });

    it('an invalid card is caught in the browser: nothing sent, the first bad field focused', async () => {
      const h = await mount(USERS.maria, '100200303');
      await openForm(h);
      h.button('Save and turn on AutoPay').click();
      await h.el.updateComplete;
      expect((deepActiveElement() as HTMLInputElement).labels![0]!.textContent!.trim()).to.equal('Card number');
      expect(h.el.busy).to.equal(false);
      await expect(h.el).to.be.accessible();
      expect(await writes()).to.deep.equal([]);
    });

    it('Cancel: switch back off, nothing stored, focus back on the switch', async () => {
      const h = await mount(USERS.maria, '100200303');
      const events = record('ic-autopay-changed');
      try {
        await openForm(h);
        await fillCard(h, '4111111111111111');
        h.button('Cancel').click();
        await h.el.updateComplete;
        expect(h.methodForm()).to.equal(null);
        expect(h.switch()!.checked).to.equal(false);
        expect(h.hasFocus(h.switch()), 'focus on the switch').to.equal(true);
        await expect(h.el).to.be.accessible();
        const stored = await sandboxAccount('100200303');
        expect(stored.paymentMethods).to.deep.equal([]);
        expect(stored.autopay.enabled).to.equal(false);
        expect(await writes()).to.deep.equal([]);
        expect(events.seen).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });

    it('turning the switch off again is Cancel too', async () => {
      const h = await mount(USERS.maria, '100200303');
      await openForm(h);
      h.switch()!.click();
      await h.el.updateComplete;
      expect(h.methodForm()).to.equal(null);
      expect(h.switch()!.checked).to.equal(false);
      expect(await writes()).to.deep.equal([]);
    });

    it('a declined card: the error is shown, the switch stays off, the form is kept to correct', async () => {
      const h = await mount(USERS.maria, '100200303');
      await openForm(h);
      await fillCard(h, '4000000000000002');
      const events = record('ic-autopay-changed');
      try {
        const error = oneEvent(h.el, 'ic-error');
        h.button('Save and turn on AutoPay').click();
        expect((await error).detail.code).to.equal('card_declined');
        await h.el.updateComplete;
        expect(h.alertText()).to.contain('Your card was declined. Check the card details or use a different card.');
        expect(h.switch()!.checked).to.equal(false);
        expect(h.el.hasAttribute('enabled')).to.equal(false);
        const form = h.methodForm()!;
        expect(form).to.not.equal(null);
        expect(field(form, 'Card number').value).to.equal('4000 0000 0000 0002');
        await expect(h.el).to.be.accessible();
        const stored = await sandboxAccount('100200303');
        expect(stored.paymentMethods).to.deep.equal([]);
        expect(stored.autopay.enabled).to.equal(false);
        expect(await operations()).to.not.include('UpdateAutoPay');
        // Corrected, it goes through.
        await typeInto(field(form, 'Card number'), '5555555555554444');
        const done = oneEvent(h.el, 'ic-autopay-changed');
        h.button('Save and turn on AutoPay').click();
        await done;
        expect((await sandboxAccount('100200303')).autopay.enabled).to.equal(true);
        expect(events.seen).to.have.length(1);
      } finally {
        events.stop();
      }
    });

    it('stored but not enrolled (Update AutoPay fails): trying again enrolls with that card, never stores it twice', async () => {
      const h = await mount(USERS.maria, '100200303');
      await openForm(h);
      await fillCard(h, '4111111111111111');
      await sandbox('/__sandbox/faults', { method: 'POST', body: { operation: 'UpdateAutoPay', status: 503, times: 1 } });
      const error = oneEvent(h.el, 'ic-error');
      h.button('Save and turn on AutoPay').click();
      await error;
      await h.el.updateComplete;
      expect(h.switch()!.checked).to.equal(false);
      await expect(h.el).to.be.accessible();
      // The card is saved already; the element learns it from the client and does not send it again.
      await waitUntil(
        () => h.text().includes('Turning AutoPay on will charge Visa ending in 1111 (your default).'),
        'the stored card shown',
      );
      const done = oneEvent(h.el, 'ic-autopay-changed');
      h.button('Save and turn on AutoPay').click();
      await done;
      const stored = await sandboxAccount('100200303');
      expect(stored.paymentMethods.map((m) => m.last4)).to.deep.equal(['1111']);
      expect(stored.autopay).to.deep.equal({ enabled: true, paymentMethodId: stored.paymentMethods[0]!.id });
    });

    it('the form in Spanish', async () => {
      const h = await mount(USERS.maria, '100200303', { lang: 'es' });
      await openForm(h);
      expect(h.button('Guardar y activar AutoPay')).to.exist;
      expect(hasField(h.methodForm()!, 'Número de tarjeta')).to.equal(true);
      await expect(h.el).to.be.accessible();
    });

    it('the form fits 320 px', async () => {
      const token = await signIn(USERS.maria);
      const wrapper = await fixture<HTMLElement>(
        html`<div style="inline-size: 320px">
          <ic-autopay-toggle endpoint=${endpoint} token=${token} account-number="100200303" lang="en"></ic-autopay-toggle>
        </div>`,
      );
      const h = new AutopayToggleHarness(wrapper.querySelector('ic-autopay-toggle')!);
      await h.ready();
      await openForm(h);
      const base = h.el.shadowRoot!.querySelector<HTMLElement>('.base')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      expect(h.el.getBoundingClientRect().width).to.be.at.most(320);
    });
  });

  it('next to a paperless toggle on one provider: one accounts read for both, and each change stays its own', async () => {
    const token = await signIn(USERS.john);
    const counting = countingFetch();
    const client = new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch });
    const wrapper = await fixture<HTMLElement>(
      html`<ic-provider endpoint=${endpoint} token=${token} lang="en" .client=${client}>
        <ic-paperless-toggle account-number="100200301"></ic-paperless-toggle>
        <ic-autopay-toggle account-number="100200301"></ic-autopay-toggle>
      </ic-provider>`,
    );
    const paperless = new ToggleHarness(wrapper.querySelector<IcPaperlessToggle>('ic-paperless-toggle')!);
    const autopay = new AutopayToggleHarness(wrapper.querySelector<IcAutopayToggle>('ic-autopay-toggle')!);
    await paperless.ready();
    await autopay.ready();
    expect(counting.requests.filter((r) => r === 'GET /accounts')).to.have.length(1);
    const events = record('ic-paperless-changed', 'ic-autopay-changed');
    try {
      const done = oneEvent(autopay.el, 'ic-autopay-changed');
      autopay.switch()!.click();
      await done;
      await paperless.el.updateComplete;
      expect(paperless.switch()!.checked, 'paperless untouched').to.equal(true);
      const again = oneEvent(paperless.el, 'ic-paperless-changed');
      paperless.switch()!.click();
      await again;
      await autopay.el.updateComplete;
      expect(autopay.switch()!.checked, 'AutoPay untouched').to.equal(true);
      expect(events.seen.map((e) => e.type)).to.deep.equal(['ic-autopay-changed', 'ic-paperless-changed']);
      const stored = await sandboxAccount('100200301');
      expect(stored.paperless).to.equal(false);
      expect(stored.autopay.enabled).to.equal(true);
      // The writes answered the account: the kept list was patched, not read again.
      expect(counting.requests.filter((r) => r === 'GET /accounts')).to.have.length(1);
    } finally {
      events.stop();
    }
  });
});
