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
import { button, deepActiveElement, field, hasField, typeInto, visibleText, waitUntil } from './helpers/dom.ts';
import { typeCard } from './helpers/payment-method-form.ts';
import { record } from './helpers/sso.ts';
import { operations } from './helpers/sandbox.ts';
import { countingFetch } from './helpers/requests.ts';
import { alertText, ready, runToggleSuite, sandboxAccount, switchOf } from './toggle-suite.ts';

runToggleSuite('ic-autopay-toggle', {
  label: 'AutoPay',
  spanishLabel: 'AutoPay (pago automático)',
  operation: 'UpdateAutoPay',
  initially: false,
  stored: (a) => a.autopay.enabled,
});

const about = (el: IcAutopayToggle) => el.shadowRoot!.getElementById(switchOf(el)!.getAttribute('aria-describedby')!)!.textContent!.trim();
/** InvoiceCloud operations that change something (reads re-sync the session on the way). */
const writes = async () => (await operations()).filter((o) => !o.startsWith('Retrieve'));
const methodForm = (el: IcAutopayToggle) => el.shadowRoot!.querySelector('ic-payment-method-form');

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

  async function mount(user: TestUser, account: string, o: { lang?: string; client?: BrokerClient } = {}) {
    const token = await signIn(user);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
    const el = await fixture<IcAutopayToggle>(html`<ic-autopay-toggle
      endpoint=${endpoint}
      token=${token}
      account-number=${account}
      lang=${o.lang ?? 'en'}
      .client=${o.client}
    ></ic-autopay-toggle>`);
    await ready(el);
    return el;
  }

  describe('which method it charges', () => {
    it('on: the method AutoPay charges', async () => {
      const el = await mount(USERS.john, '100200302');
      await expect(el).to.be.accessible();
      expect(switchOf(el)!.checked).to.equal(true);
      expect(about(el)).to.equal('AutoPay charges Visa ending in 1111.');
    });

    it('off: the default it would charge', async () => {
      const el = await mount(USERS.john, '100200301');
      await expect(el).to.be.accessible();
      expect(switchOf(el)!.checked).to.equal(false);
      expect(about(el)).to.equal('Turning AutoPay on will charge Visa ending in 1111 (your default).');
    });

    it('no saved method: that one will be asked for', async () => {
      const el = await mount(USERS.maria, '100200303');
      await expect(el).to.be.accessible();
      expect(about(el)).to.equal('Turning AutoPay on asks for a card or bank account.');
    });

    it('in Spanish', async () => {
      const el = await mount(USERS.john, '100200302', { lang: 'es' });
      expect(about(el)).to.equal('AutoPay cobra con Visa que termina en 1111.');
      await expect(el).to.be.accessible();
    });
  });

  describe('with a saved method (John)', () => {
    it('turning AutoPay on enrolls with the default Visa, in one request and no picker', async () => {
      const counting = countingFetch();
      const token = await signIn(USERS.john);
      const el = await mount(USERS.john, '100200301', { client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      const visa = (await sandboxAccount('100200301')).paymentMethods.find((m) => m.last4 === '1111')!;
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const done = oneEvent(el, 'ic-autopay-changed');
      switchOf(el)!.focus();
      await sendKeys({ press: 'Space' });
      expect(methodForm(el)).to.equal(null);
      expect((await done).detail).to.deep.equal({ accountNumber: '100200301', enabled: true });
      expect((await sandboxAccount('100200301')).autopay).to.deep.equal({ enabled: true, paymentMethodId: visa.id });
      expect(counting.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal(['PUT /accounts/100200301/autopay']);
      expect(await operations()).to.not.include('StorePaymentMethod');
      await waitUntil(() => about(el) === 'AutoPay charges Visa ending in 1111.', 'the method line to follow');
      await expect(el).to.be.accessible();
    });

    it('turning AutoPay off', async () => {
      const el = await mount(USERS.john, '100200302');
      const done = oneEvent(el, 'ic-autopay-changed');
      switchOf(el)!.click();
      expect((await done).detail).to.deep.equal({ accountNumber: '100200302', enabled: false });
      expect((await sandboxAccount('100200302')).autopay.enabled).to.equal(false);
      await el.updateComplete;
      expect(about(el)).to.equal('Turning AutoPay on will charge Visa ending in 1111 (your default).');
    });
  });

  describe('with no saved method (Maria)', () => {
    const fillCard = (el: IcAutopayToggle, number: string) => typeCard(methodForm(el)!, number, 'Maria Garcia');

    async function openForm(el: IcAutopayToggle) {
      switchOf(el)!.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => methodForm(el), 'the form to open');
      await el.updateComplete;
      await methodForm(el)!.updateComplete;
      await waitUntil(() => deepActiveElement() !== switchOf(el), 'focus to move into the form');
    }

    it('turning it on asks for a method first, with focus in the form and nothing sent', async () => {
      const el = await mount(USERS.maria, '100200303');
      const events = record('ic-autopay-request', 'ic-autopay-changed');
      try {
        await openForm(el);
        expect(events.seen).to.deep.equal([{ type: 'ic-autopay-request', detail: { accountNumber: '100200303', enabled: true } }]);
        expect(switchOf(el)!.checked).to.equal(true);
        expect(el.busy).to.equal(false);
        const first = deepActiveElement() as HTMLInputElement;
        expect(first.getRootNode()).to.equal(methodForm(el)!.shadowRoot);
        expect(first.labels![0]!.textContent!.trim()).to.equal('Card');
        expect(visibleText(el)).to.contain('Add the card or bank account AutoPay will charge. It becomes your default.');
        expect(button(el, 'Save and turn on AutoPay').type).to.equal('submit');
        await expect(el).to.be.accessible();
        await new Promise((r) => setTimeout(r, 200));
        expect(await writes()).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });

    it('Save and turn on stores the card and enrolls with it in one broker request; focus back on the switch', async () => {
      const counting = countingFetch();
      const token = await signIn(USERS.maria);
      const el = await mount(USERS.maria, '100200303', { client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      await openForm(el);
      await fillCard(el, '4111111111111111');
      const done = oneEvent(el, 'ic-autopay-changed');
      button(el, 'Save and turn on AutoPay').click();
      await el.updateComplete;
      expect(switchOf(el)!.checked).to.equal(true);
      expect(switchOf(el)!.getAttribute('aria-disabled')).to.equal('true');
      expect((await done).detail).to.deep.equal({ accountNumber: '100200303', enabled: true });
      await waitUntil(() => !methodForm(el), 'the form to close');
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(switchOf(el));
      const stored = await sandboxAccount('100200303');
      expect(stored.paymentMethods).to.have.length(1);
      expect(stored.paymentMethods[0]).to.include({ kind: 'card', brand: 'visa', last4: '1111', isDefault: true });
      expect(stored.autopay).to.deep.equal({ enabled: true, paymentMethodId: stored.paymentMethods[0]!.id });
      expect(counting.requests.filter((r) => !r.startsWith('GET'))).to.deep.equal(['PUT /accounts/100200303/autopay']);
      const calls = await operations();
      expect(calls.filter((c) => c === 'StorePaymentMethod' || c === 'UpdateAutoPay')).to.deep.equal(['StorePaymentMethod', 'UpdateAutoPay']);
      await waitUntil(() => about(el) === 'AutoPay charges Visa ending in 1111.', 'the method line to follow');
      expect(alertText(el)).to.equal('');
      await expect(el).to.be.accessible();
    });

    it('an invalid card is caught in the browser: nothing sent, the first bad field focused', async () => {
      const el = await mount(USERS.maria, '100200303');
      await openForm(el);
      button(el, 'Save and turn on AutoPay').click();
      await el.updateComplete;
      expect((deepActiveElement() as HTMLInputElement).labels![0]!.textContent!.trim()).to.equal('Card number');
      expect(el.busy).to.equal(false);
      await expect(el).to.be.accessible();
      expect(await writes()).to.deep.equal([]);
    });

    it('Cancel: switch back off, nothing stored, focus back on the switch', async () => {
      const el = await mount(USERS.maria, '100200303');
      const events = record('ic-autopay-changed');
      try {
        await openForm(el);
        await fillCard(el, '4111111111111111');
        button(el, 'Cancel').click();
        await el.updateComplete;
        expect(methodForm(el)).to.equal(null);
        expect(switchOf(el)!.checked).to.equal(false);
        expect(deepActiveElement()).to.equal(switchOf(el));
        await expect(el).to.be.accessible();
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
      const el = await mount(USERS.maria, '100200303');
      await openForm(el);
      switchOf(el)!.click();
      await el.updateComplete;
      expect(methodForm(el)).to.equal(null);
      expect(switchOf(el)!.checked).to.equal(false);
      expect(await writes()).to.deep.equal([]);
    });

    it('a declined card: the error is shown, the switch stays off, the form is kept to correct', async () => {
      const el = await mount(USERS.maria, '100200303');
      await openForm(el);
      await fillCard(el, '4000000000000002');
      const events = record('ic-autopay-changed');
      try {
        const error = oneEvent(el, 'ic-error');
        button(el, 'Save and turn on AutoPay').click();
        expect((await error).detail.code).to.equal('card_declined');
        await el.updateComplete;
        expect(alertText(el)).to.contain('Your card was declined. Check the card details or use a different card.');
        expect(switchOf(el)!.checked).to.equal(false);
        expect(el.hasAttribute('enabled')).to.equal(false);
        const form = methodForm(el)!;
        expect(form).to.not.equal(null);
        expect(field(form, 'Card number').value).to.equal('4000 0000 0000 0002');
        await expect(el).to.be.accessible();
        const stored = await sandboxAccount('100200303');
        expect(stored.paymentMethods).to.deep.equal([]);
        expect(stored.autopay.enabled).to.equal(false);
        expect(await operations()).to.not.include('UpdateAutoPay');
        // Corrected, it goes through.
        await typeInto(field(form, 'Card number'), '5555555555554444');
        const done = oneEvent(el, 'ic-autopay-changed');
        button(el, 'Save and turn on AutoPay').click();
        await done;
        expect((await sandboxAccount('100200303')).autopay.enabled).to.equal(true);
        expect(events.seen).to.have.length(1);
      } finally {
        events.stop();
      }
    });

    it('stored but not enrolled (Update AutoPay fails): trying again enrolls with that card, never stores it twice', async () => {
      const el = await mount(USERS.maria, '100200303');
      await openForm(el);
      await fillCard(el, '4111111111111111');
      await sandbox('/__sandbox/faults', { method: 'POST', body: { operation: 'UpdateAutoPay', status: 503, times: 1 } });
      const error = oneEvent(el, 'ic-error');
      button(el, 'Save and turn on AutoPay').click();
      await error;
      await el.updateComplete;
      expect(switchOf(el)!.checked).to.equal(false);
      await expect(el).to.be.accessible();
      // The card is saved already; the element learns it from the client and does not send it again.
      await waitUntil(() => visibleText(el).includes('Turning AutoPay on will charge Visa ending in 1111 (your default).'), 'the stored card shown');
      const done = oneEvent(el, 'ic-autopay-changed');
      button(el, 'Save and turn on AutoPay').click();
      await done;
      const stored = await sandboxAccount('100200303');
      expect(stored.paymentMethods.map((m) => m.last4)).to.deep.equal(['1111']);
      expect(stored.autopay).to.deep.equal({ enabled: true, paymentMethodId: stored.paymentMethods[0]!.id });
    });

    it('the form in Spanish', async () => {
      const el = await mount(USERS.maria, '100200303', { lang: 'es' });
      await openForm(el);
      expect(button(el, 'Guardar y activar AutoPay')).to.exist;
      expect(hasField(methodForm(el)!, 'Número de tarjeta')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('the form fits 320 px', async () => {
      const token = await signIn(USERS.maria);
      const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 320px"><ic-autopay-toggle
        endpoint=${endpoint} token=${token} account-number="100200303" lang="en"></ic-autopay-toggle></div>`);
      const el = wrapper.querySelector('ic-autopay-toggle')!;
      await ready(el);
      await openForm(el);
      const base = el.shadowRoot!.querySelector<HTMLElement>('.base')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
    });
  });

  it('next to a paperless toggle on one provider: one accounts read for both, and each change stays its own', async () => {
    const token = await signIn(USERS.john);
    const counting = countingFetch();
    const client = new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch });
    const wrapper = await fixture<HTMLElement>(html`<ic-provider endpoint=${endpoint} token=${token} lang="en" .client=${client}>
      <ic-paperless-toggle account-number="100200301"></ic-paperless-toggle>
      <ic-autopay-toggle account-number="100200301"></ic-autopay-toggle>
    </ic-provider>`);
    const paperless = wrapper.querySelector<IcPaperlessToggle>('ic-paperless-toggle')!;
    const autopay = wrapper.querySelector<IcAutopayToggle>('ic-autopay-toggle')!;
    await ready(paperless);
    await ready(autopay);
    expect(counting.requests.filter((r) => r === 'GET /accounts')).to.have.length(1);
    const events = record('ic-paperless-changed', 'ic-autopay-changed');
    try {
      const done = oneEvent(autopay, 'ic-autopay-changed');
      switchOf(autopay)!.click();
      await done;
      await paperless.updateComplete;
      expect(switchOf(paperless)!.checked, 'paperless untouched').to.equal(true);
      const again = oneEvent(paperless, 'ic-paperless-changed');
      switchOf(paperless)!.click();
      await again;
      await autopay.updateComplete;
      expect(switchOf(autopay)!.checked, 'AutoPay untouched').to.equal(true);
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
