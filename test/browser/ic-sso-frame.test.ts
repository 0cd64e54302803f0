/**
 * <ic-sso-frame> against the real stack: John signs in through the broker,
 * the broker asks the InvoiceCloud sandbox for single-use CloudSSO URLs, and
 * the sandbox's own pages (on their own origin) load in the frame and talk to
 * it. Where a test needs a page that misbehaves on purpose, a scriptable page
 * on this origin (helpers/sso.ts) stands in for InvoiceCloud's.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient, BrokerTransport } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcSsoFrame } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { button, deepActiveElement, visibleText, waitUntil } from './helpers/dom.ts';
import { alertText, countingClient, echo, echoClient, frameOf, gatedClient, record, statusText } from './helpers/sso.ts';

let endpoint: string;
let sandboxOrigin: string;
let token: string;

async function mount(o: { target?: string; accountNumber?: string; token?: string; lang?: string; client?: BrokerTransport; width?: string } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <button id="before">Before</button>
    <ic-sso-frame
      endpoint=${endpoint}
      token=${o.token ?? token}
      target=${o.target ?? 'dashboard'}
      account-number=${o.accountNumber ?? nothing}
      lang=${o.lang ?? 'en'}
      .client=${o.client}
    ></ic-sso-frame>
    <button id="after">After</button>
  </div>`);
  if (o.width) wrapper.style.inlineSize = o.width;
  const el = wrapper.querySelector('ic-sso-frame')!;
  await el.updateComplete;
  return el;
}

// How many times each element said its page loaded (counted from the start, before any test listens).
const loads = new WeakMap<EventTarget, number>();
document.addEventListener('ic-sso-loaded', (e) => loads.set(e.composedPath()[0]!, (loads.get(e.composedPath()[0]!) ?? 0) + 1));

/** Until the element's page has said it loaded (`times` times in all) and the busy state is over. */
const loaded = (el: IcSsoFrame, times = 1, timeoutMs = 8000) =>
  waitUntil(() => (loads.get(el) ?? 0) >= times && !el.busy && frameOf(el), 'the frame to load', timeoutMs).then(() => el.updateComplete);

/** The accounts InvoiceCloud was asked about by `operation` since the call log was cleared, in order. */
async function asked(operation: string) {
  const calls = (await sandbox<{ operation: string; accountNumber?: string }[]>('/__sandbox/calls')).body;
  return calls.filter((c) => c.operation === operation).map((c) => c.accountNumber);
}
const clearCalls = () => sandbox('/__sandbox/calls', { method: 'DELETE' });

/** A URL the sandbox has already served once: opening it again gets the expired page. */
async function spentUrl(target: 'dashboard' | 'pay-by-text' = 'dashboard') {
  const r = await new BrokerClient({ baseUrl: endpoint, token }).ssoUrl(target);
  await fetch(r.url, { mode: 'no-cors', credentials: 'omit' });
  return r;
}

describe('<ic-sso-frame>', function () {
  this.timeout(20000);

  before(async () => {
    ({ endpoint } = await testStack());
    sandboxOrigin = new URL((await testStack()).sandboxUrl).origin;
  });

  beforeEach(async () => {
    await resetSandbox();
    token = await signIn(USERS.john);
  });

  describe('the dashboard, signed in as John', () => {
    it('shows a busy state, then the real InvoiceCloud dashboard, and says so', async () => {
      const events = record('ic-sso-loaded', 'ic-sso-message', 'ic-error');
      const client = gatedClient({ baseUrl: endpoint, token });
      const el = await mount({ client });
      await expect(el).to.be.accessible();
      expect(el.hasAttribute('busy')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
      expect(statusText(el)).to.equal('Loading your InvoiceCloud page…');
      client.release();

      await waitUntil(() => events.seen.find((e) => e.type === 'ic-sso-loaded'), 'ic-sso-loaded');
      await loaded(el);
      await expect(el).to.be.accessible();
      expect(events.seen.find((e) => e.type === 'ic-sso-loaded')!.detail).to.deep.equal({ target: 'dashboard', page: 'dashboard' });
      expect(events.seen.some((e) => e.type === 'ic-sso-message' && e.detail.type === 'ic-sso:loaded')).to.equal(true);
      expect(events.seen.filter((e) => e.type === 'ic-error')).to.deep.equal([]);
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(statusText(el)).to.equal('');
      events.stop();
    });

    it('frames the single-use URL from the sandbox origin, sandboxed, with a name', async () => {
      const el = await mount();
      await loaded(el);
      await expect(el).to.be.accessible();
      const frame = frameOf(el)!;
      expect(new URL(frame.src).origin).to.equal(sandboxOrigin);
      expect(new URL(frame.src).pathname).to.match(/^\/cloudsso\/[^/]+$/);
      expect(frame.title).to.equal('InvoiceCloud customer dashboard');
      expect(frame.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(frame.getAttribute('sandbox')!.split(/\s+/).sort()).to.deep.equal(['allow-forms', 'allow-same-origin', 'allow-scripts']);
      expect(frame.getAttribute('part')).to.equal('frame');
    });

    it('never exposes the URL as a property or in an event', async () => {
      const events = record('ic-sso-loaded', 'ic-sso-message', 'ic-error');
      const el = await mount();
      await loaded(el);
      await aTimeout(100);
      const code = new URL(frameOf(el)!.src).pathname.split('/').pop()!;
      for (const e of events.seen) expect(JSON.stringify(e.detail)).to.not.contain(code);
      const values: unknown[] = [];
      for (const key in el) {
        try {
          values.push((el as unknown as Record<string, unknown>)[key]);
        } catch {
          // Some DOM getters throw on this element; none of them is ours.
        }
      }
      expect(values.filter((v) => typeof v === 'string' && v.includes(code))).to.deep.equal([]);
      expect((el as unknown as Record<string, unknown>).sso).to.equal(undefined);
      events.stop();
    });

    it('takes the height the page reports', async () => {
      const events = record<{ type: string; height?: number }>('ic-sso-message');
      const el = await mount();
      await loaded(el);
      const resize = await waitUntil(() => events.seen.filter((e) => e.detail.type === 'ic-sso:resize').pop(), 'a resize message');
      await aTimeout(100);
      const last = events.seen.filter((e) => e.detail.type === 'ic-sso:resize').pop() ?? resize;
      await el.updateComplete;
      const frame = frameOf(el)!;
      expect(last.detail.height).to.be.above(100);
      expect(frame.getAttribute('height')).to.equal(String(last.detail.height));
      expect(frame.clientHeight).to.equal(last.detail.height);
      events.stop();
    });

    it('asks for a new URL when the target changes', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const el = await mount({ client });
      await loaded(el);
      const events = record('ic-sso-loaded');
      el.target = 'pay-by-text';
      await waitUntil(() => events.seen.length > 0, 'the Pay By Text page');
      expect(events.seen[0]!.detail).to.deep.equal({ target: 'pay-by-text', page: 'pay-by-text' });
      expect(client.urls).to.have.length(2);
      expect(client.urls[0]).to.not.equal(client.urls[1]);
      expect(frameOf(el)!.title).to.equal('Pay By Text enrollment');
      events.stop();
    });

    it('takes a frame title from frame-title', async () => {
      const el = await mount();
      el.frameTitle = 'Your billing account';
      await loaded(el);
      expect(frameOf(el)!.title).to.equal('Your billing account');
    });
  });

  describe('Pay By Text', () => {
    it('enrolls and unenrolls by keyboard inside the frame, and tells the host', async () => {
      const events = record<{ type: string; enrolled?: boolean }>('ic-sso-message');
      const el = await mount({ target: 'pay-by-text' });
      await waitUntil(() => events.seen.some((e) => e.detail.type === 'ic-sso:loaded'), 'the Pay By Text page');
      await loaded(el);
      await expect(el).to.be.accessible();
      const before = await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301');
      expect(before.body.payByText).to.equal(false);

      // Keyboard only: Tab goes into the frame, to its first field (the mobile number); type, submit.
      document.getElementById('before')!.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into another origin's frame process: it lands a moment later.
      await waitUntil(() => deepActiveElement() === frameOf(el), 'focus in the frame', 3000);
      await sendKeys({ type: '(217) 555-0142' });
      await sendKeys({ press: 'Enter' });
      const changed = await waitUntil(() => events.seen.find((e) => e.detail.type === 'ic-sso:pay-by-text-changed'), 'enrolled');
      expect(changed.detail).to.deep.equal({ type: 'ic-sso:pay-by-text-changed', enrolled: true, target: 'pay-by-text' });
      expect((await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301')).body.payByText).to.equal(true);

      // The page moves focus to its Unenroll button.
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => events.seen.filter((e) => e.detail.type === 'ic-sso:pay-by-text-changed').length === 2,
        'unenrolled',
      );
      expect(events.seen.filter((e) => e.detail.type === 'ic-sso:pay-by-text-changed')[1]!.detail.enrolled).to.equal(false);
      expect((await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301')).body.payByText).to.equal(false);
      events.stop();
    });
  });

  describe('one account\'s page (account-number)', () => {
    it('opens the page of the account it names, and reflects it', async () => {
      await clearCalls();
      const client = countingClient({ baseUrl: endpoint, token });
      const el = await mount({ target: 'pay-by-text', accountNumber: '100200302', client });
      await loaded(el);
      await expect(el).to.be.accessible();
      expect(el.accountNumber).to.equal('100200302');
      expect(client.asked).to.deep.equal([{ target: 'pay-by-text', accountNumber: '100200302' }]);
      // InvoiceCloud authenticated the user for that account and opened its page.
      expect(await asked('RemoteAuthentication')).to.deep.equal(['100200302']);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302']);
      el.accountNumber = '100200301';
      await el.updateComplete;
      expect(el.getAttribute('account-number')).to.equal('100200301');
      // Taking the attribute away names no account: the user's first.
      el.removeAttribute('account-number');
      await el.updateComplete;
      expect(el.accountNumber).to.equal('');
      expect(el.hasAttribute('account-number')).to.equal(false);
    });

    it('without account-number, opens the first account\'s page', async () => {
      await clearCalls();
      const el = await mount({ target: 'pay-by-text' });
      await loaded(el);
      expect(el.hasAttribute('account-number')).to.equal(false);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200301']);
    });

    it('a new account-number loads a new single-use URL, for the new account', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const events = record('ic-error');
      const el = await mount({ target: 'pay-by-text', accountNumber: '100200301', client });
      await loaded(el);
      await clearCalls();
      el.setAttribute('account-number', '100200302');
      await loaded(el, 2);
      await expect(el).to.be.accessible();
      expect(client.asked[1]).to.deep.equal({ target: 'pay-by-text', accountNumber: '100200302' });
      expect(client.urls).to.have.length(2);
      expect(client.urls[1]).to.not.equal(client.urls[0]);
      expect(frameOf(el)!.src).to.equal(client.urls[1]);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302']);

      // Back to the first account: a URL of its own again, never the spent one.
      el.accountNumber = '100200301';
      await loaded(el, 3);
      expect(new Set(client.urls).size).to.equal(3);
      expect(frameOf(el)!.src).to.equal(client.urls[2]);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302', '100200301']);
      expect(events.seen).to.deep.equal([]);
      events.stop();
    });

    it('far down the page, a new account-number is asked for only once near', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <div style="block-size: 8000px"></div>
        <ic-sso-frame target="pay-by-text" account-number="100200301" lang="en" .client=${client}></ic-sso-frame>
      </div>`);
      const el = wrapper.querySelector('ic-sso-frame')!;
      await aTimeout(300);
      el.accountNumber = '100200302';
      await aTimeout(300);
      expect(client.urls).to.have.length(0);
      el.scrollIntoView();
      await loaded(el);
      expect(client.asked).to.deep.equal([{ target: 'pay-by-text', accountNumber: '100200302' }]);
    });

    it('an account that is not the user\'s: says so, and tells the host', async () => {
      const events = record<{ code: string; message: string }>('ic-error');
      const el = await mount({ target: 'pay-by-text', accountNumber: '100200303' });
      await waitUntil(() => alertText(el) !== '', 'the error');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(alertText(el)).to.match(/^This account is not in your online account\. Reference: \S+$/);
      expect(frameOf(el)).to.equal(null);
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['account_not_found']);
      events.stop();
    });

    it('with every account unregistered: says there is no page, announces it, and tells the host', async () => {
      // Unregistering John's first account removes the second, linked under it.
      expect(await new BrokerClient({ baseUrl: endpoint, token }).unregisterAccount('100200301')).to.deep.equal(['100200301', '100200302']);
      const events = record<{ code: string; message: string; requestId: string }>('ic-error');
      const el = await mount({ target: 'pay-by-text', accountNumber: '100200302' });
      await waitUntil(() => alertText(el) !== '', 'the error');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const message = 'There is no page to show: none of your accounts is registered for online billing now. Link an account to see this page.';
      // In the alert region: a screen reader announces it.
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(message);
      expect(alertText(el)).to.match(/ Reference: \S+$/);
      expect(frameOf(el)).to.equal(null);
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(events.seen.map((e) => [e.detail.code, e.detail.message])).to.deep.equal([['no_portal_account', message]]);

      // Without an account named, the same; and in Spanish.
      const es = await mount({ target: 'dashboard', lang: 'es' });
      await waitUntil(() => alertText(es) !== '', 'the Spanish error');
      await es.updateComplete;
      await expect(es).to.be.accessible();
      expect(alertText(es)).to.contain('No hay ninguna página que mostrar: ninguna de sus cuentas está registrada ahora para la facturación en línea.');
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['no_portal_account', 'no_portal_account']);
      events.stop();
    });

    it('in a session without an InvoiceCloud login: says why there is no page', async () => {
      // Mallory lists John's account: it is another login's, so the session has none.
      const mallory = await signIn({ userId: 'mallory', email: 'mallory@example.com', name: 'Mallory Doe', accountNumbers: ['100200301'] });
      const events = record<{ code: string }>('ic-error');
      const el = await mount({ target: 'pay-by-text', token: mallory });
      await waitUntil(() => alertText(el) !== '', 'the error');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      // The wording every signed-in element uses for it.
      expect(alertText(el)).to.contain('None of your accounts can be used online: each is registered to another online account.');
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['no_invoicecloud_login']);
      events.stop();
    });
  });

  describe('messages it ignores', () => {
    it('from this window, even in the right shape and on the right origin', async () => {
      const client = echoClient();
      const el = await mount({ client });
      await loaded(el);
      const events = record('ic-sso-message', 'ic-sso-loaded');
      const delivered: unknown[] = [];
      const spy = (e: MessageEvent) => delivered.push(e.data);
      window.addEventListener('message', spy);
      window.postMessage({ type: 'ic-sso:resize', height: 777 }, '*');
      window.postMessage({ type: 'ic-sso:expired' }, '*');
      await waitUntil(() => delivered.length === 2, 'both messages delivered');
      await aTimeout(50);
      window.removeEventListener('message', spy);
      await el.updateComplete;
      expect(events.seen).to.deep.equal([]);
      expect(frameOf(el)!.hasAttribute('height')).to.equal(false);
      expect(alertText(el)).to.equal('');
      events.stop();
    });

    it('from this window, next to the real page (wrong source and wrong origin)', async () => {
      const el = await mount();
      await loaded(el);
      await aTimeout(200);
      const height = frameOf(el)!.getAttribute('height');
      const events = record('ic-sso-message');
      window.postMessage({ type: 'ic-sso:resize', height: 4321 }, '*');
      window.postMessage({ type: 'ic-sso:expired' }, '*');
      await aTimeout(100);
      await el.updateComplete;
      expect(events.seen).to.deep.equal([]);
      expect(frameOf(el)!.getAttribute('height')).to.equal(height);
      events.stop();
    });

    it('from the frame once it shows another origin', async () => {
      const client = echoClient();
      const el = await mount({ client });
      await loaded(el);
      const events = record('ic-sso-message');
      const fromSandbox: unknown[] = [];
      const spy = (e: MessageEvent) => e.origin === sandboxOrigin && fromSandbox.push(e.data);
      window.addEventListener('message', spy);
      // The sandbox's expired page posts ic-sso:expired to us — from our frame, but from its origin.
      frameOf(el)!.contentWindow!.postMessage({ navigate: (await spentUrl()).url }, '*');
      await waitUntil(() => fromSandbox.length > 0, 'the sandbox page to post');
      await aTimeout(50);
      window.removeEventListener('message', spy);
      await el.updateComplete;
      expect(fromSandbox).to.deep.include({ type: 'ic-sso:expired' });
      expect(events.seen).to.deep.equal([]);
      expect(alertText(el)).to.equal('');
      expect(frameOf(el)).to.exist;
      events.stop();
    });

    it('from the right frame, in a wrong shape', async () => {
      const el = await mount({ client: echoClient() });
      await loaded(el);
      const events = record<{ type: string; height?: number }>('ic-sso-message');
      for (const bad of [
        { type: 'ic-sso:resize', height: 'tall' },
        { type: 'ic-sso:resize', height: -5 },
        { type: 'ic-sso:resize', height: 1e9 },
        { type: 'ic-sso:loaded', page: 'x'.repeat(65) },
        { type: 'ic-sso:pay-by-text-changed', enrolled: 'yes' },
        { type: 'ic-sso:unknown' },
        'ic-sso:expired',
        null,
      ]) {
        echo(el, bad);
      }
      echo(el, { type: 'ic-sso:resize', height: 321 });
      await waitUntil(() => events.seen.length > 0, 'the valid message');
      await aTimeout(50);
      await el.updateComplete;
      expect(events.seen.map((e) => e.detail)).to.deep.equal([{ type: 'ic-sso:resize', height: 321, target: 'dashboard' }]);
      expect(frameOf(el)!.clientHeight).to.equal(321);
      events.stop();
    });
  });

  describe('expired', () => {
    it('shows that the page expired, and Reload gets a new URL', async () => {
      const client = countingClient({ baseUrl: endpoint, token }, await spentUrl());
      const events = record('ic-sso-message', 'ic-sso-loaded');
      const el = await mount({ client });
      await waitUntil(() => alertText(el).includes('expired'), 'the expired state');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(alertText(el)).to.contain('This page has expired.');
      expect(frameOf(el)).to.equal(null);
      expect(events.seen.map((e) => e.detail)).to.deep.include({ type: 'ic-sso:expired', target: 'dashboard' });

      button(el, 'Reload').click();
      await waitUntil(() => events.seen.some((e) => e.type === 'ic-sso-loaded'), 'the new page');
      await loaded(el);
      await expect(el).to.be.accessible();
      expect(client.urls).to.have.length(2);
      expect(client.urls[1]).to.not.equal(client.urls[0]);
      expect(frameOf(el)!.src).to.equal(client.urls[1]);
      expect(alertText(el)).to.equal('');
      // Reload was the user's act: focus goes into the new page.
      expect(deepActiveElement() === frameOf(el), 'focus in the frame').to.equal(true);
      events.stop();
    });

    it('moves focus from the frame to Reload, which works by keyboard', async () => {
      const client = echoClient();
      const el = await mount({ client });
      await loaded(el);
      frameOf(el)!.focus();
      echo(el, { type: 'ic-sso:expired' });
      await waitUntil(() => alertText(el).includes('expired'), 'the expired state');
      await el.updateComplete;
      expect(deepActiveElement() === button(el, 'Reload'), 'focus on Reload').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await loaded(el);
      expect(client.calls).to.have.length(2);
      expect(deepActiveElement() === frameOf(el), 'focus in the frame').to.equal(true);
    });
  });

  describe('far down the page', () => {
    it('asks for its single-use URL only when scrolled near, then loads the page at once; scrolling away keeps it', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <div style="block-size: 8000px"></div>
        <ic-sso-frame target="dashboard" lang="en" .client=${client}></ic-sso-frame>
      </div>`);
      const el = wrapper.querySelector('ic-sso-frame')!;
      await aTimeout(400);
      // A URL asked for now would expire before anyone scrolls this far.
      expect(client.urls).to.have.length(0);
      expect(frameOf(el)).to.equal(null);

      el.scrollIntoView();
      await loaded(el);
      expect(client.urls).to.have.length(1);
      // Not a lazy frame: the URL is fresh, and it would not be by the time a lazy frame loads it.
      expect(frameOf(el)!.src).to.equal(client.urls[0]);
      expect(frameOf(el)!.getAttribute('loading')).to.equal(null);

      window.scrollTo(0, 0);
      await aTimeout(200);
      expect(frameOf(el)!.src).to.equal(client.urls[0]);
      expect(client.urls).to.have.length(1);
    });

    it('taken out of the page and put back near, asks for a new URL (the one it loaded is spent)', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const el = await mount({ client });
      await loaded(el);
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await waitUntil(() => client.urls.length === 2 && frameOf(el)?.src === client.urls[1], 'a second URL in the frame');
      expect(client.urls[1]).to.not.equal(client.urls[0]);
    });
  });

  describe('errors', () => {
    it('without a session: says so, with a reference, tells the host, and offers Try again', async () => {
      const events = record<{ code: string; message: string; requestId: string }>('ic-error');
      const el = await mount({ token: '' });
      await waitUntil(() => alertText(el) !== '', 'the error');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(alertText(el)).to.match(/^Your session has ended\. Sign in again to see this page\. Reference: \S+$/);
      expect(frameOf(el)).to.equal(null);
      expect(el.hasAttribute('busy')).to.equal(false);
      expect(events.seen).to.have.length(1);
      const detail = events.seen[0]!.detail;
      expect(detail.code).to.equal('unauthorized');
      expect(detail.message).to.equal('Your session has ended. Sign in again to see this page.');
      expect(detail.requestId).to.be.a('string').and.not.equal('');
      expect(JSON.parse(JSON.stringify(detail))).to.deep.equal(detail);

      button(el, 'Try again').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await waitUntil(() => events.seen.length === 2, 'the second error');
      expect(events.seen[1]!.detail.requestId).to.not.equal(detail.requestId);
      events.stop();
    });

    it('an expired session token answers 401 too, and a new token recovers', async () => {
      const events = record('ic-error', 'ic-sso-loaded');
      const el = await mount({ token: 'not-a-session' });
      await waitUntil(() => alertText(el) !== '', 'the error');
      expect(['unauthorized', 'session_expired']).to.include((events.seen[0]!.detail as { code: string }).code);
      el.token = token;
      await waitUntil(() => events.seen.some((e) => e.type === 'ic-sso-loaded'), 'the page with the new token');
      await loaded(el);
      expect(alertText(el)).to.equal('');
      events.stop();
    });
  });

  describe('Open in a new tab', () => {
    let opened: unknown[][];
    let original: typeof window.open;
    beforeEach(() => {
      opened = [];
      original = window.open;
      window.open = (...args: unknown[]) => {
        opened.push(args);
        return null;
      };
    });
    afterEach(() => {
      window.open = original;
    });

    it('asks for a URL of its own and opens it without opener or referrer', async () => {
      const el = await mount();
      await loaded(el);
      const frameUrl = frameOf(el)!.src;
      button(el, 'Open in a new tab').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await waitUntil(() => opened.length === 1, 'window.open');
      const [url, target, features] = opened[0] as [string, string, string];
      expect(new URL(url).origin).to.equal(sandboxOrigin);
      expect(url).to.not.equal(frameUrl);
      expect(target).to.equal('_blank');
      expect(features.split(',').sort()).to.deep.equal(['noopener', 'noreferrer']);
      // The frame's URL was not spent by the tab, nor the tab's by the frame.
      expect(frameOf(el)!.src).to.equal(frameUrl);
    });

    it('shows the error when it cannot get a URL', async () => {
      const events = record('ic-error');
      const offline = new BrokerTransport({ baseUrl: endpoint, token, fetch: () => Promise.reject(new TypeError('offline')) });
      const el = await mount({ client: offline });
      await waitUntil(() => alertText(el) !== '', 'the frame error');
      button(el, 'Open in a new tab').click();
      await waitUntil(() => events.seen.length === 2, 'the second error');
      expect(opened).to.deep.equal([]);
      expect(alertText(el)).to.contain('We cannot reach the payment service');
      events.stop();
    });
  });

  describe('language, width and keyboard', () => {
    it('speaks Spanish', async () => {
      const client = gatedClient({ baseUrl: endpoint, token });
      const el = await mount({ lang: 'es', client });
      expect(statusText(el)).to.equal('Cargando su página de InvoiceCloud…');
      await expect(el).to.be.accessible();
      client.release();
      await loaded(el);
      expect(frameOf(el)!.title).to.equal('Panel de cliente de InvoiceCloud');
      expect(visibleText(el)).to.contain('Abrir en una pestaña nueva');
      await expect(el).to.be.accessible();

      const err = await mount({ lang: 'es', token: '' });
      await waitUntil(() => alertText(err) !== '', 'the error');
      await err.updateComplete;
      expect(alertText(err)).to.contain('Su sesión terminó. Vuelva a iniciar sesión para ver esta página.');
      expect(visibleText(err)).to.contain('Intentar de nuevo');
      await expect(err).to.be.accessible();

      const expired = await mount({ lang: 'es', client: echoClient() });
      await loaded(expired);
      echo(expired, { type: 'ic-sso:expired' });
      await waitUntil(() => alertText(expired).includes('caducado'), 'the expired state');
      await expired.updateComplete;
      expect(visibleText(expired)).to.contain('Volver a cargar');
      await expect(expired).to.be.accessible();
    });

    it('fits 320 px', async () => {
      const el = await mount({ width: '320px' });
      await loaded(el);
      await expect(el).to.be.accessible();
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect(frameOf(el)!.getBoundingClientRect().width).to.be.at.most(320);
      const base = el.shadowRoot!.querySelector('[part="base"]')!;
      expect(base.scrollWidth).to.be.at.most(320);
      const err = await mount({ width: '320px', token: '', lang: 'es' });
      await waitUntil(() => alertText(err) !== '', 'the error');
      await err.updateComplete;
      expect(err.shadowRoot!.querySelector('[part="base"]')!.scrollWidth).to.be.at.most(320);
    });

    it('is reachable by keyboard: into the page in the frame, then its buttons', async () => {
      const el = await mount({ target: 'pay-by-text' });
      await loaded(el);
      await expect(el).to.be.accessible();
      document.getElementById('before')!.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into another origin's frame process: it lands a moment later.
      await waitUntil(() => deepActiveElement() === frameOf(el), 'focus in the frame', 3000);
      document.getElementById('after')!.focus();
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActiveElement() === button(el, 'Open in a new tab'), 'focus on Open in a new tab').to.equal(true);
      await sendKeys({ press: 'Shift+Tab' });
      await waitUntil(() => deepActiveElement() === frameOf(el), 'focus back in the frame', 3000);

      const err = await mount({ token: '' });
      await waitUntil(() => alertText(err) !== '', 'the error');
      await err.updateComplete;
      (err.previousElementSibling as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement() === button(err, 'Try again'), 'focus on Try again').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement() === button(err, 'Open in a new tab'), 'focus on Open in a new tab').to.equal(true);
    });
  });
});
