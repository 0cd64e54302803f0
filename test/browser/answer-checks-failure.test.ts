/**
 * When the checks of the broker's answers (src/client/answers.ts, loaded on
 * demand) cannot be fetched: no request is sent, since its answer could not
 * be read; the payer is told to reload and the host hears `load_failed`.
 * A file of its own: Chromium keeps a failed module for the page's life.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { resetSandbox, sandbox, testStack } from '../support/browser-stack.ts';
import { OneTimePayHarness } from './helpers/harness/one-time-pay.ts';

describe('the answer checks, when they cannot be fetched', function () {
  this.timeout(20000);

  it('<ic-one-time-pay>: the look-up is not sent, and the payer is told to reload', async () => {
    const { endpoint } = await testStack();
    await resetSandbox();
    await executeServerCommand('ic-fail-next', { path: '/src/client/answers.ts' });
    const h = new OneTimePayHarness(await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`));
    await h.findBillExpectingReload();
    const calls = (await sandbox<string[]>('/__sandbox/calls')).body;
    expect(calls).to.deep.equal([]);
  });
});
