/**
 * <ic-paperless-toggle> against the real stack: the shared toggle suite
 * (loading, keyboard, veto, busy, rollback, Spanish, 320 px, two toggles on one
 * client), and what the sandbox holds after each change.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { IcPaperlessToggle } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { operations } from './helpers/sandbox.ts';
import { ToggleHarness } from './helpers/harness/toggle.ts';
import { runToggleSuite, sandboxAccount } from './toggle-suite.ts';

runToggleSuite('ic-paperless-toggle', {
  label: 'Paperless billing',
  spanishLabel: 'Facturas sin papel',
  operation: 'UpdatePaperless',
  initially: true,
  stored: (a) => a.paperless,
});

describe('<ic-paperless-toggle>', function () {
  this.timeout(20000);
  let endpoint: string;
  let token: string;

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    token = await signIn(USERS.john);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
  });

  /** John's toggle of `account`, once it shows its switch. */
  async function mount(account: string): Promise<ToggleHarness<IcPaperlessToggle>> {
    const h = new ToggleHarness(
      await fixture<IcPaperlessToggle>(
        html`<ic-paperless-toggle endpoint=${endpoint} token=${token} account-number=${account} lang="en"></ic-paperless-toggle>`,
      ),
    );
    await h.ready();
    return h;
  }

  it('says what paperless billing does, tied to the switch', async () => {
    const h = await mount('100200301');
    await expect(h.el).to.be.accessible();
    expect(h.about()).to.equal('Get your bills by email, not by mail.');
  });

  it('turns paperless off, then on again, as the sandbox records', async () => {
    const h = await mount('100200301');
    await expect(h.el).to.be.accessible();
    let done = oneEvent(h.el, 'ic-paperless-changed');
    h.switch()!.click();
    expect((await done).detail).to.deep.equal({ accountNumber: '100200301', enabled: false });
    expect((await sandboxAccount('100200301')).paperless).to.equal(false);
    await h.el.updateComplete;
    await expect(h.el).to.be.accessible();
    done = oneEvent(h.el, 'ic-paperless-changed');
    h.switch()!.click();
    expect((await done).detail).to.deep.equal({ accountNumber: '100200301', enabled: true });
    expect((await sandboxAccount('100200301')).paperless).to.equal(true);
    const calls = await operations();
    expect(calls.filter((c) => c === 'UpdatePaperless')).to.have.length(2);
  });

  it('turns paperless on for an account where it is off', async () => {
    const h = await mount('100200302');
    expect(h.switch()!.checked).to.equal(false);
    const done = oneEvent(h.el, 'ic-paperless-changed');
    h.switch()!.click();
    await done;
    expect((await sandboxAccount('100200302')).paperless).to.equal(true);
    expect((await sandboxAccount('100200301')).paperless, 'the other account is untouched').to.equal(true);
  });
});
