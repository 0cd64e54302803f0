import { css, LitElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { Localize } from './i18n.ts';

declare global {
  /**
   * `detail` of every `ic-*` event, by name. Each element adds its own events
   * here (like `HTMLElementTagNameMap`), which types `emit()` and the host's
   * `addEventListener`.
   */
  interface IcEventMap {
    'ic-error': IcErrorDetail;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends IcCustomEvents {}
}

type IcCustomEvents = { [K in keyof IcEventMap]: CustomEvent<IcEventMap[K]> };

/** `detail` of `ic-error`: what went wrong, in words a payer can act on, and the id to quote to support. */
export interface IcErrorDetail {
  code: string;
  message: string;
  requestId: string;
}

/**
 * Shared host rules: every element is a block that inherits the page's font and
 * colour, hides with `hidden`, and sizes with border-box throughout.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--ic-font-family, inherit);
    font-size: var(--ic-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/**
 * Base class of every ic-* element: typed `emit()`, shared host styles, and
 * the localization controller (`this.localize`).
 */
export class IcElement extends LitElement {
  static override styles: CSSResultGroup = hostStyles;

  /** Language of the element's text (`en` or `es`); inherited from the nearest ancestor or the document when unset. */
  @property({ reflect: true }) override lang!: string;

  /** Terms, money and dates in the resolved language. */
  protected readonly localize = new Localize(this);

  /**
   * Dispatches a bubbling, composed `ic-*` event whose `detail` is a plain,
   * JSON-serializable object. Returns false when a listener cancelled it.
   */
  protected emit<K extends keyof IcEventMap>(name: K, detail: IcEventMap[K], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
    );
  }
}

/**
 * Defines a tag unless it already is: two copies of the bundle on one page
 * (a host app and a third-party widget) must not throw.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
