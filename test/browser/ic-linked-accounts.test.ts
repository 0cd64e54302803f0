/**
 * <ic-linked-accounts> against the real stack, signed in as John (100200301,
 * and 100200302 linked under it). Assertions read what the user sees and
 * hears, what the host receives, and what the sandbox ("InvoiceCloud") now
 * holds — including that unregistering an account takes its linked accounts
 * with it, and that the dialog said so first.
 */
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcLinkedAccounts } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { isPlainJson } from './helpers/assert.ts';
import { button, deepActiveElement, describedErrors, field, squash, typeInto, visibleText, waitUntil } from './helpers/dom.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { record } from './helpers/sso.ts';

let endpoint: string;
let token: string;

const root = (el: IcLinkedAccounts) => el.shadowRoot!;
const alertText = (el: IcLinkedAccounts) => squash(root(el).querySelector('.base > [role="alert"]')!.textContent);
const statusText = (el: IcLinkedAccounts) => squash(root(el).querySelector('[role="status"]')!.textContent);
const items = (el: IcLinkedAccounts) => [...root(el).querySelectorAll('ul.items > li')].map((li) => squash(li.textContent));
const numbers = (el: IcLinkedAccounts) => [...root(el).querySelectorAll('ul.items > li strong')].map((s) => s.textContent!.trim());
const dialog = (el: IcLinkedAccounts) => root(el).querySelector('dialog')!;
const dialogText = (el: IcLinkedAccounts) => squash(dialog(el).textContent);
const dialogAlert = (el: IcLinkedAccounts) => squash(dialog(el).querySelector('[role="alert"]')!.textContent);
/** The Unregister button of one account's list item. */
const unregisterOf = (el: IcLinkedAccounts, n: string) =>
  [...root(el).querySelectorAll('ul.items > li')].find((li) => li.querySelector('strong')?.textContent === n)!.querySelector('button')!;
const confirmButton = (el: IcLinkedAccounts) => dialog(el).querySelector<HTMLButtonElement>('button.primary')!;

interface SandboxAccount {
  registered: boolean;
  linkedAccounts: string[];
  paperless: boolean;
}
const inSandbox = async (n: string) => (await sandbox<SandboxAccount>(`/__sandbox/accounts/${n}`)).body;

async function mount(o: { lang?: string; client?: BrokerClient } = {}) {
  const el = await fixture<IcLinkedAccounts>(
    html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang=${o.lang ?? 'en'} .client=${o.client}></ic-linked-accounts>`,
  );
  await waitUntil(() => numbers(el).length > 0, 'the accounts to load');
  await el.updateComplete;
  return el;
}

async function openDialog(el: IcLinkedAccounts, n: string) {
  unregisterOf(el, n).click();
  await waitUntil(() => dialog(el).open, 'the dialog to open');
  await el.updateComplete;
}

async function link(el: IcLinkedAccounts, account: string, lastName: string) {
  await typeInto(field(el, 'Account number'), account);
  await typeInto(field(el, 'Last name'), lastName);
  button(el, 'Link account').click();
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
      const el = await mount();
      await expect(el).to.be.accessible();
      expect(squash(root(el).querySelector('h2')!.textContent)).to.equal('Your accounts');
      expect(numbers(el)).to.deep.equal(['100200301', '100200302']);
      const [first, second] = items(el);
      expect(first).to.contain('John Smith').and.contain('Balance $142.75').and.contain('Paperless on').and.contain('AutoPay off');
      expect(first).to.not.contain('Linked to');
      expect(second).to.contain('Balance $0.00').and.contain('Paperless off').and.contain('AutoPay on').and.contain('Linked to 100200301');
      // Each Unregister button says which account it is for.
      const b = unregisterOf(el, '100200302');
      expect(squash(root(el).getElementById(b.getAttribute('aria-describedby')!)!.textContent)).to.equal('100200302');
      expect(el.busy).to.equal(false);
    });

    it('announces loading until the accounts arrive', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const client = new BrokerClient({ baseUrl: endpoint, token, fetch: async (input, init) => (await held, fetch(input, init)) });
      const el = await fixture<IcLinkedAccounts>(html`<ic-linked-accounts lang="en" .client=${client}></ic-linked-accounts>`);
      await el.updateComplete;
      expect(statusText(el)).to.equal('Loading…');
      expect(numbers(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => numbers(el).length === 2, 'the accounts');
      await el.updateComplete;
      expect(statusText(el)).to.equal('');
    });

    it('a failed load says why and offers Try again', async () => {
      let calls = 0;
      const flaky = (async (input, init) => {
        if (calls++ === 0) throw new TypeError('Failed to fetch');
        return fetch(input, init);
      }) as typeof fetch;
      const errors = record('ic-error');
      const el = await fixture<IcLinkedAccounts>(
        html`<ic-linked-accounts lang="en" .client=${new BrokerClient({ baseUrl: endpoint, token, fetch: flaky })}></ic-linked-accounts>`,
      );
      await waitUntil(() => alertText(el), 'the error');
      await el.updateComplete;
      errors.stop();
      expect(alertText(el)).to.contain('We cannot reach the payment service.');
      expect(errors.seen.map((e) => e.detail.code)).to.deep.equal(['network_error']);
      expect(visibleText(el)).to.not.contain('Link another account');
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await waitUntil(() => numbers(el).length === 2, 'the accounts after Try again');
      await el.updateComplete;
      expect(alertText(el)).to.equal('');
      expect(() => button(el, 'Try again')).to.throw();
    });

    it('follows changes made through the same client by other elements (paperless, balances)', async () => {
      const client = new BrokerClient({ baseUrl: endpoint, token });
      const el = await mount({ client });
      expect(items(el)[0]).to.contain('Paperless on');
      await client.setPaperless('100200301', false);
      await waitUntil(() => items(el)[0]!.includes('Paperless off'), 'the new paperless status');
      expect((await inSandbox('100200301')).paperless).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('linking an account', () => {
    it('names each missing or malformed field, ties it to the input and focuses the first', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      button(el, 'Link account').click();
      await el.updateComplete;
      await aTimeout(0);
      const account = field(el, 'Account number');
      const lastName = field(el, 'Last name');
      expect(deepActiveElement() === account, 'focus').to.equal(true);
      expect(account.getAttribute('aria-invalid')).to.equal('true');
      expect(describedErrors(account)).to.equal('Enter your account number.');
      expect(describedErrors(lastName)).to.equal('Enter the last name on the account.');
      await expect(el).to.be.accessible();
      await typeInto(account, '100200305');
      button(el, 'Link account').click();
      await el.updateComplete;
      await aTimeout(0);
      expect(deepActiveElement() === lastName, 'focus').to.equal(true);
      expect(account.getAttribute('aria-invalid')).to.equal('false');
      await typeInto(account, '1002$0305');
      expect(describedErrors(account)).to.equal('Use only the letters, digits and dashes printed on your bill.');
      expect(await operations()).to.not.include('LinkAccounts');
    });

    it('with the keyboard alone: links 100200305 (last name Smith), then unregisters it', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><button id="before">before</button><ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts></div>`,
      );
      const el = wrapper.querySelector('ic-linked-accounts')!;
      await waitUntil(() => numbers(el).length === 2, 'the accounts');
      await el.updateComplete;
      const events = record('ic-account-linked', 'ic-account-unregister-request', 'ic-account-unregistered');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const tab = () => sendKeys({ press: 'Tab' });
      await tab(); // Unregister 100200301
      await tab(); // Unregister 100200302
      await tab();
      expect(deepActiveElement() === field(el, 'Account number'), 'focus').to.equal(true);
      await sendKeys({ type: '100200305' });
      await tab();
      expect(deepActiveElement() === field(el, 'Last name'), 'focus').to.equal(true);
      await sendKeys({ type: 'Smith' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => numbers(el).includes('100200305'), 'the linked account in the list');
      await el.updateComplete;
      expect(items(el)[2]).to.contain('Balance $23.10').and.contain('Linked to 100200301');
      expect(statusText(el)).to.equal('Account 100200305 linked');
      expect(field(el, 'Account number').value).to.equal('');
      expect(field(el, 'Last name').value).to.equal('');
      // Focus stays where the user pressed Enter, ready to link another; the status says what happened.
      expect(deepActiveElement() === field(el, 'Last name'), 'focus').to.equal(true);
      expect(await inSandbox('100200305')).to.include({ registered: true });
      await expect(el).to.be.accessible();

      // Back to the new account's Unregister button.
      await sendKeys({ press: 'Shift+Tab' });
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActiveElement() === unregisterOf(el, '100200305'), 'focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el).open, 'the dialog');
      await el.updateComplete;
      expect(dialogText(el)).to.contain('Unregister 100200305?').and.contain('You can link it again later.');
      expect(dialogText(el)).to.not.contain('100200301').and.not.contain('100200302').and.not.contain('also removes');
      expect(squash(deepActiveElement()!.textContent)).to.equal('Cancel');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActiveElement() === confirmButton(el), 'focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !numbers(el).includes('100200305'), 'the account to leave the list');
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
      expect(deepActiveElement() === root(el).querySelector('h2'), 'focus').to.equal(true);
      expect(statusText(el)).to.equal('Unregistered 100200305');
      expect(numbers(el)).to.deep.equal(['100200301', '100200302']);
      expect(await inSandbox('100200305')).to.include({ registered: false });
      expect((await inSandbox('100200302')).registered).to.equal(true);
      events.stop();
      expect(events.seen).to.deep.equal([
        { type: 'ic-account-linked', detail: { accountNumber: '100200305' } },
        { type: 'ic-account-unregister-request', detail: { accountNumber: '100200305', alsoRemoves: [] } },
        { type: 'ic-account-unregistered', detail: { accountNumbers: ['100200305'] } },
      ]);
      events.seen.forEach((e) => isPlainJson(e.detail));
      await expect(el).to.be.accessible();
    });

    it('is busy while linking: the button says so, and a second press sends nothing more', async () => {
      const el = await mount();
      await fault({ operation: 'LinkAccounts', latencyMs: 800, times: 1 });
      await link(el, '100200305', 'Smith');
      await el.updateComplete;
      const b = button(el, 'Linking…');
      b.click();
      await el.updateComplete;
      expect(b.getAttribute('aria-disabled')).to.equal('true');
      expect(statusText(el)).to.equal('Linking…');
      expect(el.busy).to.equal(true);
      expect(el.hasAttribute('busy')).to.equal(true);
      await expect(el).to.be.accessible();
      await waitUntil(() => numbers(el).includes('100200305'), 'the linked account');
      await el.updateComplete;
      expect(el.hasAttribute('busy')).to.equal(false);
      expect((await operations()).filter((o) => o === 'LinkAccounts')).to.have.length(1);
    });

    it('a wrong last name gets a message for linking, and changes nothing', async () => {
      const el = await mount();
      const linked = record('ic-account-linked');
      const event = oneEvent(el, 'ic-error');
      await link(el, '100200305', 'Doe');
      const { detail } = await event;
      linked.stop();
      expect(detail.code).to.equal('account_not_found');
      expect(detail.message).to.contain('We could not find an account with that number and last name.');
      isPlainJson(detail);
      await el.updateComplete;
      expect(alertText(el)).to.contain('We could not find an account with that number and last name.');
      expect(alertText(el)).to.contain(`Reference: ${detail.requestId}`);
      expect(numbers(el)).to.deep.equal(['100200301', '100200302']);
      expect(field(el, 'Last name').value).to.equal('Doe');
      expect(linked.seen).to.deep.equal([]);
      expect(await inSandbox('100200305')).to.include({ registered: false });
      await expect(el).to.be.accessible();
    });
    it('in a session without an InvoiceCloud login: says why nothing can be linked, in the shared words', async () => {
      // Mallory lists only John's account: it is John's login's, so her session has no login to link through.
      token = await signIn({ userId: 'mallory', email: 'mallory@example.com', name: 'Mallory Doe', accountNumbers: ['100200301'] });
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
      const el = await fixture<IcLinkedAccounts>(html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts>`);
      await waitUntil(() => visibleText(el).includes('No accounts are registered to you yet.'), 'the empty list');
      await expect(el).to.be.accessible();
      const event = oneEvent(el, 'ic-error');
      await link(el, '100200305', 'Smith');
      const { detail } = await event;
      await el.updateComplete;
      const message =
        'None of your accounts can be used online: each is registered to another online account. Sign in with the email address of that online account, or contact us.';
      expect([detail.code, detail.message]).to.deep.equal(['no_invoicecloud_login', message]);
      // In the alert region, so it is announced, with the reference to quote.
      expect(alertText(el)).to.equal(`${message} Reference: ${detail.requestId}`);
      expect(el.busy).to.equal(false);
      await expect(el).to.be.accessible();
      // Refused by the broker: nothing reached InvoiceCloud, and the account is not linked.
      expect(await operations()).to.deep.equal([]);
      expect(await inSandbox('100200305')).to.include({ registered: false });

      // The same in Spanish.
      const es = await fixture<IcLinkedAccounts>(html`<ic-linked-accounts endpoint=${endpoint} token=${token} lang="es"></ic-linked-accounts>`);
      await waitUntil(() => root(es).querySelector('form'), 'the Spanish form');
      await typeInto(field(es, 'Número de cuenta'), '100200305');
      await typeInto(field(es, 'Apellido'), 'Smith');
      button(es, 'Vincular cuenta').click();
      await waitUntil(() => alertText(es), 'the Spanish error');
      await es.updateComplete;
      expect(alertText(es)).to.contain('Ninguna de sus cuentas se puede usar en línea: cada una está registrada en otra cuenta en línea.');
      await expect(es).to.be.accessible();
    });
  });

  describe('unregistering', () => {
    it('unregistering 100200301 names 100200302 too, then removes both and shows the empty list', async () => {
      const el = await mount();
      const events = record('ic-account-unregister-request', 'ic-account-unregistered');
      await openDialog(el, '100200301');
      expect(dialogText(el)).to.contain('Unregister 100200301?');
      expect(dialogText(el)).to.contain('This also removes 100200302, which is linked to it. You can link them again later.');
      await expect(el).to.be.accessible();
      await fault({ operation: 'UnregisterAccounts', latencyMs: 800, times: 1 });
      confirmButton(el).click();
      await el.updateComplete;
      expect(squash(confirmButton(el).textContent)).to.equal('Unregistering…');
      expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect(el.busy).to.equal(true);
      await expect(el).to.be.accessible();
      await waitUntil(() => root(el).querySelector('ul.items') === null && !dialog(el).open, 'the empty list');
      await el.updateComplete;
      events.stop();
      expect(visibleText(el)).to.contain('No accounts are registered to you yet. Link one below.');
      expect(statusText(el)).to.equal('Unregistered 100200301 and 100200302');
      expect(deepActiveElement() === root(el).querySelector('h2'), 'focus').to.equal(true);
      expect(events.seen).to.deep.equal([
        { type: 'ic-account-unregister-request', detail: { accountNumber: '100200301', alsoRemoves: ['100200302'] } },
        { type: 'ic-account-unregistered', detail: { accountNumbers: ['100200301', '100200302'] } },
      ]);
      expect(await inSandbox('100200301')).to.include({ registered: false });
      expect(await inSandbox('100200302')).to.include({ registered: false });
      expect((await operations()).filter((o) => o === 'UnregisterAccounts')).to.have.length(1);
      // The link form is still there: the user can link them again.
      expect(field(el, 'Account number')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('a host that cancels the request event stops it: nothing is sent', async () => {
      const el = await mount();
      const veto = (e: Event) => e.preventDefault();
      el.addEventListener('ic-account-unregister-request', veto);
      const done = record('ic-account-unregistered');
      await openDialog(el, '100200301');
      confirmButton(el).click();
      await el.updateComplete;
      await aTimeout(200);
      el.removeEventListener('ic-account-unregister-request', veto);
      done.stop();
      expect(dialog(el).open).to.equal(false);
      expect(done.seen).to.deep.equal([]);
      expect(await operations()).to.not.include('UnregisterAccounts');
      expect(numbers(el)).to.deep.equal(['100200301', '100200302']);
      expect(await inSandbox('100200301')).to.include({ registered: true });
    });

    it('Escape closes the dialog and gives focus back to the Unregister button', async () => {
      const el = await mount();
      const opener = unregisterOf(el, '100200302');
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el).open, 'the dialog');
      await el.updateComplete;
      expect(dialogText(el)).to.contain('Unregister 100200302?').and.contain('You can link it again later.');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el).open, 'the dialog to close');
      await el.updateComplete;
      expect(deepActiveElement() === opener, 'focus').to.equal(true);
      expect(await operations()).to.not.include('UnregisterAccounts');
    });

    it('an upstream failure shows inside the dialog and changes nothing', async () => {
      const el = await mount();
      await openDialog(el, '100200301');
      await fault({ operation: 'UnregisterAccounts', status: 503, times: 1 });
      const event = oneEvent(el, 'ic-error');
      const done = record('ic-account-unregistered');
      confirmButton(el).click();
      const { detail } = await event;
      await el.updateComplete;
      done.stop();
      expect(dialog(el).open).to.equal(true);
      expect(dialogAlert(el)).to.equal('The billing service is not available right now. Please try again in a few minutes.');
      expect(detail.message).to.equal(dialogAlert(el));
      expect(alertText(el)).to.equal('');
      expect(squash(confirmButton(el).textContent)).to.equal('Unregister');
      expect(done.seen).to.deep.equal([]);
      expect(await inSandbox('100200301')).to.include({ registered: true });
      expect(await inSandbox('100200302')).to.include({ registered: true });
      await expect(el).to.be.accessible();
      button(el, 'Cancel').click();
      await waitUntil(() => !dialog(el).open, 'the dialog to close');
      expect(numbers(el)).to.deep.equal(['100200301', '100200302']);
    });
  });

  describe('language and layout', () => {
    it('speaks Spanish with lang="es"', async () => {
      const el = await mount({ lang: 'es' });
      await expect(el).to.be.accessible();
      expect(squash(root(el).querySelector('h2')!.textContent)).to.equal('Sus cuentas');
      expect(items(el)[0]).to.contain('Saldo').and.contain('$142.75').and.contain('Sin papel: sí');
      expect(items(el)[1]).to.contain('Vinculada a 100200301');
      await openDialog(el, '100200301');
      expect(dialogText(el)).to.contain('¿Anular el registro de 100200301?');
      expect(dialogText(el)).to.contain('También se quita 100200302, que está vinculada a ella.');
      await expect(el).to.be.accessible();
      button(el, 'Cancelar').click();
      await waitUntil(() => !dialog(el).open, 'the dialog to close');
      await typeInto(field(el, 'Número de cuenta'), '100200305');
      await typeInto(field(el, 'Apellido'), 'Doe');
      button(el, 'Vincular cuenta').click();
      await waitUntil(() => alertText(el), 'the error');
      expect(alertText(el)).to.contain('No encontramos una cuenta con ese número y apellido.');
    });

    it('fits 320 px, the dialog included', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px"><ic-linked-accounts endpoint=${endpoint} token=${token} lang="en"></ic-linked-accounts></div>`,
      );
      const el = wrapper.querySelector('ic-linked-accounts')!;
      await waitUntil(() => numbers(el).length === 2, 'the accounts');
      await el.updateComplete;
      const base = root(el).querySelector<HTMLElement>('[part~="base"]')!;
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      for (const b of root(el).querySelectorAll('button')) {
        if (b.offsetParent) expect(b.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
      await expect(el).to.be.accessible();
      await openDialog(el, '100200301');
      expect(dialog(el).scrollWidth).to.be.at.most(dialog(el).clientWidth);
      await expect(el).to.be.accessible();
    });
  });
});
