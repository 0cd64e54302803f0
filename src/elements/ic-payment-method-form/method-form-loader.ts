/**
 * `<ic-payment-method-form>` on demand. The card and bank form — its fields,
 * rules and words, 2–4 KB gzip of an element — is loaded only when a payer
 * is about to enter a new card or bank account, so an element imported on
 * its own stays small. (The all-elements file has the form inside: there the
 * import resolves at once.) Until the form is here the host shows what is
 * happening; if it cannot load, the error, which says to reload the page:
 * Chromium keeps a failed module for the page's life, so trying again in the
 * page would fail the same way.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Localize } from '../../i18n/localize.ts';
import type { enPayment } from '../../i18n/terms/payment.ts';

const TAG = 'ic-payment-method-form';

/** One load per page, shared by every element that asks; forgotten when it fails, so a later ask fetches again (where the browser allows). */
let loading: Promise<unknown> | undefined;

export class MethodFormLoader {
  #pending?: Promise<boolean> | undefined;
  #failed = false;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    /** How the form's module is fetched (a test passes one that fails). */
    private readonly importForm: () => Promise<unknown> = () => import('./ic-payment-method-form.ts'),
  ) {}

  /** Whether the form element is defined (by this loader, another element's, or the all-elements file). */
  get ready(): boolean {
    return customElements.get(TAG) !== undefined;
  }

  /**
   * Loads the form unless it is here or on its way; the host renders again
   * when it lands or fails. Resolves whether it is now defined.
   */
  load(): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    if (this.#pending) return this.#pending;
    this.#failed = false;
    const p = (loading ??= this.importForm().then(() => customElements.whenDefined(TAG)));
    const settle = (loaded: boolean) => {
      if (!loaded && loading === p) loading = undefined;
      [this.#pending, this.#failed] = [undefined, !loaded];
      this.host.requestUpdate();
      return loaded;
    };
    return (this.#pending = p.then(
      () => settle(true),
      () => settle(false),
    ));
  }

  /**
   * `form` (a template with the `<ic-payment-method-form>`) once the element
   * is defined. Before that, rendering it starts the load and shows a status
   * line; after a failure, the error.
   */
  render(t: Localize<typeof enPayment>, form: TemplateResult): TemplateResult {
    if (this.ready) return form;
    if (this.#failed) {
      return html`<div class="alert" part="error" role="alert"><p>${t.term('methodFormFailed')}</p></div>`;
    }
    void this.load();
    return html`<p class="muted" role="status">${t.term('methodFormLoading')}</p>`;
  }

  /** Once the form is here and rendered, focuses it (its first field). For a host that opens the form. */
  async focus(): Promise<void> {
    if (!(await this.load())) return;
    await this.host.updateComplete;
    const form = this.host.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(TAG);
    await form?.updateComplete;
    form?.focus();
  }
}
