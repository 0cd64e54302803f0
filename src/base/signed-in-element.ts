import { property } from 'lit/decorators.js';
import type { BrokerTransport } from '../client/transport.ts';
import { IcElement, type CommonTerms } from './ic-element.ts';

/**
 * Base of the signed-in elements (`<ic-bills>`, the toggles,
 * `<ic-payment-methods>`, `<ic-linked-accounts>`): where the client comes
 * from. Errors are shown and told to the host as in every element (IcElement's `fail`).
 */
export abstract class IcSignedInElement<T extends CommonTerms = CommonTerms> extends IcElement<T> {
  /** Broker base URL; else the `<ic-provider>`'s. */
  @property() endpoint = '';
  /** Session token; else the `<ic-provider>`'s. */
  @property() token = '';
  /** A broker transport to use instead of the provider's or one built from `endpoint` + `token` (one the page's code shares, or one with its own `fetch`). */
  @property({ attribute: false }) client?: BrokerTransport;

  /** The client, or undefined while there is no endpoint and no provider yet (then nothing is asked). */
  protected get api(): BrokerTransport | undefined {
    return this.client ?? this.configuredClient(this.endpoint, this.token);
  }
}
