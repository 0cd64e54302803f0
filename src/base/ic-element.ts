import { consume } from '@lit/context';
import { css, LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { icContext, type IcConfig } from '../controllers/context.ts';
import { loadTerms, Localize, type TermTable } from '../i18n/localize.ts';
import type { enCommon } from '../i18n/terms/common.ts';

/** The terms every element shows (errors, shared buttons): each element's table has them. */
export type CommonTerms = typeof enCommon;

declare global {
  /**
   * `detail` of every `ic-*` event, by name. Each element adds its own events
   * here (like `HTMLElementTagNameMap`), which types `emit()` and the host's
   * `addEventListener`.
   */
  interface IcEventMap {
    'ic-error': IcErrorDetail;
  }
  /**
   * The events each public element fires, by tag (the names of its `@fires`):
   * what the React and Vue typings offer as handlers. Each element adds itself.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- each element adds its tag
  interface IcElementEvents {}
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
 * Base class of every ic-* element: typed `emit()`, shared host styles, the
 * `busy` attribute, the configuration of the nearest `<ic-provider>`, and the
 * localization controller (`this.localize`) over `T`, the English term tables
 * the element shows, which it imports (enCommon and its own parts). What only
 * some elements need is a controller they add: the broker client
 * (IcBrokerElement), the alert (AlertController), focus (src/controllers/focus.ts).
 */
export abstract class IcElement<T extends CommonTerms = CommonTerms> extends LitElement {
  static override styles: CSSResultGroup = hostStyles;

  /** Language of the element's text (`en` or `es`); else the provider's, the nearest ancestor's or the document's. */
  @property({ reflect: true }) override lang!: string;

  /** What the nearest `<ic-provider>` provides (kept up to date); the element's own attributes win over it. */
  @consume({ context: icContext, subscribe: true })
  @state()
  protected provided?: IcConfig;

  /** Terms, money and dates in the resolved language: `this.localized(terms)`, with the element's tables. */
  protected abstract readonly localize: Localize<T>;

  /** A localization controller over `terms` (the element's English tables), in the element's language. */
  protected localized<U extends TermTable>(terms: U): Localize<U> {
    return new Localize(this, terms, () => this.provided?.lang);
  }

  /** True while the element waits on something the user asked for (always false for one that never does); reflected as the `busy` attribute. */
  get busy(): boolean {
    return false;
  }

  /**
   * An element whose language is still loading (Spanish, the first time on a
   * page) renders once its terms are here, rather than in English and again in
   * Spanish: no flash of the wrong language, no live region speaking twice.
   * `updateComplete` waits for it too.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = loadTerms(this.localize.lang);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Every render brings the `busy` attribute in line with `busy`, for the host's styles and scripts. */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.toggleAttribute('busy', this.busy);
  }

  /**
   * Dispatches a bubbling, composed `ic-*` event whose `detail` is a plain,
   * JSON-serializable object. Returns false when a listener cancelled it.
   */
  protected emit<K extends keyof IcEventMap>(name: K, detail: IcEventMap[K], options: { cancelable?: boolean } = {}): boolean {
    return emit(this, name, detail, options);
  }
}

/** `emit()` for a controller acting for its element: the same event, dispatched on `target`. */
export function emit<K extends keyof IcEventMap>(
  target: EventTarget,
  name: K,
  detail: IcEventMap[K],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
}

/**
 * Defines a tag unless it already is: two copies of the bundle on one page
 * (a host app and a third-party widget) must not throw.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
