/**
 * The card and bank form on demand (MethodFormLoader), in a host of its own
 * with an import the test controls: what the payer sees while it loads, when
 * it cannot load, and a later load. Nothing here imports the form up front, so
 * it is not defined until the loader brings it. (The elements that use the
 * loader, each imported alone, are in lazy-method-form.test.ts.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { Localize } from '../../src/i18n/localize.ts';
import { MethodFormLoader } from '../../src/elements/ic-payment-method-form/method-form-loader.ts';
import { panelElementStyles } from '../../src/styles/panel-styles.ts';
import { enPayment } from '../../src/i18n/terms/payment.ts';
import { deepActiveElement, squash, waitUntil } from './helpers/dom.ts';

const TAG = 'ic-payment-method-form';

/** Each call of the import waits for the test to settle it. */
function controlledImport() {
  const calls: { resolve: () => void; reject: () => void }[] = [];
  const importForm = () =>
    new Promise<unknown>((resolve, reject) => {
      calls.push({
        // The real module: it defines the element, as the real import does.
        resolve: () => void import('../../src/elements/ic-payment-method-form/ic-payment-method-form.ts').then(resolve),
        reject: () => reject(new TypeError('Failed to fetch dynamically imported module')),
      });
    });
  return { calls, importForm };
}

let importer = controlledImport();

class LoaderHost extends LitElement {
  static override styles = panelElementStyles;
  readonly localize = new Localize(this, enPayment);
  readonly loader = new MethodFormLoader(this, () => importer.importForm());
  override render() {
    return html`<form>${this.loader.render(this.localize, html`<ic-payment-method-form></ic-payment-method-form>`)}</form>`;
  }
}
customElements.define('loader-host', LoaderHost);

const text = (el: Element) => squash(el.shadowRoot!.textContent);

describe('MethodFormLoader', () => {
  it('loads the form only when it is rendered, says so meanwhile, and says to reload when it fails', async () => {
    expect(customElements.get(TAG), 'not defined before anything asks').to.equal(undefined);
    expect(importer.calls).to.have.length(0);

    const el = await fixture<LoaderHost>(html`<loader-host lang="en"></loader-host>`);
    expect(importer.calls, 'rendering started one load').to.have.length(1);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Loading the card and bank account form…');
    await expect(el).to.be.accessible();

    importer.calls[0]!.reject();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the error');
    expect(text(el)).to.equal('The card and bank account form did not load. Check your internet connection, then reload the page.');
    expect(el.loader.ready).to.equal(false);
    await expect(el).to.be.accessible();

    // Another render does not fetch again on its own.
    el.requestUpdate();
    await el.updateComplete;
    expect(importer.calls).to.have.length(1);

    // The failure is forgotten: a host opening the form again fetches it again (a browser that
    // retries a failed module then loads it), and focus goes into it once it is here.
    const focused = el.loader.focus();
    expect(importer.calls).to.have.length(2);
    importer.calls[1]!.resolve();
    await focused;
    const form = el.shadowRoot!.querySelector(TAG)!;
    expect(customElements.get(TAG)).to.not.equal(undefined);
    expect(deepActiveElement()?.getRootNode()).to.equal(form.shadowRoot);
    expect((deepActiveElement() as HTMLInputElement).labels![0]!.textContent!.trim()).to.equal('Card');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('once the form is defined, renders it at once and never imports again', async () => {
    importer = controlledImport();
    const el = await fixture<LoaderHost>(html`<loader-host></loader-host>`);
    expect(el.shadowRoot!.querySelector(TAG)).to.not.equal(null);
    expect(await el.loader.load()).to.equal(true);
    expect(importer.calls).to.have.length(0);
  });
});
