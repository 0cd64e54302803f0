/**
 * <ic-sso-frame> against the real stack: John signs in through the broker,
 * the broker asks the InvoiceCloud sandbox for single-use CloudSSO URLs, and
 * the sandbox's own pages (on their own origin) load in the frame and talk to
 * it. Where a test needs a page that misbehaves on purpose, a scriptable page
 * on this origin (helpers/sso.ts) stands in for InvoiceCloud's.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient, BrokerTransport } from '../../src/client/index.ts';
import '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { deepActiveElement, waitUntil } from './helpers/dom.ts';
import { SsoFrameHarness } from './helpers/harness/sso-frame.ts';
import { record } from './helpers/events.ts';
import { countingClient, echoClient, gatedClient } from './helpers/sso.ts';

let endpoint: string;
let sandboxOrigin: string;
let token: string;

/** The element between two buttons (#before, #after), as John (signed in by each test's set-up) unless told otherwise. */
async function mount(
  o: { target?: string; accountNumber?: string; token?: string; lang?: string; client?: BrokerTransport; width?: string } = {},
): Promise<SsoFrameHarness> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
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
    </div>`,
  );
  if (o.width) wrapper.style.inlineSize = o.width;
  const h = new SsoFrameHarness(wrapper.querySelector('ic-sso-frame')!);
  await h.el.updateComplete;
  return h;
}

// How many times each element said its page loaded (counted from the start, before any test listens).
const loads = new WeakMap<EventTarget, number>();
document.addEventListener('ic-sso-loaded', (e) => loads.set(e.composedPath()[0]!, (loads.get(e.composedPath()[0]!) ?? 0) + 1));

/** Until the element's page has said it loaded (`times` times in all) and the busy state is over. */
const loaded = (h: SsoFrameHarness, times = 1, timeoutMs = 8000) =>
  h.until(() => (loads.get(h.el) ?? 0) >= times && !h.el.busy && h.frame(), 'the frame to load', timeoutMs);

/**
 * Resolves once the browser has told intersection observers where `el` is
 * now: the element's own observer (created before this one) has then been told too.
 */
const placed = (el: Element) =>
  new Promise<void>((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(el);
  });

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
      const h = await mount({ client });
      await expect(h.el).to.be.accessible();
      expect(h.el.hasAttribute('busy')).to.equal(true);
      expect(h.el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
      expect(h.statusText()).to.equal('Loading your InvoiceCloud page…');
      client.release();

      await waitUntil(() => events.seen.find((e) => e.type === 'ic-sso-loaded'), 'ic-sso-loaded');
      await loaded(h);
      await expect(h.el).to.be.accessible();
      expect(events.seen.find((e) => e.type === 'ic-sso-loaded')!.detail).to.deep.equal({ target: 'dashboard', page: 'dashboard' });
      expect(events.seen.some((e) => e.type === 'ic-sso-message' && e.detail.type === 'ic-sso:loaded')).to.equal(true);
      expect(events.seen.filter((e) => e.type === 'ic-error')).to.deep.equal([]);
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect(h.statusText()).to.equal('');
      events.stop();
    });

    it('frames the single-use URL from the sandbox origin, sandboxed, with a name', async () => {
      const h = await mount();
      await loaded(h);
      await expect(h.el).to.be.accessible();
      const frame = h.frame()!;
      expect(new URL(frame.src).origin).to.equal(sandboxOrigin);
      expect(new URL(frame.src).pathname).to.match(/^\/cloudsso\/[^/]+$/);
      expect(frame.title).to.equal('InvoiceCloud customer dashboard');
      expect(frame.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(frame.getAttribute('sandbox')!.split(/\s+/).sort()).to.deep.equal(['allow-forms', 'allow-same-origin', 'allow-scripts']);
      expect(frame.getAttribute('part')).to.equal('frame');
    });

    it('never exposes the URL as a property or in an event', async () => {
      const events = record('ic-sso-loaded', 'ic-sso-message', 'ic-error');
      const h = await mount();
      await loaded(h);
      // After saying it loaded, the page reports its height: then it has said what it says.
      await waitUntil(
        () => events.seen.some((e) => (e.detail as { type?: string }).type === 'ic-sso:resize'),
        'the page to report its height',
      );
      const code = new URL(h.frame()!.src).pathname.split('/').pop()!;
      for (const e of events.seen) expect(JSON.stringify(e.detail)).to.not.contain(code);
      const values: unknown[] = [];
      for (const key in h.el) {
        try {
          values.push((h.el as unknown as Record<string, unknown>)[key]);
        } catch {
          // Some DOM getters throw on this element; none of them is ours.
        }
      }
      expect(values.filter((v) => typeof v === 'string' && v.includes(code))).to.deep.equal([]);
      expect((h.el as unknown as Record<string, unknown>).sso).to.equal(undefined);
      events.stop();
    });

    it('takes the height the page reports', async () => {
      const events = record<{ type: string; height?: number }>('ic-sso-message');
      const h = await mount();
      await loaded(h);
      // The page may report more than once as it settles: the frame follows the last report.
      const lastReport = () => events.seen.filter((e) => e.detail.type === 'ic-sso:resize').pop();
      const last = await h.until(() => {
        const report = lastReport();
        return report && h.frame()!.getAttribute('height') === String(report.detail.height) && report;
      }, 'the frame to take the height last reported');
      expect(last.detail.height).to.be.above(100);
      expect(h.frame()!.clientHeight).to.equal(last.detail.height);
      events.stop();
    });

    it('asks for a new URL when the target changes', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const h = await mount({ client });
      await loaded(h);
      const events = record('ic-sso-loaded');
      h.el.target = 'pay-by-text';
      await waitUntil(() => events.seen.length > 0, 'the Pay By Text page');
      expect(events.seen[0]!.detail).to.deep.equal({ target: 'pay-by-text', page: 'pay-by-text' });
      expect(client.urls).to.have.length(2);
      expect(client.urls[0]).to.not.equal(client.urls[1]);
      expect(h.frame()!.title).to.equal('Pay By Text enrollment');
      events.stop();
    });

    it('takes a frame title from frame-title', async () => {
      const h = await mount();
      h.el.frameTitle = 'Your billing account';
      await loaded(h);
      expect(h.frame()!.title).to.equal('Your billing account');
    });
  });

  describe('Pay By Text', () => {
    it('enrolls and unenrolls by keyboard inside the frame, and tells the host', async () => {
      const events = record<{ type: string; enrolled?: boolean }>('ic-sso-message');
      const h = await mount({ target: 'pay-by-text' });
      await waitUntil(() => events.seen.some((e) => e.detail.type === 'ic-sso:loaded'), 'the Pay By Text page');
      await loaded(h);
      await expect(h.el).to.be.accessible();
      const before = await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301');
      expect(before.body.payByText).to.equal(false);

      // Keyboard only: Tab goes into the frame, to its first field (the mobile number); type, submit.
      document.getElementById('before')!.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into another origin's frame process: it lands a moment later.
      await waitUntil(() => deepActiveElement() === h.frame(), 'focus in the frame', 3000);
      await sendKeys({ type: '(217) 555-0142' });
      await sendKeys({ press: 'Enter' });
      const changed = await waitUntil(() => events.seen.find((e) => e.detail.type === 'ic-sso:pay-by-text-changed'), 'enrolled');
      expect(changed.detail).to.deep.equal({ type: 'ic-sso:pay-by-text-changed', enrolled: true, target: 'pay-by-text' });
      expect((await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301')).body.payByText).to.equal(true);

      // The page moves focus to its Unenroll button.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => events.seen.filter((e) => e.detail.type === 'ic-sso:pay-by-text-changed').length === 2, 'unenrolled');
      expect(events.seen.filter((e) => e.detail.type === 'ic-sso:pay-by-text-changed')[1]!.detail.enrolled).to.equal(false);
      expect((await sandbox<{ payByText: boolean }>('/__sandbox/accounts/100200301')).body.payByText).to.equal(false);
      events.stop();
    });
  });

  describe("one account's page (account-number)", () => {
    it('opens the page of the account it names, and reflects it', async () => {
      await clearCalls();
      const client = countingClient({ baseUrl: endpoint, token });
      const h = await mount({ target: 'pay-by-text', accountNumber: '100200302', client });
      await loaded(h);
      await expect(h.el).to.be.accessible();
      expect(h.el.accountNumber).to.equal('100200302');
      expect(client.asked).to.deep.equal([{ target: 'pay-by-text', accountNumber: '100200302' }]);
      // InvoiceCloud authenticated the user for that account and opened its page.
      expect(await asked('RemoteAuthentication')).to.deep.equal(['100200302']);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302']);
      h.el.accountNumber = '100200301';
      await h.el.updateComplete;
      expect(h.el.getAttribute('account-number')).to.equal('100200301');
      // Taking the attribute away names no account: the user's first.
      h.el.removeAttribute('account-number');
      await h.el.updateComplete;
      expect(h.el.accountNumber).to.equal('');
      expect(h.el.hasAttribute('account-number')).to.equal(false);
    });

    it("without account-number, opens the first account's page", async () => {
      await clearCalls();
      const h = await mount({ target: 'pay-by-text' });
      await loaded(h);
      expect(h.el.hasAttribute('account-number')).to.equal(false);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200301']);
    });

    it('a new account-number loads a new single-use URL, for the new account', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const events = record('ic-error');
      const h = await mount({ target: 'pay-by-text', accountNumber: '100200301', client });
      await loaded(h);
      await clearCalls();
      h.el.setAttribute('account-number', '100200302');
      await loaded(h, 2);
      await expect(h.el).to.be.accessible();
      expect(client.asked[1]).to.deep.equal({ target: 'pay-by-text', accountNumber: '100200302' });
      expect(client.urls).to.have.length(2);
      expect(client.urls[1]).to.not.equal(client.urls[0]);
      expect(h.frame()!.src).to.equal(client.urls[1]);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302']);

      // Back to the first account: a URL of its own again, never the spent one.
      h.el.accountNumber = '100200301';
      await loaded(h, 3);
      expect(new Set(client.urls).size).to.equal(3);
      expect(h.frame()!.src).to.equal(client.urls[2]);
      expect(await asked('CloudSsoConnect')).to.deep.equal(['100200302', '100200301']);
      expect(events.seen).to.deep.equal([]);
      events.stop();
    });

    it('far down the page, a new account-number is asked for only once near', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <div style="block-size: 8000px"></div>
          <ic-sso-frame target="pay-by-text" account-number="100200301" lang="en" .client=${client}></ic-sso-frame>
        </div>`,
      );
      const h = new SsoFrameHarness(wrapper.querySelector('ic-sso-frame')!);
      await placed(h.el);
      await h.el.updateComplete;
      h.el.accountNumber = '100200302';
      await h.el.updateComplete;
      // Told it is far, and the new account taken in: nothing asked for.
      expect(client.asked).to.deep.equal([]);
      h.el.scrollIntoView();
      await loaded(h);
      expect(client.asked).to.deep.equal([{ target: 'pay-by-text', accountNumber: '100200302' }]);
    });

    it("an account that is not the user's: says so, and tells the host", async () => {
      const events = record<{ code: string; message: string }>('ic-error');
      const h = await mount({ target: 'pay-by-text', accountNumber: '100200303' });
      await h.until(() => h.alertText() !== '', 'the error');
      await expect(h.el).to.be.accessible();
      expect(h.alertText()).to.match(/^This account is not in your online account\. Reference: \S+$/);
      expect(h.frame()).to.equal(null);
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['account_not_found']);
      events.stop();
    });

    it('with every account unregistered: says there is no page, announces it, and tells the host', async () => {
      // Unregistering John's first account removes the second, linked under it.
      expect(await new BrokerClient({ baseUrl: endpoint, token }).unregisterAccount('100200301')).to.deep.equal(['100200301', '100200302']);
      const events = record<{ code: string; message: string; requestId: string }>('ic-error');
      const h = await mount({ target: 'pay-by-text', accountNumber: '100200302' });
      await h.until(() => h.alertText() !== '', 'the error');
      await expect(h.el).to.be.accessible();
      const message =
        'There is no page to show: none of your accounts is registered for online billing now. Link an account to see this page.';
      // In the alert region: a screen reader announces it.
      expect(h.alertText()).to.contain(message);
      expect(h.alertText()).to.match(/ Reference: \S+$/);
      expect(h.frame()).to.equal(null);
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect(events.seen.map((e) => [e.detail.code, e.detail.message])).to.deep.equal([['no_portal_account', message]]);

      // Without an account named, the same; and in Spanish.
      const es = await mount({ target: 'dashboard', lang: 'es' });
      await es.until(() => es.alertText() !== '', 'the Spanish error');
      await expect(es.el).to.be.accessible();
      expect(es.alertText()).to.contain(
        'No hay ninguna página que mostrar: ninguna de sus cuentas está registrada ahora para la facturación en línea.',
      );
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['no_portal_account', 'no_portal_account']);
      events.stop();
    });

    it('in a session without an InvoiceCloud login: says why there is no page', async () => {
      // Mallory lists John's account: it is another login's, so the session has none.
      const mallory = await signIn({ userId: 'mallory', email: 'mallory@example.com', name: 'Mallory Doe', accountNumbers: ['100200301'] });
      const events = record<{ code: string }>('ic-error');
      const h = await mount({ target: 'pay-by-text', token: mallory });
      await h.until(() => h.alertText() !== '', 'the error');
      await expect(h.el).to.be.accessible();
      // The wording every signed-in element uses for it.
      expect(h.alertText()).to.contain('None of your accounts can be used online: each is registered to another online account.');
      expect(events.seen.map((e) => e.detail.code)).to.deep.equal(['no_invoicecloud_login']);
      events.stop();
    });
  });

  describe('messages it ignores', () => {
    it('from this window, even in the right shape and on the right origin', async () => {
      const client = echoClient();
      const h = await mount({ client });
      await loaded(h);
      const events = record('ic-sso-message', 'ic-sso-loaded');
      const delivered: unknown[] = [];
      const spy = (e: MessageEvent) => delivered.push(e.data);
      window.addEventListener('message', spy);
      window.postMessage({ type: 'ic-sso:resize', height: 777 }, '*');
      window.postMessage({ type: 'ic-sso:expired' }, '*');
      // The element listens to the window from the start: it had both before the spy did.
      await waitUntil(() => delivered.length === 2, 'both messages delivered');
      window.removeEventListener('message', spy);
      await h.el.updateComplete;
      expect(events.seen).to.deep.equal([]);
      expect(h.frame()!.hasAttribute('height')).to.equal(false);
      expect(h.alertText()).to.equal('');
      events.stop();
    });

    it('from this window, next to the real page (wrong source and wrong origin)', async () => {
      const h = await mount();
      await loaded(h);
      const events = record<{ type: string; height?: number }>('ic-sso-message');
      const delivered: unknown[] = [];
      const spy = (e: MessageEvent) => e.source === window && delivered.push(e.data);
      window.addEventListener('message', spy);
      window.postMessage({ type: 'ic-sso:resize', height: 4321 }, '*');
      window.postMessage({ type: 'ic-sso:expired' }, '*');
      await waitUntil(() => delivered.length === 2, 'both messages delivered');
      window.removeEventListener('message', spy);
      await h.el.updateComplete;
      // The real page may report its own height meanwhile; none of what this window said got through.
      expect(events.seen.filter((e) => e.detail.type === 'ic-sso:expired' || e.detail.height === 4321)).to.deep.equal([]);
      expect(h.frame()!.getAttribute('height')).to.not.equal('4321');
      expect(h.alertText()).to.equal('');
      events.stop();
    });

    it('from the frame once it shows another origin', async () => {
      const client = echoClient();
      const h = await mount({ client });
      await loaded(h);
      const events = record('ic-sso-message');
      const fromSandbox: unknown[] = [];
      const spy = (e: MessageEvent) => e.origin === sandboxOrigin && fromSandbox.push(e.data);
      window.addEventListener('message', spy);
      // The sandbox's expired page posts ic-sso:expired to us — from our frame, but from its origin.
      h.frame()!.contentWindow!.postMessage({ navigate: (await spentUrl()).url }, '*');
      // The element listens to the window from the start: it had the message before the spy did.
      await waitUntil(() => fromSandbox.length > 0, 'the sandbox page to post');
      window.removeEventListener('message', spy);
      await h.el.updateComplete;
      expect(fromSandbox).to.deep.include({ type: 'ic-sso:expired' });
      expect(events.seen).to.deep.equal([]);
      expect(h.alertText()).to.equal('');
      expect(h.frame()).to.exist;
      events.stop();
    });

    it('from the right frame, in a wrong shape', async () => {
      const h = await mount({ client: echoClient() });
      await loaded(h);
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
        h.echo(bad);
      }
      h.echo({ type: 'ic-sso:resize', height: 321 });
      // Posted last, from the same page: the malformed ones, posted before it, were heard before it.
      await h.until(() => events.seen.length > 0, 'the valid message');
      expect(events.seen.map((e) => e.detail)).to.deep.equal([{ type: 'ic-sso:resize', height: 321, target: 'dashboard' }]);
      expect(h.frame()!.clientHeight).to.equal(321);
      events.stop();
    });
  });

  describe('expired', () => {
    it('shows that the page expired, and Reload gets a new URL', async () => {
      const client = countingClient({ baseUrl: endpoint, token }, await spentUrl());
      const events = record('ic-sso-message', 'ic-sso-loaded');
      const h = await mount({ client });
      await h.until(() => h.alertText().includes('expired'), 'the expired state');
      await expect(h.el).to.be.accessible();
      expect(h.alertText()).to.contain('This page has expired.');
      expect(h.frame()).to.equal(null);
      expect(events.seen.map((e) => e.detail)).to.deep.include({ type: 'ic-sso:expired', target: 'dashboard' });

      h.button('Reload').click();
      await waitUntil(() => events.seen.some((e) => e.type === 'ic-sso-loaded'), 'the new page');
      await loaded(h);
      await expect(h.el).to.be.accessible();
      expect(client.urls).to.have.length(2);
      expect(client.urls[1]).to.not.equal(client.urls[0]);
      expect(h.frame()!.src).to.equal(client.urls[1]);
      expect(h.alertText()).to.equal('');
      // Reload was the user's act: focus goes into the new page.
      expect(deepActiveElement() === h.frame(), 'focus in the frame').to.equal(true);
      events.stop();
    });

    it('moves focus from the frame to Reload, which works by keyboard', async () => {
      const client = echoClient();
      const h = await mount({ client });
      await loaded(h);
      h.frame()!.focus();
      h.echo({ type: 'ic-sso:expired' });
      await h.until(() => h.alertText().includes('expired'), 'the expired state');
      expect(deepActiveElement() === h.button('Reload'), 'focus on Reload').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await loaded(h);
      expect(client.calls).to.have.length(2);
      expect(deepActiveElement() === h.frame(), 'focus in the frame').to.equal(true);
    });
  });

  describe('far down the page', () => {
    it('asks for its single-use URL only when scrolled near, then loads the page at once; scrolling away keeps it', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <div style="block-size: 8000px"></div>
          <ic-sso-frame target="dashboard" lang="en" .client=${client}></ic-sso-frame>
        </div>`,
      );
      const h = new SsoFrameHarness(wrapper.querySelector('ic-sso-frame')!);
      await placed(h.el);
      await h.el.updateComplete;
      // Told it is far: a URL asked for now would expire before anyone scrolls this far.
      expect(client.asked).to.deep.equal([]);
      expect(h.frame()).to.equal(null);

      h.el.scrollIntoView();
      await loaded(h);
      expect(client.urls).to.have.length(1);
      // Not a lazy frame: the URL is fresh, and it would not be by the time a lazy frame loads it.
      expect(h.frame()!.src).to.equal(client.urls[0]);
      expect(h.frame()!.getAttribute('loading')).to.equal(null);

      window.scrollTo(0, 0);
      await placed(h.el);
      await h.el.updateComplete;
      expect(h.frame()!.src).to.equal(client.urls[0]);
      expect(client.urls).to.have.length(1);
    });

    it('taken out of the page and put back near, asks for a new URL (the one it loaded is spent)', async () => {
      const client = countingClient({ baseUrl: endpoint, token });
      const h = await mount({ client });
      await loaded(h);
      const parent = h.el.parentElement!;
      h.el.remove();
      parent.append(h.el);
      await waitUntil(() => client.urls.length === 2 && h.frame()?.src === client.urls[1], 'a second URL in the frame');
      expect(client.urls[1]).to.not.equal(client.urls[0]);
    });
  });

  describe('errors', () => {
    it('without a session: says so, with a reference, tells the host, and offers Try again', async () => {
      const events = record<{ code: string; message: string; requestId: string }>('ic-error');
      const h = await mount({ token: '' });
      await h.until(() => h.alertText() !== '', 'the error');
      await expect(h.el).to.be.accessible();
      expect(h.alertText()).to.match(/^Your session has ended\. Sign in again to see this page\. Reference: \S+$/);
      expect(h.frame()).to.equal(null);
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect(events.seen).to.have.length(1);
      const detail = events.seen[0]!.detail;
      expect(detail.code).to.equal('unauthorized');
      expect(detail.message).to.equal('Your session has ended. Sign in again to see this page.');
      expect(detail.requestId).to.be.a('string').and.not.equal('');
      expect(JSON.parse(JSON.stringify(detail))).to.deep.equal(detail);

      h.button('Try again').click();
      await h.el.updateComplete;
      await expect(h.el).to.be.accessible();
      await waitUntil(() => events.seen.length === 2, 'the second error');
      expect(events.seen[1]!.detail.requestId).to.not.equal(detail.requestId);
      events.stop();
    });

    it('an expired session token answers 401 too, and a new token recovers', async () => {
      const events = record('ic-error', 'ic-sso-loaded');
      const h = await mount({ token: 'not-a-session' });
      await waitUntil(() => h.alertText() !== '', 'the error');
      expect(['unauthorized', 'session_expired']).to.include((events.seen[0]!.detail as { code: string }).code);
      h.el.token = token;
      await waitUntil(() => events.seen.some((e) => e.type === 'ic-sso-loaded'), 'the page with the new token');
      await loaded(h);
      expect(h.alertText()).to.equal('');
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
      const h = await mount();
      await loaded(h);
      const frameUrl = h.frame()!.src;
      h.button('Open in a new tab').click();
      await h.el.updateComplete;
      await expect(h.el).to.be.accessible();
      await waitUntil(() => opened.length === 1, 'window.open');
      const [url, target, features] = opened[0] as [string, string, string];
      expect(new URL(url).origin).to.equal(sandboxOrigin);
      expect(url).to.not.equal(frameUrl);
      expect(target).to.equal('_blank');
      expect(features.split(',').sort()).to.deep.equal(['noopener', 'noreferrer']);
      // The frame's URL was not spent by the tab, nor the tab's by the frame.
      expect(h.frame()!.src).to.equal(frameUrl);
    });

    it('shows the error when it cannot get a URL', async () => {
      const events = record('ic-error');
      const offline = new BrokerTransport({ baseUrl: endpoint, token, fetch: () => Promise.reject(new TypeError('offline')) });
      const h = await mount({ client: offline });
      await waitUntil(() => h.alertText() !== '', 'the frame error');
      h.button('Open in a new tab').click();
      await waitUntil(() => events.seen.length === 2, 'the second error');
      expect(opened).to.deep.equal([]);
      expect(h.alertText()).to.contain('We cannot reach the payment service');
      events.stop();
    });
  });

  describe('language, width and keyboard', () => {
    it('speaks Spanish', async () => {
      const client = gatedClient({ baseUrl: endpoint, token });
      const h = await mount({ lang: 'es', client });
      expect(h.statusText()).to.equal('Cargando su página de InvoiceCloud…');
      await expect(h.el).to.be.accessible();
      client.release();
      await loaded(h);
      expect(h.frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
      expect(h.text()).to.contain('Abrir en una pestaña nueva');
      await expect(h.el).to.be.accessible();

      const err = await mount({ lang: 'es', token: '' });
      await err.until(() => err.alertText() !== '', 'the error');
      expect(err.alertText()).to.contain('Su sesión terminó. Vuelva a iniciar sesión para ver esta página.');
      expect(err.text()).to.contain('Intentar de nuevo');
      await expect(err.el).to.be.accessible();

      const expired = await mount({ lang: 'es', client: echoClient() });
      await loaded(expired);
      expired.echo({ type: 'ic-sso:expired' });
      await expired.until(() => expired.alertText().includes('caducado'), 'the expired state');
      expect(expired.text()).to.contain('Volver a cargar');
      await expect(expired.el).to.be.accessible();
    });

    it('fits 320 px', async () => {
      const h = await mount({ width: '320px' });
      await loaded(h);
      await expect(h.el).to.be.accessible();
      expect(h.el.getBoundingClientRect().width).to.be.at.most(320);
      expect(h.frame()!.getBoundingClientRect().width).to.be.at.most(320);
      const base = h.el.shadowRoot!.querySelector('[part="base"]')!;
      expect(base.scrollWidth).to.be.at.most(320);
      const err = await mount({ width: '320px', token: '', lang: 'es' });
      await err.until(() => err.alertText() !== '', 'the error');
      expect(err.el.shadowRoot!.querySelector('[part="base"]')!.scrollWidth).to.be.at.most(320);
    });

    it('is reachable by keyboard: into the page in the frame, then its buttons', async () => {
      const h = await mount({ target: 'pay-by-text' });
      await loaded(h);
      await expect(h.el).to.be.accessible();
      document.getElementById('before')!.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into another origin's frame process: it lands a moment later.
      await waitUntil(() => deepActiveElement() === h.frame(), 'focus in the frame', 3000);
      document.getElementById('after')!.focus();
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActiveElement() === h.button('Open in a new tab'), 'focus on Open in a new tab').to.equal(true);
      await sendKeys({ press: 'Shift+Tab' });
      await waitUntil(() => deepActiveElement() === h.frame(), 'focus back in the frame', 3000);

      const err = await mount({ token: '' });
      await err.until(() => err.alertText() !== '', 'the error');
      (err.el.previousElementSibling as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement() === err.button('Try again'), 'focus on Try again').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement() === err.button('Open in a new tab'), 'focus on Open in a new tab').to.equal(true);
    });
  });
});
