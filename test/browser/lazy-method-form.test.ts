/**
 * An element imported on its own, as a host that wants only it would: the
 * card and bank form is not part of it and arrives when a payer first needs
 * it (src/elements/ic-payment-method-form/method-form-loader.ts), against the real stack. This file
 * imports no other element module (the package entry would define the form
 * up front); lazy-guest-steps.test.ts does the same for one-time pay.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/ic-autopay-toggle/ic-autopay-toggle.ts';
import type { IcAutopayToggle } from '../../src/elements/ic-autopay-toggle/ic-autopay-toggle.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { deepActiveElement, waitUntil } from './helpers/dom.ts';
import { AutopayToggleHarness } from './helpers/harness/toggle.ts';
import { typeCard } from './helpers/payment-method-form.ts';
import { operations } from './helpers/sandbox.ts';

const TAG = 'ic-payment-method-form';

describe('the card and bank form, with <ic-autopay-toggle> imported alone', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
    await resetSandbox();
  });

  it('<ic-autopay-toggle>: no form until AutoPay asks for one; then it loads, takes focus and enrolls', async () => {
    const token = await signIn(USERS.maria);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
    const h = new AutopayToggleHarness(
      await fixture<IcAutopayToggle>(
        html`<ic-autopay-toggle endpoint=${endpoint} token=${token} account-number="100200303" lang="en"></ic-autopay-toggle>`,
      ),
    );
    await waitUntil(() => h.switch(), 'the switch');
    expect(customElements.get(TAG), 'the form is not loaded with the element').to.equal(undefined);

    h.switch()!.focus();
    await sendKeys({ press: 'Space' });
    const form = await waitUntil(() => h.methodForm(), 'the form to load and render');
    expect(customElements.get(TAG)).to.not.equal(undefined);
    await waitUntil(() => deepActiveElement()?.getRootNode() === form.shadowRoot, 'focus in the form');
    expect((deepActiveElement() as HTMLInputElement).labels![0]!.textContent!.trim()).to.equal('Card');
    await expect(h.el).to.be.accessible();

    await typeCard(form, '4111111111111111', 'Maria Garcia');
    h.button('Save and turn on AutoPay').click();
    await waitUntil(() => !h.methodForm(), 'the form to close');
    expect(h.switch()!.checked).to.equal(true);
    expect((await operations()).filter((o) => !o.startsWith('Retrieve'))).to.deep.equal(['StorePaymentMethod', 'UpdateAutoPay']);
  });
});
