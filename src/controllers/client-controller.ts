import type { ReactiveControllerHost } from 'lit';
import { BrokerTransport } from '../client/transport.ts';
import type { IcConfig } from './context.ts';

/** What an element says about its broker; each field it leaves empty falls back to its provider's. */
export interface ClientHost extends ReactiveControllerHost {
  readonly endpoint: string;
  /** Absent on an element that takes no session token of its own (a guest's). */
  readonly token?: string;
  readonly client?: BrokerTransport | undefined;
}

/**
 * Where an element's broker transport comes from: the element's own `client`;
 * else the nearest `<ic-provider>`'s shared one, unless the element's own
 * `endpoint` or `token` differ from the provider's — then one of its own,
 * rebuilt only when they change. `<ic-provider>` builds the one it shares
 * the same way, from its own attributes and the provider around it.
 */
export class ClientController {
  #built?: BrokerTransport;

  constructor(
    private readonly host: ClientHost,
    private readonly provided: () => IcConfig | undefined,
  ) {}

  /**
   * The transport once there is something to ask — a `client`, an `endpoint`
   * or a provider — else undefined: reads wait, as a provider may come later.
   */
  get configured(): BrokerTransport | undefined {
    return this.host.client || this.host.endpoint || this.provided() ? this.transport : undefined;
  }

  /** The transport even with nothing configured (then asking the page's own origin): for what only a user's action asks. */
  get transport(): BrokerTransport {
    const { client, endpoint, token = '' } = this.host;
    if (client) return client;
    const p = this.provided();
    const baseUrl = trimSlash(endpoint || p?.endpoint || '');
    const bearer = token || p?.token || '';
    if (p && baseUrl === trimSlash(p.endpoint) && bearer === p.token) return p.client;
    if (this.#built?.baseUrl !== baseUrl || this.#built.token !== bearer) this.#built = new BrokerTransport({ baseUrl, token: bearer });
    return this.#built;
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
