import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { icContext } from '../../controllers/context.ts';
import { defineElement } from '../../base/ic-element.ts';
import { IcSignedInElement } from '../../base/signed-in-element.ts';
import { enCommon } from '../../i18n/terms/common.ts';

/**
 * Configures every ic-* element inside it, at any depth and through shadow
 * roots: the broker endpoint, the session token and the language, set once.
 * All of them share one client, so a page of elements asking the same thing
 * at once makes one request. An element's own attribute wins over the
 * provider's; a nested provider overrides only what it sets.
 *
 * @summary Endpoint, session token and language for every ic-* element inside.
 * @slot - The elements to configure (any markup).
 */
export class IcProvider extends IcSignedInElement {
  // No box of its own: it must not change the layout of what it wraps.
  static override styles = css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  protected readonly localize = this.localized(enCommon);

  readonly #provider: ContextProvider<typeof icContext>;

  constructor() {
    super();
    // On connect, controllers run in the order they were added: the base
    // class's consumer first reads the outer provider, then this computes the
    // value, and only then does the provider announce itself — so the elements
    // it takes over (and those that connected before it was defined) get the
    // full configuration at once, never an empty one first.
    this.addController({ hostConnected: () => this.#sync() });
    this.#provider = new ContextProvider(this, { context: icContext });
  }

  override willUpdate(_changed: PropertyValues<this>): void {
    this.#sync();
  }

  override render() {
    return html`<slot></slot>`;
  }

  /** Provides a new object only when something changed: each change re-renders every consumer. */
  #sync(): void {
    const outer = this.provided;
    const endpoint = this.endpoint || outer?.endpoint || '';
    const token = this.token || outer?.token || '';
    const lang = this.lang || outer?.lang || '';
    // A provider always provides a client: for the page's own origin until it has an endpoint.
    const client = this.connection.transport;
    const c = this.#provider.value;
    if (c?.endpoint !== endpoint || c.token !== token || c.lang !== lang || c.client !== client) {
      this.#provider.value = { endpoint, token, lang, client };
    }
  }
}

defineElement('ic-provider', IcProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ic-provider': IcProvider;
  }
  interface IcElementEvents {
    'ic-provider': never;
  }
}
