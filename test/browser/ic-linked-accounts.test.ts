/**
 * <ic-linked-accounts> against the real stack, signed in as John (100200301,
 * and 100200302 linked under it). Assertions read what the user sees and
 * hears, what the host receives, and what the sandbox ("InvoiceCloud") now
 * holds — including that unregistering an account takes its linked accounts
 * with it, and that the dialog said so first.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcLinkedAccounts } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { deepActiveElement, focused, squash, typeInto, waitUntil } from './helpers/dom.ts';
import { LinkedAccountsHarness } from './helpers/harness/linked-accounts.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { record } from './helpers/events.ts';

let endpoint: string;
let token: string;

interface SandboxAccount {
  registered: boolean;
  linkedAccounts: string[];
  paperless: boolean;
}
const inSandbox = async (n: string) => (await sandbox<SandboxAccount>(`/__sandbox/accounts/${n}`)).body;

/** John's accounts (signed in by each test's set-up), once listed. */
async function mount(o: { lang?: string; client?: BrokerClient } = {}): Promise<LinkedAccountsHarness> {
  const h = new LinkedAccountsHarness(
    await fixture<IcLinkedAccounts>(
      html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang=${o.lang ?? 'en'} .client=${o.client}></ic-linked-accounts>`,
    ),
  );
  await h.loaded();
  return h;
}

describe('<ic-linked-accounts>', function () {
  this.timeout(20000);

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    token = await signIn(USERS.john);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
  });

  describe('the list', () => {
    it('shows each account with its balance, statuses and the account it is linked to', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Your accounts');
      expect(h.numbers()).to.deep.equal(['100200301', '100200302']);
      const [first, second] = h.items();
      expect(first).to.contain('John Smith').and.contain('Balance $142.75').and.contain('Paperless on').and.contain('AutoPay off');
      expect(first).to.not.contain('Linked to');
      expect(second).to.contain('Balance $0.00').and.contain('Paperless off').and.contain('AutoPay on').and.contain('Linked to 100200301');
      // Each Unregister button says which account it is for.
      const b = h.unregisterButton('100200302');
      expect(squash(h.root.getElementById(b.getAttribute('aria-describedby')!)!.textContent)).to.equal('100200302');
      expect(h.el.busy).to.equal(false);
    });

    it('announces loading until the accounts arrive', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const client = new BrokerClient({ baseUrl: endpoint, token, fetch: async (input, init) => (await held, fetch(input, init)) });
      const h = new LinkedAccountsHarness(
        await fixture<IcLinkedAccounts>(html`<ic-linked-accounts lang="en" .client=${client}></ic-linked-accounts>`),
      );
      await h.el.updateComplete;
      expect(h.statusText()).to.equal('Loading…');
      expect(h.numbers()).to.deep.equal([]);
      await expect(h.el).to.be.accessible();
      release();
      await h.until(() => h.numbers().length === 2, 'the accounts');
      expect(h.statusText()).to.equal('');
    });

    it('a failed load says why and offers Try again', async () => {
      let calls = 0;
      const flaky = (async (input, init) => {
        if (calls++ === 0) throw new TypeError('Failed to fetch');
        return fetch(input, init);
      }) as typeof fetch;
      const errors = record('ic-error');
      const h = new LinkedAccountsHarness(
        await fixture<IcLinkedAccounts>(
          html`<ic-linked-accounts lang="en" .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: flaky })}></ic-linked-accounts>`,
        ),
      );
      await h.until(() => h.alertText(), 'the error');
      errors.stop();
      expect(h.alertText()).to.contain('We cannot reach the payment service.');
      expect(errors.seen.map((e) => e.detail.code)).to.deep.equal(['network_error']);
      expect(h.text()).to.not.contain('Link another account');
      await expect(h.el).to.be.accessible();
      h.button('Try again').click();
      await h.until(() => h.numbers().length === 2, 'the accounts after Try again');
      expect(h.alertText()).to.equal('');
      expect(h.hasButton('Try again')).to.equal(false);
    });

    it('follows changes made through the same client by other elements (paperless, balances)', async () => {
      const client = new BrokerClient({ baseUrl: endpoint, token });
      const h = await mount({ client });
      expect(h.items()[0]).to.contain('Paperless on');
      await client.setPaperless('100200301', false);
      await waitUntil(() => h.items()[0]!.includes('Paperless off'), 'the new paperless status');
      expect((await inSandbox('100200301')).paperless).to.equal(false);
      await expect(h.el).to.be.accessible();
    });
  });

  describe('linking an account', () => {
    it('names each missing or malformed field, ties it to the input and focuses the first', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      h.button('Link account').click();
      const account = h.field('Account number');
      const lastName = h.field('Last name');
      await focused(() => account, 'the account number');
      expect(account.getAttribute('aria-invalid')).to.equal('true');
      expect(h.errorOf('Account number')).to.equal('Enter your account number.');
      expect(h.errorOf('Last name')).to.equal('Enter the last name on the account.');
      await expect(h.el).to.be.accessible();
      await typeInto(account, '100200305');
      h.button('Link account').click();
      await focused(() => lastName, 'the last name');
      expect(account.getAttribute('aria-invalid')).to.equal('false');
      await typeInto(account, '1002$0305');
      expect(h.errorOf('Account number')).to.equal('Use only the letters, digits and dashes printed on your bill.');
      expect(await operations()).to.not.include('LinkAccounts');
    });

    it('with the keyboard alone: links 100200305 (last name Smith), then unregisters it', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <button id="before">before</button><ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts>
        </div>`,
      );
      const h = new LinkedAccountsHarness(wrapper.querySelector('ic-linked-accounts')!);
      await h.until(() => h.numbers().length === 2, 'the accounts');
      const events = record('ic-account-linked', 'ic-account-unregister-request', 'ic-account-unregistered');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab(); // Unregister 100200301
      await tab(); // Unregister 100200302
      await tab();
      expect(h.hasFocus(h.field('Account number')), 'focus').to.equal(true);
      await sendKeys({ type: '100200305' });
      await tab();
      expect(h.hasFocus(h.field('Last name')), 'focus').to.equal(true);
      await sendKeys({ type: 'Smith' });
      await sendKeys({ press: 'Enter' });
      await h.until(() => h.numbers().includes('100200305'), 'the linked account in the list');
      expect(h.items()[2]).to.contain('Balance $23.10').and.contain('Linked to 100200301');
      expect(h.statusText()).to.equal('Account 100200305 linked');
      expect(h.field('Account number').value).to.equal('');
      expect(h.field('Last name').value).to.equal('');
      // Focus stays where the user pressed Enter, ready to link another; the status says what happened.
      expect(h.hasFocus(h.field('Last name')), 'focus').to.equal(true);
      expect(await inSandbox('100200305')).to.include({ registered: true });
      await expect(h.el).to.be.accessible();

      // Back to the new account's Unregister button.
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      expect(h.hasFocus(h.unregisterButton('100200305')), 'focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await h.until(() => h.dialog().open, 'the dialog');
      expect(h.dialogText()).to.contain('Unregister 100200305?').and.contain('You can link it again later.');
      expect(h.dialogText()).to.not.contain('100200301').and.not.contain('100200302').and.not.contain('also removes');
      expect(squash(deepActiveElement()!.textContent)).to.equal('Cancel');
      await expect(h.el).to.be.accessible();
      await sendKeys({ press: 'Shift+Tab' });
      expect(h.hasFocus(h.confirmButton()), 'focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await h.until(() => !h.numbers().includes('100200305'), 'the account to leave the list');
      expect(h.dialog().open).to.equal(false);
      expect(h.headingHasFocus(), 'focus').to.equal(true);
      expect(h.statusText()).to.equal('Unregistered 100200305');
      expect(h.numbers()).to.deep.equal(['100200301', '100200302']);
      expect(await inSandbox('100200305')).to.include({ registered: false });
      expect((await inSandbox('100200302')).registered).to.equal(true);
      events.stop();
      expect(events.seen).to.deep.equal([
        { type: 'ic-account-linked', detail: { accountNumber: '100200305' } },
        { type: 'ic-account-unregister-request', detail: { accountNumber: '100200305', alsoRemoves: [] } },
        { type: 'ic-account-unregistered', detail: { accountNumbers: ['100200305'] } },
      ]);
      events.seen.forEach((e) => isPlainJson(e.detail));
      await expect(h.el).to.be.accessible();
    });

    it('is busy while linking: the button says so, and a second press sends nothing more', async () => {
      const h = await mount();
      await fault({ operation: 'LinkAccounts', latencyMs: 800, times: 1 });
      await h.link('100200305', 'Smith');
      await h.el.updateComplete;
      const b = h.button('Linking…');
      b.click();
      await h.el.updateComplete;
      expect(b.getAttribute('aria-disabled')).to.equal('true');
      expect(h.statusText()).to.equal('Linking…');
      expect(h.el.busy).to.equal(true);
      expect(h.el.hasAttribute('busy')).to.equal(true);
      await expect(h.el).to.be.accessible();
      await h.until(() => h.numbers().includes('100200305'), 'the linked account');
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect((await operations()).filter((o) => o === 'LinkAccounts')).to.have.length(1);
    });

    it('a wrong last name gets a message for linking, and changes nothing', async () => {
      const h = await mount();
      const linked = record('ic-account-linked');
      const event = oneEvent(h.el, 'ic-error');
      await h.link('100200305', 'Doe');
      const { detail } = await event;
      linked.stop();
      expect(detail.code).to.equal('account_not_found');
      expect(detail.message).to.contain('We could not find an account with that number and last name.');
      isPlainJson(detail);
      await h.el.updateComplete;
      expect(h.alertText()).to.contain('We could not find an account with that number and last name.');
      expect(h.alertText()).to.contain(`Reference: ${detail.requestId}`);
      expect(h.numbers()).to.deep.equal(['100200301', '100200302']);
      expect(h.field('Last name').value).to.equal('Doe');
      expect(linked.seen).to.deep.equal([]);
      expect(await inSandbox('100200305')).to.include({ registered: false });
      await expect(h.el).to.be.accessible();
    });
    it('in a session without an InvoiceCloud login: says why nothing can be linked, in the shared words', async () => {
      // Mallory lists only John's account: it is John's login's, so her session has no login to link through.
      token = await signIn({ userId: 'mallory', email: 'mallory@example.com', name: 'Mallory Doe', accountNumbers: ['100200301'] });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const h = new LinkedAccountsHarness(
        await fixture<IcLinkedAccounts>(html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts>`),
      );
      await waitUntil(() => h.text().includes('No accounts are registered to you yet.'), 'the empty list');
      await expect(h.el).to.be.accessible();
      const event = oneEvent(h.el, 'ic-error');
      await h.link('100200305', 'Smith');
      const { detail } = await event;
      await h.el.updateComplete;
      const message =
        'None of your accounts can be used online: each is registered to another online account. Sign in with the email address of that online account, or contact us.';
      expect([detail.code, detail.message]).to.deep.equal(['no_invoicecloud_login', message]);
      // In the alert region, so it is announced, with the reference to quote.
      expect(h.alertText()).to.equal(`${message} Reference: ${detail.requestId}`);
      expect(h.el.busy).to.equal(false);
      await expect(h.el).to.be.accessible();
      // Refused by the broker: nothing reached InvoiceCloud, and the account is not linked.
      expect(await operations()).to.deep.equal([]);
      expect(await inSandbox('100200305')).to.include({ registered: false });

      // The same in Spanish.
      const es = new LinkedAccountsHarness(
        await fixture<IcLinkedAccounts>(html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang="es"></ic-linked-accounts>`),
      );
      await waitUntil(() => es.root.querySelector('form'), 'the Spanish form');
      await typeInto(es.field('Número de cuenta'), '100200305');
      await typeInto(es.field('Apellido'), 'Smith');
      es.button('Vincular cuenta').click();
      await es.until(() => es.alertText(), 'the Spanish error');
      expect(es.alertText()).to.contain('Ninguna de sus cuentas se puede usar en línea: cada una está registrada en otra cuenta en línea.');
      await expect(es.el).to.be.accessible();
    });
  });

  describe('unregistering', () => {
    it('unregistering 100200301 names 100200302 too, then removes both and shows the empty list', async () => {
      const h = await mount();
      const events = record('ic-account-unregister-request', 'ic-account-unregistered');
      await h.openDialog('100200301');
      expect(h.dialogText()).to.contain('Unregister 100200301?');
      expect(h.dialogText()).to.contain('This also removes 100200302, which is linked to it. You can link them again later.');
      await expect(h.el).to.be.accessible();
      await fault({ operation: 'UnregisterAccounts', latencyMs: 800, times: 1 });
      h.confirmButton().click();
      await h.el.updateComplete;
      expect(squash(h.confirmButton().textContent)).to.equal('Unregistering…');
      expect(h.confirmButton().getAttribute('aria-disabled')).to.equal('true');
      expect(h.el.busy).to.equal(true);
      await expect(h.el).to.be.accessible();
      await h.until(() => h.root.querySelector('ul.items') === null && !h.dialog().open, 'the empty list');
      events.stop();
      expect(h.text()).to.contain('No accounts are registered to you yet. Link one below.');
      expect(h.statusText()).to.equal('Unregistered 100200301 and 100200302');
      expect(h.headingHasFocus(), 'focus').to.equal(true);
      expect(events.seen).to.deep.equal([
        { type: 'ic-account-unregister-request', detail: { accountNumber: '100200301', alsoRemoves: ['100200302'] } },
        { type: 'ic-account-unregistered', detail: { accountNumbers: ['100200301', '100200302'] } },
      ]);
      expect(await inSandbox('100200301')).to.include({ registered: false });
      expect(await inSandbox('100200302')).to.include({ registered: false });
      expect((await operations()).filter((o) => o === 'UnregisterAccounts')).to.have.length(1);
      // The link form is still there: the user can link them again.
      expect(h.field('Account number')).to.exist;
      await expect(h.el).to.be.accessible();
    });

    it('a host that cancels the request event stops it: nothing is sent', async () => {
      const counting = countingFetch();
      const h = await mount({ client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      const veto = (e: Event) => e.preventDefault();
      h.el.addEventListener('ic-account-unregister-request', veto);
      const events = record('ic-account-unregister-request', 'ic-account-unregistered');
      try {
        await h.openDialog('100200301');
        const sent = counting.requests.length;
        h.confirmButton().click();
        // The host was asked and said no, and the dialog closed: the element has decided; whatever it sent is answered.
        await h.until(() => events.seen.length > 0 && !h.dialog().open, 'the vetoed request');
        await counting.settled();
        expect(counting.requests.slice(sent)).to.deep.equal([]);
      } finally {
        h.el.removeEventListener('ic-account-unregister-request', veto);
        events.stop();
      }
      expect(events.seen.map((e) => e.type)).to.deep.equal(['ic-account-unregister-request']);
      expect(await operations()).to.not.include('UnregisterAccounts');
      expect(h.numbers()).to.deep.equal(['100200301', '100200302']);
      expect(await inSandbox('100200301')).to.include({ registered: true });
    });

    it('Escape closes the dialog and gives focus back to the Unregister button', async () => {
      const h = await mount();
      const opener = h.unregisterButton('100200302');
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await h.until(() => h.dialog().open, 'the dialog');
      expect(h.dialogText()).to.contain('Unregister 100200302?').and.contain('You can link it again later.');
      await sendKeys({ press: 'Escape' });
      await h.until(() => !h.dialog().open, 'the dialog to close');
      expect(h.hasFocus(opener), 'focus').to.equal(true);
      expect(await operations()).to.not.include('UnregisterAccounts');
    });

    it('an upstream failure shows inside the dialog and changes nothing', async () => {
      const h = await mount();
      await h.openDialog('100200301');
      await fault({ operation: 'UnregisterAccounts', status: 503, times: 1 });
      const event = oneEvent(h.el, 'ic-error');
      const done = record('ic-account-unregistered');
      h.confirmButton().click();
      const { detail } = await event;
      await h.el.updateComplete;
      done.stop();
      expect(h.dialog().open).to.equal(true);
      expect(h.dialogAlert()).to.equal('The billing service is not available right now. Please try again in a few minutes.');
      expect(detail.message).to.equal(h.dialogAlert());
      expect(h.alertText()).to.equal('');
      expect(squash(h.confirmButton().textContent)).to.equal('Unregister');
      expect(done.seen).to.deep.equal([]);
      expect(await inSandbox('100200301')).to.include({ registered: true });
      expect(await inSandbox('100200302')).to.include({ registered: true });
      await expect(h.el).to.be.accessible();
      h.button('Cancel').click();
      await waitUntil(() => !h.dialog().open, 'the dialog to close');
      expect(h.numbers()).to.deep.equal(['100200301', '100200302']);
    });
  });

  describe('language and layout', () => {
    it('speaks Spanish with lang="es"', async () => {
      const h = await mount({ lang: 'es' });
      await expect(h.el).to.be.accessible();
      expect(h.heading()).to.equal('Sus cuentas');
      expect(h.items()[0]).to.contain('Saldo').and.contain('$142.75').and.contain('Sin papel: sí');
      expect(h.items()[1]).to.contain('Vinculada a 100200301');
      await h.openDialog('100200301');
      expect(h.dialogText()).to.contain('¿Anular el registro de 100200301?');
      expect(h.dialogText()).to.contain('También se quita 100200302, que está vinculada a ella.');
      await expect(h.el).to.be.accessible();
      h.button('Cancelar').click();
      await waitUntil(() => !h.dialog().open, 'the dialog to close');
      await typeInto(h.field('Número de cuenta'), '100200305');
      await typeInto(h.field('Apellido'), 'Doe');
      h.button('Vincular cuenta').click();
      await waitUntil(() => h.alertText(), 'the error');
      expect(h.alertText()).to.contain('No encontramos una cuenta con ese número y apellido.');
    });

    it('fits 320 px, the dialog included', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px"><ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts></div>`,
      );
      const h = new LinkedAccountsHarness(wrapper.querySelector('ic-linked-accounts')!);
      await h.until(() => h.numbers().length === 2, 'the accounts');
      const base = h.root.querySelector<HTMLElement>('[part~="base"]')!;
      expect(h.el.getBoundingClientRect().width).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      for (const b of h.root.querySelectorAll('button')) {
        if (b.offsetParent) expect(b.getBoundingClientRect().right).to.be.at.most(h.el.getBoundingClientRect().right + 0.5);
      }
      await expect(h.el).to.be.accessible();
      await h.openDialog('100200301');
      expect(h.dialog().scrollWidth).to.be.at.most(h.dialog().clientWidth);
      await expect(h.el).to.be.accessible();
    });
  });
});
