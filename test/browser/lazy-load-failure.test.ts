/**
 * When what an element loads on demand cannot be fetched (the dev server
 * answers its module 503 once, by the 'ic-fail-next' command): the payer is
 * told to reload, nothing else happens, and the host hears `ic-error` with
 * `load_failed`. Chromium keeps a failed module for the page's life, which is
 * why the words say reload rather than try again. Elements imported alone;
 * real stack.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/ic-bills/ic-bills.ts';
import type { IcBills } from '../../src/elements/ic-bills/ic-bills.ts';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { button, field, squash, typeInto, waitUntil } from './helpers/dom.ts';

const RELOAD = 'Part of this page did not load. Check your internet connection, then reload the page.';
const heading = (el: Element) => squash(el.shadowRoot!.querySelector('h2')!.textContent);
const alertText = (el: Element) => squash(el.shadowRoot!.querySelector('.base > [role="alert"]')!.textContent);

describe('what an element loads on demand, when it cannot be fetched', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
    await resetSandbox();
  });

  it('<ic-one-time-pay>: the look-up says to reload and stays where it is', async () => {
    await executeServerCommand('ic-fail-next', { path: '/src/elements/ic-one-time-pay/guest-steps.ts' });
    const el = await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`);
    await typeInto(field(el, 'Account number'), '100200300');
    await typeInto(field(el, 'Last name'), 'Doe');
    const error = oneEvent(el, 'ic-error');
    button(el, 'Find my bill').click();
    expect((await error).detail).to.include({ code: 'load_failed', message: RELOAD });
    await waitUntil(() => alertText(el), 'the error');
    expect(alertText(el)).to.equal(RELOAD);
    expect(heading(el)).to.contain('Find your bill');
    expect(el.busy).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('<ic-bills>: Pay says to reload, and the bills stay on screen', async () => {
    await executeServerCommand('ic-fail-next', { path: '/src/elements/ic-bills/bill-steps.ts' });
    const token = await signIn(USERS.john);
    const el = await fixture<IcBills>(html`<ic-bills endpoint=${endpoint} token=${token} account-number="100200301" lang="en"></ic-bills>`);
    await waitUntil(() => el.shadowRoot!.querySelector('h3'), 'the bills');
    const error = oneEvent(el, 'ic-error');
    button(el, /^Pay$/).click();
    expect((await error).detail).to.include({ code: 'load_failed', message: RELOAD });
    await el.updateComplete;
    expect(alertText(el)).to.equal(RELOAD);
    expect(heading(el)).to.equal('Account 100200301');
    expect(button(el, /^Pay$/).disabled).to.equal(false);
    await expect(el).to.be.accessible();
    const calls = (await sandbox<string[]>('/__sandbox/calls')).body;
    expect(JSON.stringify(calls)).to.not.contain('InvoicePay');
  });
});
