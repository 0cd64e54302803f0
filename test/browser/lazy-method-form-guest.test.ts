/**
 * `<ic-one-time-pay>` imported on its own: the card and bank form is not part
 * of it; it is fetched as soon as the bill is found, so it is ready by the
 * method step two screens later. Real stack; no other element module here.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { resetSandbox, testStack } from '../support/browser-stack.ts';
import { button, field, squash, typeInto, waitUntil } from './helpers/dom.ts';
import { methodForm, typeCard } from './helpers/payment-method-form.ts';

const TAG = 'ic-payment-method-form';
const heading = (el: Element) => squash(el.shadowRoot!.querySelector('h2')!.textContent);

describe('the card and bank form, with <ic-one-time-pay> imported alone', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
    await resetSandbox();
  });

  it('<ic-one-time-pay>: the form is fetched once the bill is found, ready by the method step', async () => {
    const el = await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`);
    expect(customElements.get(TAG), 'the form is not loaded with the element').to.equal(undefined);
    await typeInto(field(el, 'Account number'), '100200300');
    await typeInto(field(el, 'Last name'), 'Doe');
    button(el, 'Find my bill').click();
    await waitUntil(() => heading(el).endsWith('Payment amount'), 'the amount step');
    await waitUntil(() => customElements.get(TAG), 'the form, fetched while the payer is on the amount step');
    button(el, 'Continue').click();
    await waitUntil(() => heading(el).endsWith('Payment method') && el.shadowRoot!.querySelector(TAG), 'the method step with its form');
    await typeCard(methodForm(el), '4111111111111111', 'Jane Doe');
    button(el, 'Continue').click();
    await waitUntil(() => heading(el).endsWith('Review your payment'), 'the review');
    expect(squash(el.shadowRoot!.textContent)).to.contain('Visa ending in 1111');
    await expect(el).to.be.accessible();
  });
});
