import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SelfServiceClient } from '../client/broker-client.ts';
import { isAbortError, toIcApiError } from '../client/errors.ts';
import { sessionErrorPhrase } from './error-phrases.ts';
import type { Phrase } from './i18n.ts';
import { IcElement } from './ic-element.ts';
// Defined first, so a provider around a signed-in element answers its first request.
import '../elements/ic-provider/ic-provider.ts';

/**
 * Base of the signed-in elements (`<ic-bills>`, the toggles,
 * `<ic-payment-methods>`, `<ic-linked-accounts>`): where the client comes
 * from, and the one alert region every error is shown in and told to the host.
 */
export class IcSignedInElement extends IcElement {
  /** Broker base URL; else the `<ic-provider>`'s. */
  @property() endpoint = '';
  /** Session token; else the `<ic-provider>`'s. */
  @property() token = '';
  /** A client to use instead of the provider's or one built from `endpoint` + `token` (stories, tests). */
  @property({ attribute: false }) client?: SelfServiceClient;

  /** The error on screen, if any. */
  @state() protected alert?: { phrase: Phrase; requestId: string };

  /** The client, or undefined while there is no endpoint and no provider yet (then nothing is asked). */
  protected get api(): SelfServiceClient | undefined {
    return this.client ?? this.configuredClient(this.endpoint, this.token);
  }

  /** Shows an error in the alert region and tells the host (`ic-error`); returns the message shown. */
  protected fail(err: unknown, phrase?: Phrase): string {
    if (isAbortError(err)) return '';
    const e = toIcApiError(err);
    const p = phrase ?? sessionErrorPhrase(e, (s) => this.localize.inSeconds(s));
    this.alert = { phrase: p, requestId: e.requestId };
    const message = this.localize.phrase(p);
    this.emit('ic-error', { code: e.code, message, requestId: e.requestId });
    return message;
  }

  /**
   * The live region errors are announced in (empty, and taking no space, when
   * there is none). `shown` false keeps it empty while a dialog shows the error itself.
   */
  protected alertRegion(shown = true): TemplateResult {
    const a = shown ? this.alert : undefined;
    const t = this.localize;
    return html`<div class="alert" part="error" role="alert">${a
      ? html`<p>${t.phrase(a.phrase)}</p>${a.requestId ? html`<p class="ref">${t.term('errorReference', a.requestId)}</p>` : nothing}`
      : nothing}</div>`;
  }
}
