import { property } from 'lit/decorators.js';
import type { BrokerTransport } from '../client/transport.ts';
import { ClientController } from '../controllers/client-controller.ts';
import { IcElement, type CommonTerms } from './ic-element.ts';

/**
 * Base of the elements that talk to the broker: where the broker is and the
 * transport to it, declared once. A guest's element (`<ic-one-time-pay>`)
 * stops here; the others take a session token too (IcSignedInElement).
 */
export abstract class IcBrokerElement<T extends CommonTerms = CommonTerms> extends IcElement<T> {
  /** Broker base URL, e.g. `https://pay.example.com/api/v1`; else the nearest `<ic-provider>`'s. */
  @property() endpoint = '';
  /** A broker transport to use instead of the provider's or one built from the element's attributes (one the page's code shares, or one with its own `fetch`). */
  @property({ attribute: false }) client?: BrokerTransport;

  /** The transport this element's attributes and its provider make. */
  protected readonly connection = new ClientController(this, () => this.provided);
}
