import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/ic-payment-method-form/ic-payment-method-form.ts';
import type { IcPaymentMethodForm } from '../../src/elements/ic-payment-method-form/ic-payment-method-form.ts';
import { deepActiveElement, describedErrors, field, hasField, typeInto, visibleText } from './helpers/dom.ts';
import { visa } from '../support/cards.ts';

async function cardForm() {
  return fixture<IcPaymentMethodForm>(html`<ic-payment-method-form></ic-payment-method-form>`);
}

async function fillCard(el: IcPaymentMethodForm, o: { number?: string; expiry?: string; code?: string } = {}) {
  await typeInto(field(el, 'Card number'), o.number ?? '4111111111111111');
  await typeInto(field(el, 'Expiration'), o.expiry ?? '1230');
  await typeInto(field(el, 'Security code'), o.code ?? '123');
  await typeInto(field(el, 'Name on card'), 'Jane Doe');
  await typeInto(field(el, 'ZIP code'), '62701');
  await el.updateComplete;
}

async function chooseBank(el: IcPaymentMethodForm) {
  field(el, 'Bank account').click();
  await el.updateComplete;
}

async function fillBank(el: IcPaymentMethodForm, routing = '011000015', account = '123456789', confirm = account) {
  await typeInto(field(el, 'Routing number'), routing);
  await typeInto(field(el, 'Bank account number'), account);
  await typeInto(field(el, 'Confirm bank account number'), confirm);
  await typeInto(field(el, 'Name on the bank account'), 'Jane Doe');
  await el.updateComplete;
}

describe('<ic-payment-method-form>', () => {
  it('is accessible: card, bank, and with every error shown', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    el.validate();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await chooseBank(el);
    await expect(el).to.be.accessible();
    el.validate();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows the card fields with visible labels, autocomplete and numeric keyboards', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    const expected: [string, string, string][] = [
      ['Card number', 'cc-number', 'numeric'],
      ['Expiration', 'cc-exp', 'numeric'],
      ['Security code', 'cc-csc', 'numeric'],
      ['Name on card', 'cc-name', 'text'],
      ['ZIP code', 'postal-code', 'numeric'],
    ];
    for (const [label, autocomplete, inputmode] of expected) {
      const input = field(el, label);
      expect(input.getAttribute('autocomplete'), label).to.equal(autocomplete);
      expect(input.getAttribute('inputmode'), label).to.equal(inputmode);
    }
    expect(hasField(el, 'Routing number')).to.equal(false);
  });

  it('switches to bank account fields with the keyboard', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    field(el, 'Card').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.kind).to.equal('ach');
    for (const label of [
      'Routing number',
      'Bank account number',
      'Confirm bank account number',
      'Checking',
      'Savings',
      'Name on the bank account',
    ]) {
      expect(hasField(el, label), label).to.equal(true);
    }
    expect(hasField(el, 'Card number')).to.equal(false);
  });

  it('groups the card number as typed and names the brand', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    const number = field(el, 'Card number');
    await typeInto(number, '4111111111111111');
    await el.updateComplete;
    expect(number.value).to.equal('4111 1111 1111 1111');
    expect(visibleText(el)).to.contain('Visa card');
    expect(visibleText(el)).to.contain('3 digits on the back of the card.');

    await typeInto(number, '378282246310005');
    await el.updateComplete;
    expect(number.value).to.equal('3782 822463 10005');
    expect(visibleText(el)).to.contain('American Express card');
    expect(visibleText(el)).to.contain('4 digits on the front of the card.');
  });

  it('writes the expiry as MM/YY', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    const expiry = field(el, 'Expiration');
    await typeInto(expiry, '0829');
    expect(expiry.value).to.equal('08/29');
    await typeInto(expiry, '8');
    expect(expiry.value).to.equal('08/');
    await typeInto(expiry, '1/30');
    expect(expiry.value).to.equal('01/30');
  });

  it('validate() on an empty form shows every error, announces them and focuses the first field', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    expect(el.validate()).to.equal(null);
    await el.updateComplete;
    const number = field(el, 'Card number');
    expect(deepActiveElement()).to.equal(number);
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect(describedErrors(number)).to.equal('Enter the card number.');
    expect(describedErrors(field(el, 'Expiration'))).to.contain('MM/YY');
    expect(describedErrors(field(el, 'Security code'))).to.equal('Enter the 3-digit security code.');
    expect(describedErrors(field(el, 'Name on card'))).to.equal('Enter the name as it appears on the card.');
    expect(describedErrors(field(el, 'ZIP code'))).to.equal('Enter a 5-digit ZIP code.');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Please fix 5 fields.');
  });

  it('rejects a number that fails Luhn and an Amex with a 3-digit code', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await fillCard(el, { number: '4111111111111112' });
    expect(el.validate()).to.equal(null);
    await el.updateComplete;
    expect(describedErrors(field(el, 'Card number'))).to.equal('Check the card number: it is not a valid card number.');
    expect(deepActiveElement()).to.equal(field(el, 'Card number'));

    await fillCard(el, { number: '378282246310005', code: '123' });
    expect(el.validate()).to.equal(null);
    await el.updateComplete;
    expect(describedErrors(field(el, 'Security code'))).to.equal('Enter the 4-digit security code.');
    expect(deepActiveElement()).to.equal(field(el, 'Security code'));
  });

  it('rejects an expired card', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await fillCard(el, { expiry: '0120' });
    expect(el.validate()).to.equal(null);
    await el.updateComplete;
    expect(describedErrors(field(el, 'Expiration'))).to.equal('This card has expired. Use a different card.');
  });

  it('validate() returns the card as the contract expects', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await fillCard(el);
    expect(el.validate()).to.deep.equal(visa());
  });

  it('shows an error when leaving a mistyped field, and clears it as it is fixed', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    const zip = field(el, 'ZIP code');
    await typeInto(zip, '627');
    field(el, 'Card number').focus();
    await el.updateComplete;
    expect(zip.getAttribute('aria-invalid')).to.equal('true');
    expect(describedErrors(zip)).to.equal('Enter a 5-digit ZIP code.');
    zip.focus();
    await sendKeys({ type: '01' });
    await el.updateComplete;
    expect(zip.getAttribute('aria-invalid')).to.equal('false');
    expect(describedErrors(zip)).to.equal('');
  });

  it('checks the ABA routing checksum and the repeated account number', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await chooseBank(el);
    await fillBank(el, '011000016', '123456789', '123456780');
    expect(el.validate()).to.equal(null);
    await el.updateComplete;
    expect(describedErrors(field(el, 'Routing number'))).to.equal('Check the routing number: it is not a valid US routing number.');
    expect(describedErrors(field(el, 'Confirm bank account number'))).to.equal('The bank account numbers do not match.');
    expect(deepActiveElement()).to.equal(field(el, 'Routing number'));
  });

  it('validate() returns the bank account, checking or savings', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await chooseBank(el);
    await fillBank(el);
    expect(el.validate()).to.deep.equal({
      kind: 'ach',
      routingNumber: '011000015',
      accountNumber: '123456789',
      accountType: 'checking',
      name: 'Jane Doe',
    });
    field(el, 'Savings').click();
    await el.updateComplete;
    expect(el.validate()).to.include({ accountType: 'savings' });
  });

  it('reset() clears what was typed and every message', async () => {
    const el = await cardForm();
    await expect(el).to.be.accessible();
    await fillCard(el, { number: '4111111111111112' });
    el.validate();
    el.reset();
    await el.updateComplete;
    expect(field(el, 'Card number').value).to.equal('');
    expect(field(el, 'Card number').getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('');
  });

  it('Enter in a field submits the form it sits in', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ic-payment-method-form></ic-payment-method-form><button>Go</button></form>`);
    form.addEventListener('submit', (e) => e.preventDefault());
    const el = form.querySelector('ic-payment-method-form')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    field(el, 'Name on card').focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const submit = await oneEvent(form, 'submit');
    expect(submit).to.exist;
  });

  it('focus() puts the payer in the first field', async () => {
    const el = await cardForm();
    el.focus();
    expect(deepActiveElement()).to.equal(field(el, 'Card'));
  });

  it('disables every field while its parent is busy', async () => {
    const el = await fixture<IcPaymentMethodForm>(html`<ic-payment-method-form disabled></ic-payment-method-form>`);
    await expect(el).to.be.accessible();
    expect(field(el, 'Card number').disabled).to.equal(true);
    expect(field(el, 'Bank account').disabled).to.equal(true);
  });

  it('speaks Spanish with lang="es"', async () => {
    const el = await fixture<IcPaymentMethodForm>(html`<ic-payment-method-form lang="es"></ic-payment-method-form>`);
    await expect(el).to.be.accessible();
    for (const label of ['Número de tarjeta', 'Vencimiento', 'Código de seguridad', 'Nombre en la tarjeta', 'Código postal']) {
      expect(hasField(el, label), label).to.equal(true);
    }
  });
});
