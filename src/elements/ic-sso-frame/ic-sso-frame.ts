import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { IcApiError, isAbortError } from '../../client/errors.ts';
import { openPortalPage } from '../../client/sso.ts';
import { answerChecks } from '../../client/transport.ts';
import type { SsoMessage as Message, SsoResponse, SsoTarget } from '../../contract/sessions.ts';
import type { Localize, Phrase } from '../../i18n/localize.ts';
import { defineElement } from '../../base/ic-element.ts';
import { IcSignedInElement } from '../../base/signed-in-element.ts';
import { sessionErrorPhrase } from '../../i18n/error-phrases.ts';
import { AlertController } from '../../controllers/alert-controller.ts';
// Defined first, so a provider around this element answers its first request.
import '../ic-provider/ic-provider.ts';
import { enCommon } from '../../i18n/terms/common.ts';
import { enSso } from '../../i18n/terms/sso.ts';
import { styles } from './ic-sso-frame.styles.ts';

const terms = { ...enCommon, ...enSso };

/** `account-number`: an absent attribute is no account named (''), and '' is no attribute. */
const accountAttribute = {
  fromAttribute: (v: string | null) => v ?? '',
  toAttribute: (v: string) => v || null,
};

/** A URL the frame may show, and the only origin whose messages count. */
interface Portal {
  url: string;
  origin: string;
}

/**
 * Shows an InvoiceCloud portal page (the customer dashboard, Pay By Text
 * enrollment) signed in as the session's user, for one of their accounts, in
 * a sandboxed frame. Every load asks the broker for a new single-use URL; the
 * URL is never exposed as a property or in an event. Messages are accepted
 * only from that frame and that origin, and only in the documented shapes.
 * "Open in a new tab" asks for a URL of its own.
 *
 * @summary An InvoiceCloud portal page, signed in, in a frame.
 * @fires ic-sso-loaded - `{ target, page }` when the page in the frame says it has loaded.
 * @fires ic-sso-message - `{ type, target, … }` for every valid message from the page (`ic-sso:loaded`, `ic-sso:resize`, `ic-sso:pay-by-text-changed`, `ic-sso:expired`).
 * @fires ic-error - `{ code, message, requestId }` when the page cannot be opened.
 * @csspart base - The wrapper of everything.
 * @csspart frame - The iframe.
 * @csspart error - The error and expiry messages.
 * @csspart button - Every button.
 * @cssprop --ic-color-primary - Buttons and focus ring.
 * @cssprop --ic-color-on-primary - Text on primary buttons.
 * @cssprop --ic-color-text - Body text.
 * @cssprop --ic-color-text-muted - Secondary text.
 * @cssprop --ic-color-surface - Background.
 * @cssprop --ic-color-border - The frame's border.
 * @cssprop --ic-color-error - The error message's accent.
 * @cssprop --ic-color-focus - Focus ring (defaults to primary).
 * @cssprop --ic-radius - Corner radius.
 * @cssprop --ic-spacing - Base spacing.
 * @cssprop --ic-font-family - Font (inherits by default).
 * @cssprop --ic-font-size - Base font size.
 * @cssprop --ic-sso-frame-height - Height of the frame until the page reports its own (default 32rem).
 * @cssprop --ic-sso-frame-max-height - Tallest the frame grows (default none).
 */
export class IcSsoFrame extends IcSignedInElement<typeof terms> {
  static override styles = styles;

  protected readonly localize = this.localized(terms);
  private readonly alert = new AlertController(this, this.localize, (e) => ssoErrorPhrase(e, this.localize));

  /** Which portal page: `dashboard` or `pay-by-text`. */
  @property({ reflect: true }) target: SsoTarget = 'dashboard';
  // Reflected, but never as an empty attribute: no account named is no attribute, and the reverse.
  /** The account the page is for (seed, Pay By Text: "for the chosen account"); empty: the user's first account. */
  @property({ attribute: 'account-number', reflect: true, converter: accountAttribute }) accountNumber = '';
  /** Accessible name of the frame; defaults to the page's name in the element's language. */
  @property({ attribute: 'frame-title' }) frameTitle = '';

  @state() private phase: 'framing' | 'loaded' | 'expired' = 'framing';
  /** The page's reported content height in CSS pixels (0: not reported). */
  @state() private height = 0;
  @state() private opening = false;
  /**
   * Whether the element is on screen or close to it (within the distance at
   * which a browser starts loading a lazy frame). Its URL works once and for
   * a minute, so it is asked for only then, and the frame loads at once: a
   * frame far down the page gets a fresh URL when the user scrolls to it.
   */
  @state() private near = false;
  #nearness?: IntersectionObserver;
  @query('iframe') private frame?: HTMLIFrameElement;
  /** Focus moves on once rendered: into the new frame, or to the button that can bring it back. */
  #refocus = false;

  // An ES private field: the single-use URL must not be reachable as `el.sso.value`.
  readonly #sso = new Task(this, {
    // A new target or account is a new page: a URL of its own (the one shown is spent).
    task: async ([target, accountNumber, client], { signal }) => {
      // No endpoint of its own and no provider (yet): nothing to ask, so wait.
      if (!client) return initialState;
      this.alert.clear();
      return portal(await openPortalPage(client, { target, accountNumber }, { signal }));
    },
    args: () => [this.target, this.accountNumber, this.near ? this.api : undefined] as const,
    onComplete: () => (this.phase = 'framing'),
    onError: (e) => this.alert.fail(e),
  });

  /** The page of the latest run, once its URL is here (none while one is asked for, or after a failure). */
  get #page(): Portal | undefined {
    return this.#sso.render({ complete: (page) => page });
  }

  /** True while a URL is being asked for. */
  get #asking(): boolean {
    return this.#sso.status === TaskStatus.PENDING;
  }

  /** True while a URL is being fetched or the page is loading; reflected as the `busy` attribute. */
  override get busy(): boolean {
    return this.#sso.render({ initial: () => true, pending: () => true, complete: () => this.phase === 'framing', error: () => false });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
    // Once near, it stays: scrolling away must not take the page down. A frame
    // put back into the document would load its spent URL again, so being
    // taken out forgets it, and coming near again asks for a new one.
    this.#nearness ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.near = true;
      },
      { rootMargin: '1250px 0px' },
    );
    this.#nearness.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#onMessage);
    this.#nearness?.disconnect();
    this.near = false;
    this.#sso.abort();
  }

  override willUpdate(changed: PropertyValues): void {
    // Focus in the frame is lost when the frame goes away (expired): it moves to Reload.
    if (changed.has('phase') && this.phase === 'expired' && this.frame && this.shadowRoot?.activeElement === this.frame) {
      this.#refocus = true;
    }
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.#refocus) return;
    const to = this.frame ?? (this.#asking ? null : this.renderRoot.querySelector('button'));
    to?.focus();
    this.#refocus = !to;
  }

  override render() {
    const t = this.localize;
    const s = this.#sso;
    const failed = s.render({ error: (e) => !isAbortError(e) }) ?? false;
    const expired = !!this.#page && this.phase === 'expired';
    const busy = this.busy;
    // No whitespace inside the regions: an empty one must match :empty and take no space.
    return html`<div part="base" class="base">
      <div class="status" role="status">
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t.term('ssoLoading')}` : nothing}
      </div>
      ${this.alert.render(true, expired ? html`<p>${t.term('ssoExpired')}</p>` : nothing)}
      <div class="frame" aria-busy=${busy ? 'true' : 'false'}>
        ${s.render({
          // Only the latest URL is framed: while a new one is asked for, the spent one is gone.
          complete: (page) => (expired ? nothing : this.#frameFor(page)),
        })}
      </div>
      <div class="actions">
        ${
          failed || expired
            ? html`<button part="button" class="primary" type="button" @click=${this.#reload}>
                ${t.term(expired ? 'reload' : 'tryAgain')}
              </button>`
            : nothing
        }
        <button part="button" type="button" aria-disabled=${this.opening ? 'true' : 'false'} @click=${this.#openTab}>
          ${this.opening ? html`<span class="spinner" aria-hidden="true"></span>${t.term('opening')}` : t.term('openInNewTab')}
        </button>
      </div>
    </div>`;
  }

  /** The frame showing `page`: sandboxed, no referrer, as tall as the page says it is. */
  #frameFor(page: Portal) {
    return html`<iframe
      part="frame"
      src=${page.url}
      title=${this.frameTitle || this.localize.term(this.target === 'pay-by-text' ? 'ssoPayByTextTitle' : 'ssoDashboardTitle')}
      height=${this.height || nothing}
      referrerpolicy="no-referrer"
      sandbox="allow-scripts allow-same-origin allow-forms"
      @load=${this.#onFrameLoad}
    ></iframe>`;
  }

  /** Try again / Reload: a fresh URL; focus goes into the new frame (or back to this button if it fails). */
  #reload = () => {
    this.#refocus = true;
    void this.#sso.run();
  };

  /** Pages that post no messages (or post them late) still end the busy state once loaded. */
  #onFrameLoad = () => {
    if (this.phase === 'framing') this.phase = 'loaded';
  };

  #onMessage = (e: MessageEvent) => {
    const current = this.#page;
    // Only our frame's window, on the origin the broker named; anything else is not ours to read.
    if (!current || !this.frame || e.source !== this.frame.contentWindow || e.origin !== current.origin) return;
    const data: unknown = e.data;
    // Loaded already: the page was framed after a request, which needed them. Waiting keeps the messages' order.
    void answerChecks().then(({ SsoMessage }) => {
      if (this.#page === current && SsoMessage(data)) this.#handle(data);
    });
  };

  #handle(m: Message): void {
    if (m.type === 'ic-sso:resize') this.height = Math.ceil(m.height);
    else if (m.type === 'ic-sso:loaded') this.phase = 'loaded';
    else if (m.type === 'ic-sso:expired') this.phase = 'expired';
    this.emit('ic-sso-message', { ...m, target: this.target });
    if (m.type === 'ic-sso:loaded') this.emit('ic-sso-loaded', { target: this.target, page: m.page });
  }

  /**
   * A URL of its own, never the frame's (each works once). Opened without
   * opener or referrer, so the portal page cannot reach back into ours.
   */
  #openTab = async () => {
    if (this.opening) return;
    this.opening = true;
    this.alert.clear();
    try {
      const client = this.api;
      if (client)
        window.open(
          portal(await openPortalPage(client, { target: this.target, accountNumber: this.accountNumber })).url,
          '_blank',
          'noopener,noreferrer',
        );
    } catch (err) {
      this.alert.fail(err);
    } finally {
      this.opening = false;
    }
  };
}

/**
 * Why there is no page when the user has no account left to show it for;
 * else the signed-in wording (session, account, no login, network, timeout,
 * rate limit, upstream). A refused target is our fault, not the user's.
 */
function ssoErrorPhrase(e: IcApiError, t: Localize<typeof terms>): Phrase<typeof terms> {
  if (e.code === 'no_portal_account') return ['ssoNoAccount'];
  return e.code === 'validation_failed' ? ['errGeneric'] : sessionErrorPhrase(e, t);
}

/**
 * The URL must be on the origin it names (so `javascript:` and `data:` URLs,
 * whose origin is opaque, never reach the frame), and the origin is kept in
 * the form `MessageEvent.origin` uses.
 */
function portal(r: SsoResponse): Portal {
  const origin = new URL(r.origin).origin;
  if (origin === 'null' || new URL(r.url).origin !== origin) {
    throw new IcApiError({ code: 'invalid_response', message: 'Portal URL off its origin.', retryable: false, requestId: '', status: 200 });
  }
  return { url: r.url, origin };
}

defineElement('ic-sso-frame', IcSsoFrame);

declare global {
  interface IcEventMap {
    'ic-sso-loaded': { target: SsoTarget; page: string };
    'ic-sso-message': Message & { target: SsoTarget };
  }
  interface HTMLElementTagNameMap {
    'ic-sso-frame': IcSsoFrame;
  }
  interface IcElementEvents {
    'ic-sso-frame': 'ic-sso-loaded' | 'ic-sso-message' | 'ic-error';
  }
}
