/**
 * <ic-payment-methods> against the real stack: the broker and the InvoiceCloud
 * sandbox on real sockets, signed in as the FIXTURES.md users. Assertions read
 * what a user sees and hears (text, labels, focus, alerts, the dialog), what
 * the host receives (events), and what the sandbox now holds.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import type { IcPaymentMethods } from '../../src/elements/ic-payment-methods/ic-payment-methods.ts';
import '../../src/elements/ic-payment-methods/ic-payment-methods.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { button, deepActiveElement, describedErrors, field, focused, squash, typeInto, waitUntil } from './helpers/dom.ts';
import { PaymentMethodsHarness } from './helpers/harness/payment-methods.ts';
import { typeCard } from './helpers/payment-method-form.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { record } from './helpers/events.ts';

interface SandboxAccount {
  autopay: { enabled: boolean; paymentMethodId: string | null };
  paymentMethods: {
    id: string;
    kind: 'card' | 'ach';
    brand: string;
    last4: string;
    expMonth: number | null;
    expYear: number | null;
    isDefault: boolean;
  }[];
}

const VISA = 'Visa ending in 1111';
const BANK = 'Checking account ending in 6789';
const BANK_INPUT = {
  kind: 'ach',
  routingNumber: '011000015',
  accountNumber: '123456789',
  accountType: 'checking',
  name: 'John Smith',
} as const;

let endpoint: string;
let token: string;

const text = (node: Element | null) => squash(node?.textContent);

const account = async (n: string) => (await sandbox<SandboxAccount>(`/__sandbox/accounts/${n}`)).body;
const callsOf = async (operation: string) => (await operations()).filter((o) => o === operation);
const brokerClient = () => new BrokerClient({ baseUrl: endpoint, token });

/** John's methods (signed in by each test's set-up) unless another token is given, once listed. */
async function mount(o: { lang?: string; client?: BrokerClient; token?: string } = {}): Promise<PaymentMethodsHarness> {
  const h = new PaymentMethodsHarness(
    await fixture<IcPaymentMethods>(
      html`<ic-payment-methods
        endpoint=${endpoint}
        token=${o.token ?? token}
        lang=${o.lang ?? 'en'}
        .client=${o.client}
      ></ic-payment-methods>`,
    ),
  );
  await h.loaded();
  return h;
}

const fillCard = (h: PaymentMethodsHarness, number = '4111111111111111') => typeCard(h.methodForm()!, number, 'John Smith');

/** Presses Tab until `target` has focus (keyboard only), failing after `max` presses. */
async function tabTo(target: Element, max = 30) {
  for (let i = 0; i < max && deepActiveElement() !== target; i++) await sendKeys({ press: 'Tab' });
  expect(deepActiveElement() === target, 'reached by Tab').to.equal(true);
}

describe('<ic-payment-methods>', function () {
  this.timeout(20000);

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    token = await signIn(USERS.john);
  });

  describe('list', () => {
    it("shows John's Visa with its expiry and the Default badge", async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Payment methods');
      expect(h.items()).to.have.length(1);
      const visa = h.item(VISA);
      expect(text(visa.querySelector('.badge'))).to.equal('Default');
      expect(text(visa)).to.contain('Expires 12/2030');
      // One item's buttons are told apart by the item they act on.
      const edit = button(visa, 'Edit');
      expect(h.root.getElementById(edit.getAttribute('aria-describedby')!)!.textContent).to.contain(VISA);
      expect(() => button(visa, 'Make this my default'), 'the default has no "make default"').to.throw();
      expect(h.text()).to.contain('AutoPay that uses your default follows it.');
    });

    it('says so when there is nothing saved (Maria)', async () => {
      const h = await mount({ token: await signIn(USERS.maria) });
      await expect(h.el).to.be.accessible();
      expect(h.items()).to.have.length(0);
      expect(h.text()).to.contain('No saved payment methods yet.');
      expect(h.button('Add a card or bank account')).to.exist;
    });

    it('announces loading while the list is on its way', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const slow: typeof fetch = async (input, init) => {
        await gate;
        return fetch(input, init);
      };
      const h = new PaymentMethodsHarness(
        await fixture<IcPaymentMethods>(
          html`<ic-payment-methods .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: slow })}></ic-payment-methods>`,
        ),
      );
      await h.el.updateComplete;
      expect(h.statusText()).to.equal('Loading…');
      await expect(h.el).to.be.accessible();
      release();
      await waitUntil(() => h.items().length, 'the list');
      expect(h.statusText()).to.equal('');
    });

    it('a failed read says so and offers to try again', async () => {
      let first = true;
      const flaky: typeof fetch = async (input, init) => {
        if (first && String(input).endsWith('/payment-methods')) {
          first = false;
          const body = { error: { code: 'upstream_unavailable', message: 'x', requestId: 'r-503' } };
          return new Response(JSON.stringify(body), { status: 502, headers: { 'content-type': 'application/json' } });
        }
        return fetch(input, init);
      };
      const errors = record('ic-error');
      const h = new PaymentMethodsHarness(
        await fixture<IcPaymentMethods>(
          html`<ic-payment-methods .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: flaky })}></ic-payment-methods>`,
        ),
      );
      await waitUntil(() => h.alertText(), 'an alert');
      errors.stop();
      expect(h.alertText()).to.contain('The billing service is not available right now.');
      expect(h.alertText()).to.contain('Reference: r-503');
      expect(errors.seen.map((e) => e.detail.code)).to.deep.equal(['upstream_unavailable']);
      await expect(h.el).to.be.accessible();
      h.button('Try again').click();
      await waitUntil(() => h.items().length, 'the list');
      expect(h.alertText()).to.equal('');
    });

    it('follows changes made through the same client elsewhere (AutoPay storing a method)', async () => {
      const client = brokerClient();
      const h = await mount({ client });
      await client.setAutopay('100200301', {
        enabled: true,
        newMethod: { method: { ...BANK_INPUT }, makeDefault: false },
      });
      await waitUntil(() => h.items().length === 2, 'the new method in the list');
      expect(h.isDefault(BANK)).to.equal(false);
    });
  });

  describe('add', () => {
    it('opens the shared form with focus on its first field; Cancel closes and clears', async () => {
      const h = await mount();
      await h.openAdd();
      await expect(h.el).to.be.accessible();
      await focused(() => field(h.methodForm()!, 'Card'), 'the first field');
      expect(h.field('Nickname (optional)').maxLength).to.equal(40);
      expect(h.field('Make this my default').type).to.equal('checkbox');
      await typeInto(field(h.methodForm()!, 'Card number'), '4111');
      h.button('Cancel').click();
      await h.el.updateComplete;
      expect(!!h.root.querySelector('ic-payment-method-form'), 'the form is gone').to.equal(false);
      await focused(() => h.headingElement(), 'the heading');
      await h.openAdd();
      expect(field(h.methodForm()!, 'Card number').value).to.equal('');
    });

    it('shows every error, focuses the first invalid field and sends nothing', async () => {
      const h = await mount();
      await h.openAdd();
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      h.button('Save').click();
      await focused(() => field(h.methodForm()!, 'Card number'), 'the card number');
      expect(describedErrors(field(h.methodForm()!, 'Card number'))).to.equal('Enter the card number.');
      await expect(h.el).to.be.accessible();
      expect(await callsOf('StorePaymentMethod')).to.have.length(0);
    });

    it('stores a card with a nickname, tells the host, and lists it', async () => {
      const h = await mount();
      await h.openAdd();
      await fillCard(h, '5555555555554444');
      await typeInto(h.field('Nickname (optional)'), '  Work card ');
      const saved = oneEvent(h.el, 'ic-payment-method-saved');
      h.button('Save').click();
      const { detail } = await saved;
      isPlainJson(detail);
      expect(detail.method).to.include({
        kind: 'card',
        brand: 'mastercard',
        last4: '4444',
        expMonth: 12,
        expYear: 2030,
        nickname: 'Work card',
        isDefault: false,
      });
      await h.settled();
      expect(!!h.root.querySelector('ic-payment-method-form'), 'the form is gone').to.equal(false);
      expect(text(h.item('Mastercard ending in 4444'))).to.contain('Work card · Expires 12/2030');
      await focused(() => h.headingElement(), 'the heading');
      const methods = (await account('100200301')).paymentMethods;
      expect(methods.map((m) => [m.last4, m.isDefault])).to.deep.equal([
        ['1111', true],
        ['4444', false],
      ]);
      await expect(h.el).to.be.accessible();
    });

    it('is busy while saving: the button says so, a second press sends nothing more', async () => {
      const h = await mount();
      await h.openAdd();
      await fillCard(h);
      await fault({ operation: 'StorePaymentMethod', latencyMs: 800, times: 1 });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const save = h.button('Save');
      save.click();
      await h.el.updateComplete;
      save.click();
      expect(save.getAttribute('aria-disabled')).to.equal('true');
      expect(text(save)).to.equal('Saving…');
      expect(h.statusText()).to.equal('Saving…');
      expect(h.el.busy).to.equal(true);
      expect(h.el.hasAttribute('busy')).to.equal(true);
      expect(() => button(h.root.querySelector('form')!, 'Cancel')).to.throw();
      await expect(h.el).to.be.accessible();
      await h.settled();
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect(await callsOf('StorePaymentMethod')).to.have.length(1);
    });

    it('a declined card: the error is shown and told, the form is kept, nothing is stored', async () => {
      const h = await mount();
      await h.openAdd();
      await fillCard(h, '4000000000000002');
      const error = oneEvent(h.el, 'ic-error');
      h.button('Save').click();
      const { detail } = await error;
      expect(detail.code).to.equal('card_declined');
      isPlainJson(detail);
      await h.el.updateComplete;
      expect(h.alertText()).to.contain('Your card was declined. Check the card details or use a different card.');
      expect(field(h.methodForm()!, 'Card number').value).to.equal('4000 0000 0000 0002');
      await expect(h.el).to.be.accessible();
      expect((await account('100200301')).paymentMethods).to.have.length(1);
    });

    it('keyboard only: adds a bank account as the default, then removes the old card (AutoPay followed the default)', async () => {
      const h = await mount();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: visaId });

      await tabTo(h.button('Add a card or bank account'));
      await sendKeys({ press: 'Enter' });
      await focused(() => field(h.methodForm()!, 'Card'), 'the first field');
      await sendKeys({ press: 'ArrowRight' });
      await h.methodForm()!.updateComplete;
      const form = h.methodForm()!;
      for (const [label, value] of [
        ['Routing number', '011000015'],
        ['Bank account number', '123456789'],
        ['Confirm bank account number', '123456789'],
      ] as const) {
        await tabTo(field(form, label), 3);
        await sendKeys({ type: value });
      }
      await tabTo(field(form, 'Name on the bank account'), 3);
      await sendKeys({ type: 'John Smith' });
      await tabTo(h.field('Nickname (optional)'), 2);
      await sendKeys({ type: 'Household' });
      await tabTo(h.field('Make this my default'), 1);
      await sendKeys({ press: 'Space' });
      await tabTo(h.button('Save'), 1);
      const saved = oneEvent(h.el, 'ic-payment-method-saved');
      await sendKeys({ press: 'Enter' });
      const { detail } = await saved;
      expect(detail.method).to.include({ kind: 'ach', brand: 'checking', last4: '6789', nickname: 'Household', isDefault: true });
      await h.settled();
      expect(h.isDefault(BANK)).to.equal(true);
      expect(h.isDefault(VISA)).to.equal(false);
      const bankId = detail.method.id;
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: bankId });

      const remove = button(h.item(VISA), 'Remove');
      await tabTo(remove);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => h.dialog().open, 'the dialog');
      expect(text(h.dialog().querySelector('h3'))).to.equal(`Remove ${VISA}?`);
      await focused(() => button(h.dialog(), 'Cancel'), 'Cancel, the safe choice');
      await expect(h.el).to.be.accessible();
      const removed = oneEvent(h.el, 'ic-payment-method-removed');
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Enter' });
      expect((await removed).detail).to.deep.equal({ id: visaId });
      await h.settled();
      expect(h.dialog().open).to.equal(false);
      expect(h.items().map(text)).to.have.length(1);
      await focused(() => h.headingElement(), 'the heading');
      const after = await account('100200301');
      expect(after.paymentMethods.map((m) => [m.id, m.kind, m.isDefault])).to.deep.equal([[bankId, 'ach', true]]);
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: bankId });
    });
  });

  describe('edit', () => {
    it('a past expiry is refused in the browser with a clear field error; nothing is sent', async () => {
      const h = await mount();
      button(h.item(VISA), 'Edit').click();
      await focused(() => h.field('Expiration'), 'the expiry');
      const expiry = h.field('Expiration');
      expect(expiry.value).to.equal('12/30');
      await expect(h.el).to.be.accessible();
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await typeInto(expiry, '01/20');
      h.button('Save').click();
      await h.el.updateComplete;
      await waitUntil(() => h.errorOf('Expiration'), 'the field error');
      expect(h.errorOf('Expiration')).to.equal('This card has expired. Use a different card.');
      await focused(() => h.field('Expiration'), 'the invalid expiry');
      await typeInto(h.field('Expiration'), '13/30');
      await h.el.updateComplete;
      expect(h.errorOf('Expiration')).to.equal('Enter the expiration date as MM/YY, for example 08/29.');
      await expect(h.el).to.be.accessible();
      expect(await callsOf('UpdatePaymentMethod')).to.have.length(0);
      expect((await account('100200301')).paymentMethods[0]).to.include({ expMonth: 12, expYear: 2030 });
    });

    it('changes the expiry and the nickname, and tells the host', async () => {
      const h = await mount();
      button(h.item(VISA), 'Edit').click();
      await focused(() => h.field('Expiration'), 'the expiry');
      await typeInto(h.field('Expiration'), '08/31');
      await typeInto(h.field('Nickname (optional)'), 'Travel card');
      const saved = oneEvent(h.el, 'ic-payment-method-saved');
      h.button('Save').click();
      const { detail } = await saved;
      isPlainJson(detail);
      expect(detail.method).to.include({ last4: '1111', expMonth: 8, expYear: 2031, nickname: 'Travel card', isDefault: true });
      await h.settled();
      expect(text(h.item(VISA))).to.contain('Travel card · Expires 08/2031');
      expect((await account('100200301')).paymentMethods[0]).to.include({ expMonth: 8, expYear: 2031 });
      await expect(h.el).to.be.accessible();
    });

    it('a bank account has a nickname only; an empty nickname clears it', async () => {
      await brokerClient().storePaymentMethod({ method: { ...BANK_INPUT }, nickname: 'Household' });
      const h = await mount();
      button(h.item(BANK), 'Edit').click();
      await focused(() => h.field('Nickname (optional)'), 'the nickname');
      expect(() => h.field('Expiration')).to.throw();
      expect(h.field('Nickname (optional)').value).to.equal('Household');
      await typeInto(h.field('Nickname (optional)'), ' ');
      const saved = oneEvent(h.el, 'ic-payment-method-saved');
      h.button('Save').click();
      expect((await saved).detail.method).to.include({ kind: 'ach', nickname: null });
      await h.settled();
      expect(text(h.item(BANK))).not.to.contain('Household');
    });
  });

  describe('default', () => {
    it('makes another method the default, says AutoPay follows, and tells the host', async () => {
      const bank = await brokerClient().storePaymentMethod({ method: { ...BANK_INPUT } });
      const h = await mount();
      const makeDefault = button(h.item(BANK), 'Make this my default');
      expect(h.root.getElementById(makeDefault.getAttribute('aria-describedby')!)!.textContent).to.contain(BANK);
      const saved = oneEvent(h.el, 'ic-payment-method-saved');
      makeDefault.click();
      const { detail } = await saved;
      expect(detail.method).to.include({ id: bank.id, isDefault: true });
      await h.settled();
      expect(h.isDefault(BANK)).to.equal(true);
      expect(h.isDefault(VISA)).to.equal(false);
      expect((await account('100200302')).autopay.paymentMethodId).to.equal(bank.id);
      await expect(h.el).to.be.accessible();
    });
  });

  describe('remove', () => {
    it('Escape closes the dialog, focus returns, nothing is sent', async () => {
      const h = await mount();
      const remove = button(h.item(VISA), 'Remove');
      remove.focus();
      remove.click();
      await waitUntil(() => h.dialog().open, 'the dialog');
      expect(text(h.dialog())).to.contain('Expires 12/2030');
      await expect(h.el).to.be.accessible();
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await sendKeys({ press: 'Escape' });
      await h.el.updateComplete;
      expect(h.dialog().open).to.equal(false);
      await focused(() => remove, 'the Remove button that opened it');
      expect(await callsOf('RemovePaymentMethod')).to.have.length(0);
    });

    it('a cancelled remove-request sends nothing', async () => {
      const h = await mount();
      const requests = record<{ id: string }>('ic-payment-method-remove-request');
      const veto = (e: Event) => e.preventDefault();
      h.el.addEventListener('ic-payment-method-remove-request', veto);
      button(h.item(VISA), 'Remove').click();
      await waitUntil(() => h.dialog().open, 'the dialog');
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      button(h.dialog(), 'Remove').click();
      await h.el.updateComplete;
      h.el.removeEventListener('ic-payment-method-remove-request', veto);
      requests.stop();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      expect(requests.seen.map((e) => e.detail)).to.deep.equal([{ id: visaId }]);
      expect(h.dialog().open).to.equal(false);
      expect(await callsOf('RemovePaymentMethod')).to.have.length(0);
      expect(h.items()).to.have.length(1);
    });

    it('refused while AutoPay charges the method: the error is in the dialog and nothing changes', async () => {
      const client = brokerClient();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      await client.storePaymentMethod({ method: { ...BANK_INPUT }, makeDefault: true });
      await client.setAutopay('100200301', { enabled: true, paymentMethodId: visaId });
      const before = await account('100200301');
      const h = await mount();
      expect(h.isDefault(BANK)).to.equal(true);
      button(h.item(VISA), 'Remove').click();
      await waitUntil(() => h.dialog().open, 'the dialog');
      await fault({ operation: 'RemovePaymentMethod', latencyMs: 600, times: 1 });
      const error = oneEvent(h.el, 'ic-error');
      button(h.dialog(), 'Remove').click();
      await h.el.updateComplete;
      const confirm = h.dialog().querySelector('button.primary')!;
      expect(text(confirm)).to.equal('Removing…');
      await expect(h.el).to.be.accessible();
      expect((await error).detail.code).to.equal('payment_method_in_use');
      await h.el.updateComplete;
      expect(text(h.dialog().querySelector('[role="alert"]'))).to.equal(
        'AutoPay uses this payment method. Choose another method for AutoPay, or turn AutoPay off, first.',
      );
      expect(h.alertText(), 'not behind the modal dialog').to.equal('');
      expect(h.dialog().open).to.equal(true);
      await expect(h.el).to.be.accessible();
      expect(await account('100200301')).to.deep.equal(before);
      expect(h.items()).to.have.length(2);
      button(h.dialog(), 'Cancel').click();
      await h.el.updateComplete;
      expect(h.dialog().open).to.equal(false);
      expect(h.alertText(), 'why, still on screen after the dialog').to.contain('AutoPay uses this payment method.');
      await expect(h.el).to.be.accessible();
    });
  });

  it('speaks Spanish', async () => {
    const h = await mount({ lang: 'es' });
    await expect(h.el).to.be.accessible();
    const t = h.text();
    expect(t).to.contain('Formas de pago');
    expect(t).to.contain('Visa que termina en 1111');
    expect(t).to.contain('Predeterminada');
    expect(t).to.contain('Vence 12/2030');
    h.button('Agregar una tarjeta o cuenta bancaria').click();
    await h.until(() => h.methodForm(), 'the add form');
    await h.methodForm()!.updateComplete;
    expect(h.field('Apodo (opcional)')).to.exist;
    expect(field(h.methodForm()!, 'Número de tarjeta')).to.exist;
    await expect(h.el).to.be.accessible();
  });

  it('fits 320 px, with the add form and an edit form open', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 320px"><ic-payment-methods endpoint=${endpoint} token=${token}></ic-payment-methods></div>`,
    );
    const h = new PaymentMethodsHarness(wrap.querySelector('ic-payment-methods')!);
    await h.loaded();
    const fits = () => {
      const base = h.root.querySelector('.base')!;
      expect(base.scrollWidth, 'no horizontal scrolling').to.be.at.most(base.clientWidth);
      expect(h.el.getBoundingClientRect().width).to.be.at.most(320);
    };
    fits();
    await h.openAdd();
    fits();
    h.button('Cancel').click();
    await h.el.updateComplete;
    button(h.item(VISA), 'Edit').click();
    await h.el.updateComplete;
    fits();
    await expect(h.el).to.be.accessible();
  });
});
