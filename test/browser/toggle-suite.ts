/**
 * What every ic-* toggle does, against the real stack (broker + InvoiceCloud
 * sandbox on sockets): load the account's setting, switch it with the
 * keyboard, let the host veto, show the change at once and roll it back when
 * InvoiceCloud fails, and keep two toggles of one client in step. Each
 * toggle's own file runs this suite and adds what only it does.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { sendKeys } from '@web/test-runner-commands';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcAutopayToggle, IcPaperlessToggle } from '../../src/index.ts';
import { record } from './helpers/events.ts';
import { ToggleHarness } from './helpers/harness/toggle.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault, operations } from './helpers/sandbox.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';

export type Toggle = IcPaperlessToggle | IcAutopayToggle;
type Tag = 'ic-paperless-toggle' | 'ic-autopay-toggle';

/** `GET /__sandbox/accounts/N`: what "InvoiceCloud" holds. */
export interface SandboxAccount {
  paperless: boolean;
  autopay: { enabled: boolean; paymentMethodId: string | null };
  paymentMethods: { id: string; kind: string; brand: string; last4: string; isDefault: boolean }[];
}

/** What a test mounts; empty strings fall back to the `<ic-provider>` around it. */
export interface MountProps {
  endpoint: string;
  token: string;
  account: string;
  lang: string;
  disabled?: boolean;
  client?: BrokerClient | undefined;
}

export interface ToggleSuiteOptions {
  /** The switch's visible label, in English and in Spanish. */
  label: string;
  spanishLabel: string;
  /** The InvoiceCloud operation a change calls (sandbox call log, faults). */
  operation: 'UpdatePaperless' | 'UpdateAutoPay';
  /** The setting of account 100200301 as the fixtures seed it. */
  initially: boolean;
  /** The setting as the sandbox holds it. */
  stored: (a: SandboxAccount) => boolean;
}

export async function sandboxAccount(account = '100200301'): Promise<SandboxAccount> {
  return (await sandbox<SandboxAccount>(`/__sandbox/accounts/${account}`)).body;
}

/** A fetch that holds every answer until `release()`: the loading state, with the real broker behind it. */
export function gatedFetch(): { fetch: typeof fetch; release: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return { release: () => open(), fetch: (async (input, init) => gate.then(() => fetch(input, init))) as typeof fetch };
}

export function runToggleSuite(tag: Tag, o: ToggleSuiteOptions): void {
  const element = unsafeStatic(tag);
  const template = (props: Partial<MountProps>) => {
    const p: MountProps = { endpoint, token, account: '100200301', lang: 'en', ...props };
    return staticHtml`<${element}
      endpoint=${p.endpoint}
      token=${p.token}
      account-number=${p.account}
      lang=${p.lang}
      ?disabled=${p.disabled ?? false}
      .client=${p.client}
    ></${element}>`;
  };
  // ic-paperless-toggle → ic-paperless-request, ic-paperless-changed
  const request = tag.replace(/-toggle$/, '-request');
  const changed = tag.replace(/-toggle$/, '-changed');
  let endpoint: string;
  let token: string;

  /** The toggle as `p` says (John's 100200301 by default), once it shows its switch or a message instead. */
  async function mount(p: Partial<MountProps> = {}): Promise<ToggleHarness> {
    const h = new ToggleHarness(await fixture<Toggle>(template(p)));
    await h.ready();
    return h;
  }

  describe(`${tag}: the shared toggle behaviour`, function () {
    this.timeout(20000);

    before(async () => {
      ({ endpoint } = await testStack());
    });

    beforeEach(async () => {
      await resetSandbox();
      token = await signIn(USERS.john);
      await sandbox('/__sandbox/calls', { method: 'DELETE' });
    });

    it('announces loading and shows no switch until the account is known', async () => {
      const gated = gatedFetch();
      const h = new ToggleHarness(
        await fixture<Toggle>(
          template({ endpoint: '', token: '', client: new BrokerClient({ baseUrl: endpoint, token, fetch: gated.fetch }) }),
        ),
      );
      await h.el.updateComplete;
      await expect(h.el).to.be.accessible();
      expect(h.statusText()).to.equal('Loading…');
      expect(h.switch()).to.equal(null);
      gated.release();
      await h.ready();
      expect(h.switch()).to.not.equal(null);
    });

    it(`shows the account's setting on a labelled switch, reflected on the host, and emits nothing on load`, async () => {
      const events = record(request, changed, 'ic-error');
      try {
        const h = await mount();
        await expect(h.el).to.be.accessible();
        const input = h.switch()!;
        expect(input.type).to.equal('checkbox');
        expect(input.labels![0]!.textContent).to.contain(o.label);
        expect(input.checked).to.equal(o.initially);
        expect(h.el.enabled).to.equal(o.initially);
        expect(h.el.hasAttribute('enabled')).to.equal(o.initially);
        expect(h.el.hasAttribute('busy')).to.equal(false);
        expect(input.getAttribute('aria-disabled')).to.equal('false');
        expect(events.seen).to.deep.equal([]);
      } finally {
        events.stop();
      }
    });

    it('is accessible on and off', async () => {
      const h = await mount();
      await expect(h.el).to.be.accessible();
      const other = await mount({ account: '100200302' });
      await expect(other.el).to.be.accessible();
    });

    it('Tab reaches the switch, Space changes it: request, then the change is saved, then changed', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><button id="before">before</button>${template({})}</div>`);
      const h = new ToggleHarness(wrapper.querySelector(tag) as Toggle);
      await h.ready();
      await expect(h.el).to.be.accessible();
      const events = record(request, changed);
      try {
        wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
        await sendKeys({ press: 'Tab' });
        expect(h.hasFocus(h.switch()), 'focus on the switch').to.equal(true);
        const done = oneEvent(h.el, changed);
        await sendKeys({ press: 'Space' });
        // Optimistic: the new value shows before the broker answers.
        expect(h.switch()!.checked).to.equal(!o.initially);
        const { detail } = await done;
        expect(detail).to.deep.equal({ accountNumber: '100200301', enabled: !o.initially });
        expect(JSON.parse(JSON.stringify(detail))).to.deep.equal(detail);
        expect(events.seen.map((e) => e.type)).to.deep.equal([request, changed]);
        expect(events.seen[0]!.detail).to.deep.equal({ accountNumber: '100200301', enabled: !o.initially });
        await h.el.updateComplete;
        expect(h.switch()!.checked).to.equal(!o.initially);
        expect(h.el.hasAttribute('enabled')).to.equal(!o.initially);
        expect(h.hasFocus(h.switch()), 'focus on the switch').to.equal(true);
        expect(o.stored(await sandboxAccount())).to.equal(!o.initially);
        expect((await operations()).filter((n) => n === o.operation)).to.have.length(1);
        await expect(h.el).to.be.accessible();
      } finally {
        events.stop();
      }
    });

    it('the host can veto: a cancelled request changes nothing and calls nothing', async () => {
      const counting = countingFetch();
      const h = await mount({ client: new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch }) });
      const events = record(request, changed);
      const veto = (e: Event) => e.preventDefault();
      h.el.addEventListener(request, veto);
      try {
        const sent = counting.requests.length;
        h.switch()!.click();
        await h.el.updateComplete;
        expect(h.switch()!.checked).to.equal(o.initially);
        expect(h.el.busy).to.equal(false);
        // The host was asked (on the click) and said no: the element has decided; whatever it sent is answered.
        expect(events.seen.map((e) => e.type)).to.deep.equal([request]);
        await counting.settled();
        expect(counting.requests.slice(sent)).to.deep.equal([]);
        expect(await operations()).to.not.include(o.operation);
        expect(o.stored(await sandboxAccount())).to.equal(o.initially);
      } finally {
        h.el.removeEventListener(request, veto);
        events.stop();
      }
    });

    it('is busy while saving: new value shown, aria-disabled, still focused, further presses ignored', async () => {
      const h = await mount();
      await fault({ operation: o.operation, latencyMs: 1200, times: 1 });
      const input = h.switch()!;
      input.focus();
      await sendKeys({ press: 'Space' });
      await h.el.updateComplete;
      expect(input.checked).to.equal(!o.initially);
      expect(input.getAttribute('aria-disabled')).to.equal('true');
      expect(h.el.busy).to.equal(true);
      expect(h.el.hasAttribute('busy')).to.equal(true);
      expect(h.statusText()).to.equal('Saving…');
      await expect(h.el).to.be.accessible();
      await sendKeys({ press: 'Space' });
      input.click();
      await h.el.updateComplete;
      expect(input.checked).to.equal(!o.initially);
      expect(h.hasFocus(input), 'focus on the switch').to.equal(true);
      await h.until(() => !h.el.busy, 'the write to finish');
      expect(h.el.hasAttribute('busy')).to.equal(false);
      expect(input.getAttribute('aria-disabled')).to.equal('false');
      expect(input.checked).to.equal(!o.initially);
      expect((await operations()).filter((n) => n === o.operation)).to.have.length(1);
      expect(o.stored(await sandboxAccount())).to.equal(!o.initially);
    });

    it('rolls back when InvoiceCloud fails, announces why and tells the host', async () => {
      const h = await mount();
      await fault({ operation: o.operation, status: 503, times: 1 });
      const events = record(changed);
      try {
        const error = oneEvent(h.el, 'ic-error');
        h.switch()!.click();
        expect(h.switch()!.checked).to.equal(!o.initially);
        const { detail } = await error;
        expect(detail.code).to.equal('upstream_unavailable');
        expect(detail.requestId).to.be.a('string').and.not.equal('');
        await h.el.updateComplete;
        expect(h.switch()!.checked).to.equal(o.initially);
        expect(h.el.hasAttribute('enabled')).to.equal(o.initially);
        expect(h.alertText()).to.contain('The billing service is not available right now.');
        expect(h.alertText()).to.contain(`Reference: ${detail.requestId}`);
        expect(detail.message).to.equal('The billing service is not available right now. Please try again in a few minutes.');
        expect(events.seen).to.deep.equal([]);
        expect(o.stored(await sandboxAccount())).to.equal(o.initially);
        await expect(h.el).to.be.accessible();
        // The next try works, and clears the error.
        const done = oneEvent(h.el, changed);
        h.switch()!.click();
        await done;
        await h.el.updateComplete;
        expect(h.alertText()).to.equal('');
        expect(o.stored(await sandboxAccount())).to.equal(!o.initially);
      } finally {
        events.stop();
      }
    });

    it('says clearly when the account is not in the session, with no switch', async () => {
      const h = await mount({ account: '100200303' });
      await expect(h.el).to.be.accessible();
      expect(h.switch()).to.equal(null);
      expect(h.statusText()).to.equal('This account is not in your online account.');
      expect(h.text()).to.contain('This account is not in your online account.');
    });

    it('shows a load failure with a way to try again', async () => {
      const h = new ToggleHarness(await fixture<Toggle>(template({ token: 'not-a-session' })));
      await h.until(() => h.alertText(), 'the error');
      expect(h.alertText()).to.contain('Your session has ended.');
      expect(h.switch()).to.equal(null);
      await expect(h.el).to.be.accessible();
      h.el.token = token;
      await h.el.updateComplete;
      await h.ready();
      expect(h.switch()!.checked).to.equal(o.initially);
    });

    it('the disabled attribute disables the switch', async () => {
      const h = await mount({ disabled: true });
      expect(h.switch()!.disabled).to.equal(true);
      await expect(h.el).to.be.accessible();
    });

    it('speaks Spanish', async () => {
      const h = await mount({ lang: 'es' });
      expect(h.switch()!.labels![0]!.textContent).to.contain(o.spanishLabel);
      await expect(h.el).to.be.accessible();
      await fault({ operation: o.operation, status: 503, times: 1 });
      const error = oneEvent(h.el, 'ic-error');
      h.switch()!.click();
      await error;
      await h.el.updateComplete;
      expect(h.alertText()).to.contain('El servicio de facturación no está disponible');
      await expect(h.el).to.be.accessible();
    });

    it('fits 320 px without scrolling sideways', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 320px">${template({ lang: 'es' })}</div>`);
      const h = new ToggleHarness(wrapper.querySelector(tag) as Toggle);
      await h.ready();
      const base = h.el.shadowRoot!.querySelector<HTMLElement>('.base')!;
      expect(h.el.getBoundingClientRect().width).to.be.at.most(320);
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      expect(h.switch()!.getBoundingClientRect().right).to.be.at.most(wrapper.getBoundingClientRect().right);
    });

    it('two toggles of one account on one provider change together; only the one used emits', async () => {
      const inner = { endpoint: '', token: '', lang: '' };
      const counting = countingFetch();
      const client = new BrokerClient({ baseUrl: endpoint, token, fetch: counting.fetch });
      const wrapper = await fixture<HTMLElement>(
        html`<ic-provider .client=${client} lang="en"> ${template(inner)}${template(inner)} </ic-provider>`,
      );
      const [a, b] = [...wrapper.querySelectorAll(tag)].map((t) => new ToggleHarness(t as Toggle));
      await a!.ready();
      await b!.ready();
      const events = record(changed);
      try {
        const done = oneEvent(a!.el, changed);
        a!.switch()!.click();
        await done;
        await b!.until(() => b!.switch()!.checked === !o.initially, 'the other toggle to follow');
        expect(b!.el.hasAttribute('enabled')).to.equal(!o.initially);
        // Every answer the change brought is in, and both have shown it: whatever they would emit, they have.
        await counting.settled();
        await Promise.all([a!.el.updateComplete, b!.el.updateComplete]);
        expect(events.seen).to.have.length(1);
      } finally {
        events.stop();
      }
    });
  });
}
