import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError, toIcApiError, type IcApiError } from '../client/errors.ts';
import { sessionErrorPhrase } from '../i18n/error-phrases.ts';
import type { Localize, Phrase } from '../i18n/localize.ts';
import { emit, type CommonTerms } from '../base/ic-element.ts';

/** An error on screen: its words, the id to quote to support, and what put it up. */
interface Shown<T extends CommonTerms> {
  phrase: Phrase<T>;
  requestId: string;
  source: string | undefined;
}

/**
 * An element's error: shown in its live region and told to the host
 * (`ic-error`). Each alert remembers its source (a read, say), so that the
 * source's next success takes down its own alert and never another's.
 */
export class AlertController<T extends CommonTerms> {
  #shown?: Shown<T>;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly localize: Localize<T>,
    /** The words for an error; by default a signed-in user's (the session's own failures, then the payment wording). */
    private readonly wording: (e: IcApiError) => Phrase<T> = (e) => sessionErrorPhrase(e, localize),
  ) {}

  /** The message on screen, in the element's language, if any. */
  get message(): string | undefined {
    return this.#shown && this.localize.phrase(this.#shown.phrase);
  }

  /**
   * Shows an error and tells the host (`ic-error`); returns the message shown
   * ('' for an abort, which is no error). `phrase` words it instead of the
   * element's wording; `source` names what failed, for `clear`.
   */
  fail(err: unknown, o: { phrase?: Phrase<T>; source?: string } = {}): string {
    if (isAbortError(err)) return '';
    const e = toIcApiError(err);
    const phrase = o.phrase ?? this.wording(e);
    this.#set({ phrase, requestId: e.requestId, source: o.source });
    const message = this.localize.phrase(phrase);
    emit(this.host, 'ic-error', { code: e.code, message, requestId: e.requestId });
    return message;
  }

  /** Takes the alert down: any, or only one that `source` put up. */
  clear(source?: string): void {
    if (this.#shown && (source === undefined || this.#shown.source === source)) this.#set(undefined);
  }

  /**
   * The live region errors are announced in (empty, and taking no space, when
   * there is none, unless `otherwise` says something). `shown` false keeps it
   * empty while a dialog shows the error itself.
   */
  render(shown = true, otherwise: TemplateResult | typeof nothing = nothing): TemplateResult {
    const a = shown ? this.#shown : undefined;
    const t = this.localize;
    return html`<div class="alert" part="error" role="alert">
      ${
        a
          ? html`<p>${t.phrase(a.phrase)}</p>
              ${a.requestId ? html`<p class="ref">${t.term('errorReference', a.requestId)}</p>` : nothing}`
          : otherwise
      }
    </div>`;
  }

  #set(shown: Shown<T> | undefined): void {
    this.#shown = shown;
    this.host.requestUpdate();
  }
}
