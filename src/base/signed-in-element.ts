import { property } from 'lit/decorators.js';
import type { BrokerTransport } from '../client/transport.ts';
import { IcBrokerElement } from './broker-element.ts';
import type { CommonTerms } from './ic-element.ts';

/**
 * Base of the elements that act for a signed-in user (`<ic-bills>`, the
 * toggles, `<ic-payment-methods>`, `<ic-linked-accounts>`, `<ic-sso-frame>`)
 * and of `<ic-provider>`, which hands its token to them.
 */
export abstract class IcSignedInElement<T extends CommonTerms = CommonTerms> extends IcBrokerElement<T> {
  /** Session token from the host backend's `POST /sessions`, sent as `Authorization: Bearer`; else the nearest `<ic-provider>`'s. */
  @property() token = '';

  /** The client, or undefined while there is no endpoint and no provider yet (then nothing is asked). */
  protected get api(): BrokerTransport | undefined {
    return this.connection.configured;
  }
}
