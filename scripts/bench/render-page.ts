// The page `npm run bench` opens in Chromium: it times each element against a
// bare Lit element doing one fetch, with the same lit, on the same page, in
// the same run. Built by vite into .bench/ (lit and the elements minified).
import { html, LitElement } from 'lit';
import '../../src/index.ts';

export interface Setup {
  tag: string;
  attributes: Record<string, string>;
  /** For the guest form: the look-up to submit once the form is there. */
  lookup?: { account: string; lastName: string };
}

export interface Timing {
  /** customElements.define → first render done (updateComplete). */
  defineToRender: number;
  /** The end of the last broker answer it asked for → the element usable (no loading text, an enabled control). */
  dataToInteractive: number;
}

/** A bare Lit element doing one fetch: the baseline both timings are divided by. */
class Bare extends LitElement {
  static override properties = { data: { state: true } };
  declare data: unknown;
  override connectedCallback() {
    super.connectedCallback();
    void fetch('/api/v1/accounts', { headers: { authorization: `Bearer ${this.getAttribute('token')}` } })
      .then((r) => r.json())
      .then((d) => (this.data = d));
  }
  override render() {
    return this.data ? html`<form><label for="n">Name</label><input id="n" /><button>Save</button></form>` : html`<p>Loading…</p>`;
  }
}

let run = 0;

/** Every text and control through nested shadow roots. */
function walk(root: ParentNode, visit: (el: Element) => void): void {
  for (const el of root.querySelectorAll('*')) {
    visit(el);
    if (el.shadowRoot) walk(el.shadowRoot, visit);
  }
}

function usable(el: Element, tag: string): boolean {
  const root = el.shadowRoot;
  if (!root) return false;
  if (tag === 'ic-sso-frame') return !!root.querySelector('iframe[src]');
  if (tag === 'ic-one-time-pay') return !!root.querySelector('input#amount:not([disabled])');
  let loading = false;
  let control = false;
  walk(root, (x) => {
    if (x.children.length === 0 && x.textContent?.includes('Loading…')) loading = true;
    if (x.matches('button:not([disabled]), input:not([disabled]), [role="switch"]:not([aria-disabled="true"])')) control = true;
  });
  return control && !loading;
}

/** Resolves with the time the element first became usable, watching every change in its shadow tree. */
function whenUsable(el: Element, tag: string): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!usable(el, tag)) return false;
      observer.disconnect();
      resolve(performance.now());
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  });
}

/** When the last broker answer since `since` arrived: one run times one element, so they are all its own. */
function lastResponseEnd(since: number): number {
  const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (e) => e.startTime >= since && new URL(e.name).pathname.startsWith('/api/v1/'),
  );
  if (entries.length === 0) throw new Error('the element asked the broker nothing');
  return Math.max(...entries.map((e) => e.responseEnd));
}

async function time(base: CustomElementConstructor, s: Setup): Promise<Timing> {
  const name = `${s.tag}-run-${++run}`;
  const el = document.createElement(name);
  for (const [k, v] of Object.entries(s.attributes)) el.setAttribute(k, v);
  document.body.append(el);
  const started = performance.now();
  customElements.define(name, class extends base {});
  await (el as LitElement).updateComplete;
  const defineToRender = performance.now() - started;
  if (s.lookup) {
    const root = el.shadowRoot!;
    for (const [id, value] of [
      ['account', s.lookup.account],
      ['lastName', s.lookup.lastName],
    ] as const) {
      const input = root.querySelector<HTMLInputElement>(`input#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await (el as LitElement).updateComplete;
    root.querySelector('form')!.requestSubmit();
  }
  const ready = await whenUsable(el, s.tag);
  const dataToInteractive = ready - lastResponseEnd(started);
  el.remove();
  return { defineToRender, dataToInteractive };
}

declare global {
  interface Window {
    bench: {
      element(s: Setup): Promise<Timing>;
      bare(token: string): Promise<Timing>;
      portal(html: string, tags: string[]): Promise<number>;
    };
  }
}

window.bench = {
  element: (s) => time(customElements.get(s.tag)!, s),
  bare: (token) => time(Bare, { tag: 'bare', attributes: { token } }),
  /** Wall time from putting a portal page's markup in to every element in it being usable. */
  async portal(markup, tags) {
    performance.clearResourceTimings();
    const started = performance.now();
    const host = document.createElement('div');
    host.innerHTML = markup;
    document.body.append(host);
    const els = tags.flatMap((t) => [...host.querySelectorAll(t)].map((el) => ({ el, t })));
    await Promise.all(els.map(({ el }) => (el as LitElement).updateComplete));
    const ready = await Promise.all(els.map(({ el, t }) => whenUsable(el, t)));
    host.remove();
    return Math.max(...ready) - started;
  },
};
performance.setResourceTimingBufferSize(100_000);
