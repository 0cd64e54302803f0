/**
 * <ic-provider> against the real stack: the endpoint, John's session token
 * and the language it is given reach the elements inside it — also through
 * nested shadow roots, also when it is defined after them — and an element's
 * own attribute wins. The shared client sends one `/me` for many askers.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { BrokerClient, BrokerTransport, getMe, IcApiError } from '../../src/client/index.ts';
import '../../src/index.ts';
import { IcProvider, type IcConfig, type IcOneTimePay, type IcSsoFrame } from '../../src/index.ts';
import { IcSignedInElement } from '../../src/base/signed-in-element.ts';
import { enCommon } from '../../src/i18n/terms/common.ts';
import { resetSandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { field, visibleText, waitUntil } from './helpers/dom.ts';
import { SsoFrameHarness } from './helpers/harness/sso-frame.ts';

/** A bare ic-* element that shows what it was provided, and the transport it uses with an endpoint and token of its own. */
class IcTestConsumer extends IcSignedInElement {
  protected readonly localize = this.localized(enCommon);
  get config(): IcConfig | undefined {
    return this.provided;
  }
  transportWith(endpoint = '', token = ''): BrokerTransport {
    [this.endpoint, this.token] = [endpoint, token];
    return this.connection.transport;
  }
}
customElements.define('ic-test-consumer', IcTestConsumer);

/** Two levels of shadow roots between the provider and the element. */
class TestPanel extends LitElement {
  override render() {
    return html`<section><ic-sso-frame></ic-sso-frame></section>`;
  }
}
class TestShell extends LitElement {
  override render() {
    return html`<div><test-panel></test-panel></div>`;
  }
}
customElements.define('test-panel', TestPanel);
customElements.define('test-shell', TestShell);

let endpoint: string;
let token: string;

const innerFrame = (shell: Element) =>
  shell.shadowRoot!.querySelector('test-panel')!.shadowRoot!.querySelector('ic-sso-frame') as IcSsoFrame;

/** What a test reads of an <ic-sso-frame>. */
const sso = (el: IcSsoFrame) => new SsoFrameHarness(el);
const loadedPage = (el: IcSsoFrame) => sso(el).until(() => !el.busy && sso(el).frame() && sso(el).alertText() === '', 'the frame to load');
const failed = (el: IcSsoFrame) => sso(el).alert();

/** Counts the requests the page sends to `path` while `run` runs. */
async function countingFetch<T>(path: string, run: () => Promise<T>): Promise<{ result: T; count: number; auth: string[] }> {
  const original = window.fetch;
  let count = 0;
  const auth: string[] = [];
  window.fetch = (input, init) => {
    if (String(input).endsWith(path)) {
      count++;
      auth.push(new Headers(init?.headers).get('authorization') ?? '');
    }
    return original(input, init);
  };
  try {
    return { result: await run(), count, auth };
  } finally {
    window.fetch = original;
  }
}

describe('<ic-provider>', function () {
  this.timeout(20000);

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    token = await signIn(USERS.john);
  });

  it('renders only its content, and gives elements its endpoint, token and language', async () => {
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} token=${token} lang="es">
        <p>Portal</p>
        <ic-sso-frame></ic-sso-frame>
      </ic-provider>`,
    );
    await expect(p).to.be.accessible();
    expect(getComputedStyle(p).display).to.equal('contents');
    expect(p.shadowRoot!.innerHTML).to.contain('<slot>');
    const frame = p.querySelector('ic-sso-frame')!;
    await loadedPage(frame);
    await expect(p).to.be.accessible();
    expect(sso(frame).frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
  });

  it('reaches an element through two nested shadow roots', async () => {
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} token=${token} lang="es"><test-shell></test-shell></ic-provider>`,
    );
    await expect(p).to.be.accessible();
    const frame = innerFrame(p.querySelector('test-shell')!);
    await loadedPage(frame);
    await expect(p).to.be.accessible();
    expect(sso(frame).frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
  });

  it('lets an element’s own token, endpoint and lang win', async () => {
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} token=${token} lang="es">
        <ic-sso-frame id="own-token" token="not-a-session" lang="en"></ic-sso-frame>
        <ic-sso-frame id="own-endpoint" endpoint="http://127.0.0.1:9/api/v1"></ic-sso-frame>
      </ic-provider>`,
    );
    await expect(p).to.be.accessible();
    const ownToken = p.querySelector<IcSsoFrame>('#own-token')!;
    await failed(ownToken);
    await expect(p).to.be.accessible();
    expect(sso(ownToken).alertText()).to.contain('Your session has ended');
    const ownEndpoint = p.querySelector<IcSsoFrame>('#own-endpoint')!;
    await failed(ownEndpoint);
    // Spanish from the provider; a network failure because nothing listens at its own endpoint.
    expect(sso(ownEndpoint).alertText()).to.contain('No podemos comunicarnos');
  });

  it('follows changes: a new token loads the page, a new language re-renders', async () => {
    const p = await fixture<IcProvider>(html`<ic-provider endpoint=${endpoint}><ic-sso-frame></ic-sso-frame></ic-provider>`);
    const frame = p.querySelector('ic-sso-frame')!;
    await failed(frame);
    await expect(p).to.be.accessible();
    expect(sso(frame).alertText()).to.contain('Your session has ended');
    p.token = token;
    await loadedPage(frame);
    expect(sso(frame).frame()!.title).to.equal('InvoiceCloud customer dashboard');
    p.lang = 'es';
    await p.updateComplete;
    await frame.updateComplete;
    expect(sso(frame).frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
  });

  it('a nested provider overrides only what it sets', async () => {
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} token=${token}>
        <ic-test-consumer></ic-test-consumer>
        <ic-provider lang="es"><ic-sso-frame></ic-sso-frame><ic-test-consumer></ic-test-consumer></ic-provider>
      </ic-provider>`,
    );
    const frame = p.querySelector('ic-sso-frame')!;
    await loadedPage(frame);
    expect(sso(frame).frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
    const [outer, inner] = [...p.querySelectorAll<IcTestConsumer>('ic-test-consumer')];
    expect(outer!.config).to.include({ endpoint, token, lang: '' });
    expect(inner!.config).to.include({ endpoint, token, lang: 'es' });
    // Same endpoint and token: the same client, so requests are still shared across both.
    expect(inner!.config!.client).to.equal(outer!.config!.client);
  });

  it('configures elements that connected before the provider was defined', async () => {
    class LateProvider extends IcProvider {}
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <late-ic-provider endpoint=${endpoint} token=${token} lang="es"><ic-sso-frame></ic-sso-frame></late-ic-provider>
      </div>`,
    );
    const frame = wrapper.querySelector('ic-sso-frame')!;
    customElements.define('late-ic-provider', LateProvider);
    await loadedPage(frame);
    expect(sso(frame).frame()!.title).to.equal('Panel de cliente de InvoiceCloud');
  });

  it('hands an element over to a nearer provider defined after it', async () => {
    class LateInnerProvider extends IcProvider {}
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} token=${token}>
        <late-inner-ic-provider lang="es"><ic-test-consumer></ic-test-consumer></late-inner-ic-provider>
      </ic-provider>`,
    );
    const consumer = p.querySelector<IcTestConsumer>('ic-test-consumer')!;
    expect(consumer.config).to.include({ endpoint, token, lang: '' });
    customElements.define('late-inner-ic-provider', LateInnerProvider);
    await consumer.updateComplete;
    expect(consumer.config).to.include({ endpoint, token, lang: 'es' });
  });

  it('<ic-one-time-pay> takes its endpoint and language', async () => {
    const p = await fixture<IcProvider>(
      html`<ic-provider endpoint=${endpoint} lang="es"><ic-one-time-pay></ic-one-time-pay></ic-provider>`,
    );
    const pay = p.querySelector('ic-one-time-pay') as IcOneTimePay;
    await pay.updateComplete;
    await expect(p).to.be.accessible();
    expect(visibleText(pay)).to.contain('Busque su factura');
    const account = field(pay, 'Número de cuenta');
    account.value = '100200300';
    account.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const last = field(pay, 'Apellido');
    last.value = 'Doe';
    last.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    (pay.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => visibleText(pay).includes('Cantidad a pagar'), 'the amount step');
    await expect(p).to.be.accessible();
  });

  describe('the shared client', () => {
    it('is one client for every element of a provider, so concurrent /me calls share one request', async () => {
      const p = await fixture<IcProvider>(
        html`<ic-provider endpoint=${endpoint} token=${token}>
          <ic-test-consumer></ic-test-consumer><ic-test-consumer></ic-test-consumer>
        </ic-provider>`,
      );
      const [a, b] = [...p.querySelectorAll<IcTestConsumer>('ic-test-consumer')];
      expect(a!.transportWith()).to.equal(b!.transportWith());
      expect(a!.transportWith()).to.equal(a!.config!.client);
      const { result, count, auth } = await countingFetch('/me', () =>
        Promise.all([getMe(a!.transportWith()), getMe(b!.transportWith()), getMe(a!.transportWith())]),
      );
      expect(count).to.equal(1);
      expect(auth).to.deep.equal([`Bearer ${token}`]);
      expect(result[0]).to.deep.equal(result[1]);
      expect(result[0].user).to.deep.equal({ userId: USERS.john.userId, email: USERS.john.email, name: USERS.john.name });
      expect(result[0].accounts.map((x) => x.accountNumber).sort()).to.include.members(['100200301', '100200302']);
    });

    it('an element with its own token gets its own client, and its own request', async () => {
      const maria = await signIn(USERS.maria);
      const p = await fixture<IcProvider>(
        html`<ic-provider endpoint=${endpoint} token=${token}><ic-test-consumer></ic-test-consumer></ic-provider>`,
      );
      const c = p.querySelector<IcTestConsumer>('ic-test-consumer')!;
      const own = c.transportWith('', maria);
      expect(own).to.not.equal(c.transportWith());
      expect(c.transportWith('', maria)).to.equal(own);
      const { result, count, auth } = await countingFetch('/me', () => Promise.all([getMe(c.transportWith()), getMe(own)]));
      expect(count).to.equal(2);
      expect(auth.sort()).to.deep.equal([`Bearer ${maria}`, `Bearer ${token}`].sort());
      expect(result[1].user.email).to.equal(USERS.maria.email);
    });

    it('answers 401 as an IcApiError, with no Authorization header when there is no token', async () => {
      const { result, auth } = await countingFetch('/me', () => new BrokerClient({ baseUrl: endpoint }).me().catch((e: unknown) => e));
      expect(auth).to.deep.equal(['']);
      expect(result).to.be.instanceOf(IcApiError);
      expect((result as IcApiError).code).to.equal('unauthorized');
      expect((result as IcApiError).status).to.equal(401);
      const bad = (await new BrokerClient({ baseUrl: endpoint, token: 'not-a-session' }).me().catch((e: unknown) => e)) as IcApiError;
      expect(['unauthorized', 'session_expired']).to.include(bad.code);
      const sso = (await new BrokerClient({ baseUrl: endpoint }).ssoUrl('dashboard').catch((e: unknown) => e)) as IcApiError;
      expect(sso.code).to.equal('unauthorized');
    });

    it('gets a different single-use URL on every ssoUrl call, never a shared one', async () => {
      const client = new BrokerClient({ baseUrl: endpoint, token });
      const [a, b] = await Promise.all([client.ssoUrl('dashboard'), client.ssoUrl('dashboard')]);
      expect(a.url).to.not.equal(b.url);
      expect(a.origin).to.equal(new URL(a.url).origin);
      expect(Date.parse(a.expiresAt) - Date.now()).to.be.at.most(61_000);
    });
  });
});
