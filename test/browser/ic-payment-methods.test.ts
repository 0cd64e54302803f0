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
import { button, deepActiveElement, describedErrors, field, focused, squash, typeInto, visibleText, waitUntil } from './helpers/dom.ts';
import { methodForm, typeCard } from './helpers/payment-method-form.ts';
import { fault } from './helpers/sandbox.ts';
import { record } from './helpers/sso.ts';

interface SandboxAccount {
  autopay: { enabled: boolean; paymentMethodId: string | null };
  paymentMethods: { id: string; kind: 'card' | 'ach'; brand: string; last4: string; expMonth: number | null; expYear: number | null; isDefault: boolean }[];
}

const VISA = 'Visa ending in 1111';
const BANK = 'Checking account ending in 6789';
const BANK_INPUT = { kind: 'ach', routingNumber: '011000015', accountNumber: '123456789', accountType: 'checking', name: 'John Smith' } as const;

let endpoint: string;
let token: string;

const root = (el: IcPaymentMethods) => el.shadowRoot!;
const text = (node: Element | null) => squash(node?.textContent);
const isDefault = (li: Element) => !!li.querySelector('.badge');
const alertText = (el: IcPaymentMethods) => text(root(el).querySelector('.base > [role="alert"]'));
const statusText = (el: IcPaymentMethods) => text(root(el).querySelector('[role="status"]'));
const dialog = (el: IcPaymentMethods) => root(el).querySelector('dialog')!;
const items = (el: IcPaymentMethods) => [...root(el).querySelectorAll('ul.items > li')];

/** The list item whose text contains `label`. */
function item(el: IcPaymentMethods, label: string): HTMLLIElement {
  const li = items(el).find((i) => text(i).includes(label));
  if (!li) throw new Error(`No item "${label}" in: ${items(el).map(text).join(' | ')}`);
  return li as HTMLLIElement;
}

const account = async (n: string) => (await sandbox<SandboxAccount>(`/__sandbox/accounts/${n}`)).body;
const callsOf = async (operation: string) =>
  (await sandbox<{ operation: string }[]>('/__sandbox/calls')).body.filter((c) => c.operation === operation);
const brokerClient = () => new BrokerClient({ baseUrl: endpoint, token });

async function mount(o: { lang?: string; client?: BrokerClient; token?: string } = {}) {
  const el = await fixture<IcPaymentMethods>(
    html`<ic-payment-methods endpoint=${endpoint} token=${o.token ?? token} lang=${o.lang ?? 'en'} .client=${o.client}></ic-payment-methods>`,
  );
  await waitUntil(() => items(el).length || visibleText(el).includes('No saved payment methods yet'), 'the list');
  await el.updateComplete;
  return el;
}

async function openAdd(el: IcPaymentMethods) {
  button(el, 'Add a card or bank account').click();
  await waitUntil(() => root(el).querySelector('ic-payment-method-form'), 'the add form');
  await methodForm(el).updateComplete;
}

const fillCard = (el: IcPaymentMethods, number = '4111111111111111') => typeCard(methodForm(el), number, 'John Smith');

/** Waits until the write is over (the Save button is no longer busy, the list has re-read). */
async function settled(el: IcPaymentMethods) {
  await waitUntil(() => !statusText(el), 'no busy status');
  await el.updateComplete;
}

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
      const el = await mount();
      await expect(el).to.be.accessible();
      expect(text(root(el).querySelector('h2'))).to.equal('Payment methods');
      expect(items(el)).to.have.length(1);
      const visa = item(el, VISA);
      expect(text(visa.querySelector('.badge'))).to.equal('Default');
      expect(text(visa)).to.contain('Expires 12/2030');
      // One item's buttons are told apart by the item they act on.
      const edit = button(visa, 'Edit');
      expect(root(el).getElementById(edit.getAttribute('aria-describedby')!)!.textContent).to.contain(VISA);
      expect(() => button(visa, 'Make this my default'), 'the default has no "make default"').to.throw();
      expect(visibleText(el)).to.contain('AutoPay that uses your default follows it.');
    });

    it('says so when there is nothing saved (Maria)', async () => {
      const el = await mount({ token: await signIn(USERS.maria) });
      await expect(el).to.be.accessible();
      expect(items(el)).to.have.length(0);
      expect(visibleText(el)).to.contain('No saved payment methods yet.');
      expect(button(el, 'Add a card or bank account')).to.exist;
    });

    it('announces loading while the list is on its way', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const slow: typeof fetch = async (input, init) => {
        await gate;
        return fetch(input, init);
      };
      const el = await fixture<IcPaymentMethods>(
        html`<ic-payment-methods .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: slow })}></ic-payment-methods>`,
      );
      await el.updateComplete;
      expect(statusText(el)).to.equal('Loading…');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => items(el).length, 'the list');
      expect(statusText(el)).to.equal('');
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
      const el = await fixture<IcPaymentMethods>(
        html`<ic-payment-methods .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: flaky })}></ic-payment-methods>`,
      );
      await waitUntil(() => alertText(el), 'an alert');
      errors.stop();
      expect(alertText(el)).to.contain('The billing service is not available right now.');
      expect(alertText(el)).to.contain('Reference: r-503');
      expect(errors.seen.map((e) => e.detail.code)).to.deep.equal(['upstream_unavailable']);
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await waitUntil(() => items(el).length, 'the list');
      expect(alertText(el)).to.equal('');
    });

    it('follows changes made through the same client elsewhere (AutoPay storing a method)', async () => {
      const client = brokerClient();
      const el = await mount({ client });
      await client.setAutopay('100200301', {
        enabled: true,
        newMethod: { method: { ...BANK_INPUT }, makeDefault: false },
      });
      await waitUntil(() => items(el).length === 2, 'the new method in the list');
      expect(isDefault(item(el, BANK))).to.equal(false);
    });
  });

  describe('add', () => {
    it('opens the shared form with focus on its first field; Cancel closes and clears', async () => {
      const el = await mount();
      await openAdd(el);
      await expect(el).to.be.accessible();
      await focused(() => field(methodForm(el), 'Card'), 'the first field');
      expect(field(el, 'Nickname (optional)').maxLength).to.equal(40);
      expect(field(el, 'Make this my default').type).to.equal('checkbox');
      await typeInto(field(methodForm(el), 'Card number'), '4111');
      button(el, 'Cancel').click();
      await el.updateComplete;
      expect(!!root(el).querySelector('ic-payment-method-form'), 'the form is gone').to.equal(false);
      await focused(() => root(el).querySelector('h2'), 'the heading');
      await openAdd(el);
      expect(field(methodForm(el), 'Card number').value).to.equal('');
    });

    it('shows every error, focuses the first invalid field and sends nothing', async () => {
      const el = await mount();
      await openAdd(el);
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      button(el, 'Save').click();
      await focused(() => field(methodForm(el), 'Card number'), 'the card number');
      expect(describedErrors(field(methodForm(el), 'Card number'))).to.equal('Enter the card number.');
      await expect(el).to.be.accessible();
      expect(await callsOf('StorePaymentMethod')).to.have.length(0);
    });

    it('stores a card with a nickname, tells the host, and lists it', async () => {
      const el = await mount();
      await openAdd(el);
      await fillCard(el, '5555555555554444');
      await typeInto(field(el, 'Nickname (optional)'), '  Work card ');
      const saved = oneEvent(el, 'ic-payment-method-saved');
      button(el, 'Save').click();
      const { detail } = await saved;
      isPlainJson(detail);
      expect(detail.method).to.include({ kind: 'card', brand: 'mastercard', last4: '4444', expMonth: 12, expYear: 2030, nickname: 'Work card', isDefault: false });
      await settled(el);
      expect(!!root(el).querySelector('ic-payment-method-form'), 'the form is gone').to.equal(false);
      expect(text(item(el, 'Mastercard ending in 4444'))).to.contain('Work card · Expires 12/2030');
      await focused(() => root(el).querySelector('h2'), 'the heading');
      const methods = (await account('100200301')).paymentMethods;
      expect(methods.map((m) => [m.last4, m.isDefault])).to.deep.equal([['1111', true], ['4444', false]]);
      await expect(el).to.be.accessible();
    });

    it('is busy while saving: the button says so, a second press sends nothing more', async () => {
      const el = await mount();
      await openAdd(el);
      await fillCard(el);
      await fault({ operation: 'StorePaymentMethod', latencyMs: 800, times: 1 });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const save = button(el, 'Save');
      save.click();
      await el.updateComplete;
      save.click();
      expect(save.getAttribute('aria-disabled')).to.equal('true');
      expect(text(save)).to.equal('Saving…');
      expect(statusText(el)).to.equal('Saving…');
      expect(el.busy).to.equal(true);
      expect(el.hasAttribute('busy')).to.equal(true);
      expect(() => button(root(el).querySelector('form')!, 'Cancel')).to.throw();
      await expect(el).to.be.accessible();
      await settled(el);
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(await callsOf('StorePaymentMethod')).to.have.length(1);
    });

    it('a declined card: the error is shown and told, the form is kept, nothing is stored', async () => {
      const el = await mount();
      await openAdd(el);
      await fillCard(el, '4000000000000002');
      const error = oneEvent(el, 'ic-error');
      button(el, 'Save').click();
      const { detail } = await error;
      expect(detail.code).to.equal('card_declined');
      isPlainJson(detail);
      await el.updateComplete;
      expect(alertText(el)).to.contain('Your card was declined. Check the card details or use a different card.');
      expect(field(methodForm(el), 'Card number').value).to.equal('4000 0000 0000 0002');
      await expect(el).to.be.accessible();
      expect((await account('100200301')).paymentMethods).to.have.length(1);
    });

    it('keyboard only: adds a bank account as the default, then removes the old card (AutoPay followed the default)', async () => {
      const el = await mount();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: visaId });

      await tabTo(button(el, 'Add a card or bank account'));
      await sendKeys({ press: 'Enter' });
      await focused(() => field(methodForm(el), 'Card'), 'the first field');
      await sendKeys({ press: 'ArrowRight' });
      await methodForm(el).updateComplete;
      const form = methodForm(el);
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
      await tabTo(field(el, 'Nickname (optional)'), 2);
      await sendKeys({ type: 'Household' });
      await tabTo(field(el, 'Make this my default'), 1);
      await sendKeys({ press: 'Space' });
      await tabTo(button(el, 'Save'), 1);
      const saved = oneEvent(el, 'ic-payment-method-saved');
      await sendKeys({ press: 'Enter' });
      const { detail } = await saved;
      expect(detail.method).to.include({ kind: 'ach', brand: 'checking', last4: '6789', nickname: 'Household', isDefault: true });
      await settled(el);
      expect(isDefault(item(el, BANK))).to.equal(true);
      expect(isDefault(item(el, VISA))).to.equal(false);
      const bankId = detail.method.id;
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: bankId });

      const remove = button(item(el, VISA), 'Remove');
      await tabTo(remove);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el).open, 'the dialog');
      expect(text(dialog(el).querySelector('h3'))).to.equal(`Remove ${VISA}?`);
      await focused(() => button(dialog(el), 'Cancel'), 'Cancel, the safe choice');
      await expect(el).to.be.accessible();
      const removed = oneEvent(el, 'ic-payment-method-removed');
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Enter' });
      expect((await removed).detail).to.deep.equal({ id: visaId });
      await settled(el);
      expect(dialog(el).open).to.equal(false);
      expect(items(el).map(text)).to.have.length(1);
      await focused(() => root(el).querySelector('h2'), 'the heading');
      const after = await account('100200301');
      expect(after.paymentMethods.map((m) => [m.id, m.kind, m.isDefault])).to.deep.equal([[bankId, 'ach', true]]);
      expect((await account('100200302')).autopay).to.deep.equal({ enabled: true, paymentMethodId: bankId });
    });
  });

  describe('edit', () => {
    it('a past expiry is refused in the browser with a clear field error; nothing is sent', async () => {
      const el = await mount();
      button(item(el, VISA), 'Edit').click();
      await focused(() => field(el, 'Expiration'), 'the expiry');
      const expiry = field(el, 'Expiration');
      expect(expiry.value).to.equal('12/30');
      await expect(el).to.be.accessible();
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await typeInto(expiry, '01/20');
      button(el, 'Save').click();
      await el.updateComplete;
      await waitUntil(() => describedErrors(field(el, 'Expiration')), 'the field error');
      expect(describedErrors(field(el, 'Expiration'))).to.equal('This card has expired. Use a different card.');
      await focused(() => field(el, 'Expiration'), 'the invalid expiry');
      await typeInto(field(el, 'Expiration'), '13/30');
      await el.updateComplete;
      expect(describedErrors(field(el, 'Expiration'))).to.equal('Enter the expiration date as MM/YY, for example 08/29.');
      await expect(el).to.be.accessible();
      expect(await callsOf('UpdatePaymentMethod')).to.have.length(0);
      expect((await account('100200301')).paymentMethods[0]).to.include({ expMonth: 12, expYear: 2030 });
    });

    it('changes the expiry and the nickname, and tells the host', async () => {
      const el = await mount();
      button(item(el, VISA), 'Edit').click();
      await focused(() => field(el, 'Expiration'), 'the expiry');
      await typeInto(field(el, 'Expiration'), '08/31');
      await typeInto(field(el, 'Nickname (optional)'), 'Travel card');
      const saved = oneEvent(el, 'ic-payment-method-saved');
      button(el, 'Save').click();
      const { detail } = await saved;
      isPlainJson(detail);
      expect(detail.method).to.include({ last4: '1111', expMonth: 8, expYear: 2031, nickname: 'Travel card', isDefault: true });
      await settled(el);
      expect(text(item(el, VISA))).to.contain('Travel card · Expires 08/2031');
      expect((await account('100200301')).paymentMethods[0]).to.include({ expMonth: 8, expYear: 2031 });
      await expect(el).to.be.accessible();
    });

    it('a bank account has a nickname only; an empty nickname clears it', async () => {
      await brokerClient().storePaymentMethod({ method: { ...BANK_INPUT }, nickname: 'Household' });
      const el = await mount();
      button(item(el, BANK), 'Edit').click();
      await focused(() => field(el, 'Nickname (optional)'), 'the nickname');
      expect(() => field(el, 'Expiration')).to.throw();
      expect(field(el, 'Nickname (optional)').value).to.equal('Household');
      await typeInto(field(el, 'Nickname (optional)'), ' ');
      const saved = oneEvent(el, 'ic-payment-method-saved');
      button(el, 'Save').click();
      expect((await saved).detail.method).to.include({ kind: 'ach', nickname: null });
      await settled(el);
      expect(text(item(el, BANK))).not.to.contain('Household');
    });
  });

  describe('default', () => {
    it('makes another method the default, says AutoPay follows, and tells the host', async () => {
      const bank = await brokerClient().storePaymentMethod({ method: { ...BANK_INPUT } });
      const el = await mount();
      const makeDefault = button(item(el, BANK), 'Make this my default');
      expect(root(el).getElementById(makeDefault.getAttribute('aria-describedby')!)!.textContent).to.contain(BANK);
      const saved = oneEvent(el, 'ic-payment-method-saved');
      makeDefault.click();
      const { detail } = await saved;
      expect(detail.method).to.include({ id: bank.id, isDefault: true });
      await settled(el);
      expect(isDefault(item(el, BANK))).to.equal(true);
      expect(isDefault(item(el, VISA))).to.equal(false);
      expect((await account('100200302')).autopay.paymentMethodId).to.equal(bank.id);
      await expect(el).to.be.accessible();
    });
  });

  describe('remove', () => {
    it('Escape closes the dialog, focus returns, nothing is sent', async () => {
      const el = await mount();
      const remove = button(item(el, VISA), 'Remove');
      remove.focus();
      remove.click();
      await waitUntil(() => dialog(el).open, 'the dialog');
      expect(text(dialog(el))).to.contain('Expires 12/2030');
      await expect(el).to.be.accessible();
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      await focused(() => remove, 'the Remove button that opened it');
      expect(await callsOf('RemovePaymentMethod')).to.have.length(0);
    });

    it('a cancelled remove-request sends nothing', async () => {
      const el = await mount();
      const requests = record<{ id: string }>('ic-payment-method-remove-request');
      const veto = (e: Event) => e.preventDefault();
      el.addEventListener('ic-payment-method-remove-request', veto);
      button(item(el, VISA), 'Remove').click();
      await waitUntil(() => dialog(el).open, 'the dialog');
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      button(dialog(el), 'Remove').click();
      await el.updateComplete;
      el.removeEventListener('ic-payment-method-remove-request', veto);
      requests.stop();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      expect(requests.seen.map((e) => e.detail)).to.deep.equal([{ id: visaId }]);
      expect(dialog(el).open).to.equal(false);
      expect(await callsOf('RemovePaymentMethod')).to.have.length(0);
      expect(items(el)).to.have.length(1);
    });

    it('refused while AutoPay charges the method: the error is in the dialog and nothing changes', async () => {
      const client = brokerClient();
      const visaId = (await account('100200301')).paymentMethods[0]!.id;
      await client.storePaymentMethod({ method: { ...BANK_INPUT }, makeDefault: true });
      await client.setAutopay('100200301', { enabled: true, paymentMethodId: visaId });
      const before = await account('100200301');
      const el = await mount();
      expect(isDefault(item(el, BANK))).to.equal(true);
      button(item(el, VISA), 'Remove').click();
      await waitUntil(() => dialog(el).open, 'the dialog');
      await fault({ operation: 'RemovePaymentMethod', latencyMs: 600, times: 1 });
      const error = oneEvent(el, 'ic-error');
      button(dialog(el), 'Remove').click();
      await el.updateComplete;
      const confirm = dialog(el).querySelector('button.primary')!;
      expect(text(confirm)).to.equal('Removing…');
      await expect(el).to.be.accessible();
      expect((await error).detail.code).to.equal('payment_method_in_use');
      await el.updateComplete;
      expect(text(dialog(el).querySelector('[role="alert"]'))).to.equal(
        'AutoPay uses this payment method. Choose another method for AutoPay, or turn AutoPay off, first.',
      );
      expect(alertText(el), 'not behind the modal dialog').to.equal('');
      expect(dialog(el).open).to.equal(true);
      await expect(el).to.be.accessible();
      expect(await account('100200301')).to.deep.equal(before);
      expect(items(el)).to.have.length(2);
      button(dialog(el), 'Cancel').click();
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      expect(alertText(el), 'why, still on screen after the dialog').to.contain('AutoPay uses this payment method.');
      await expect(el).to.be.accessible();
    });
  });

  it('speaks Spanish', async () => {
    const el = await mount({ lang: 'es' });
    await expect(el).to.be.accessible();
    const t = visibleText(el);
    expect(t).to.contain('Formas de pago');
    expect(t).to.contain('Visa que termina en 1111');
    expect(t).to.contain('Predeterminada');
    expect(t).to.contain('Vence 12/2030');
    button(el, 'Agregar una tarjeta o cuenta bancaria').click();
    await waitUntil(() => root(el).querySelector('ic-payment-method-form'), 'the add form');
    await methodForm(el).updateComplete;
    expect(field(el, 'Apodo (opcional)')).to.exist;
    expect(field(methodForm(el), 'Número de tarjeta')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('fits 320 px, with the add form and an edit form open', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 320px"><ic-payment-methods endpoint=${endpoint} token=${token}></ic-payment-methods></div>`,
    );
    const el = wrap.querySelector('ic-payment-methods')!;
    await waitUntil(() => items(el).length, 'the list');
    const fits = () => {
      const base = root(el).querySelector('.base')!;
      expect(base.scrollWidth, 'no horizontal scrolling').to.be.at.most(base.clientWidth);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
    };
    fits();
    await openAdd(el);
    fits();
    button(el, 'Cancel').click();
    await el.updateComplete;
    button(item(el, VISA), 'Edit').click();
    await el.updateComplete;
    fits();
    await expect(el).to.be.accessible();
  });
});
