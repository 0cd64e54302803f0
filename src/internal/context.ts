/**
 * The configuration `<ic-provider>` hands to every ic-* element inside it.
 *
 * It speaks the community context protocol (`context-request` events, the
 * `ContextEvent` of `@lit/context`): the events are composed, so they
 * cross any number of shadow roots, and any `@lit/context` consumer can read
 * `icContext` too. The two ends are written here rather than with
 * `@lit/context`'s controllers and decorators because those cost ~1 KB gzip of
 * the 35 KB bundle budget for features we do not use.
 */
import { ContextEvent as ContextRequestEvent, createContext, type ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IcClient } from '../client/broker-client.ts';

/** What an `<ic-provider>` provides. An element's own attributes win over each field. */
export interface IcConfig {
  /** Broker base URL. */
  endpoint: string;
  /** Session token ('' when no one is signed in). */
  token: string;
  /** Language ('' to let each element look up the tree). */
  lang: string;
  /** One client for this endpoint + token, shared so that identical concurrent GETs (`/me`) go out once. */
  client: IcClient;
}

export const icContext = createContext<IcConfig | undefined>(Symbol('ic-config'));

type Callback = ContextCallback<IcConfig | undefined>;

/** Every connected consumer, so that a provider that appears can have them ask again. */
const consumers = new Set<IcConfigConsumer>();

/**
 * Keeps an element's copy of the nearest provider's configuration current:
 * asks on connect, follows every change, lets go on disconnect.
 */
export class IcConfigConsumer implements ReactiveController {
  #unsubscribe?: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly set: (value: IcConfig | undefined) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    consumers.add(this);
    this.request();
  }

  hostDisconnected(): void {
    consumers.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Asks the nearest provider (answered synchronously, or not at all when there is none). */
  request(): void {
    this.host.dispatchEvent(new ContextRequestEvent(icContext, this.host, this.#receive, true));
  }

  #receive: Callback = (value, unsubscribe) => {
    // A nearer provider took over: leave the old one.
    if (unsubscribe !== this.#unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.set(value);
  };
}

/**
 * Answers the requests of the consumers inside `host` and tells them of
 * every new value.
 */
export class IcConfigProvider {
  readonly #subscribers = new Map<Callback, () => void>();
  #value?: IcConfig;

  constructor(private readonly host: HTMLElement) {
    host.addEventListener('context-request', this.#onRequest);
  }

  get value(): IcConfig | undefined {
    return this.#value;
  }

  set value(value: IcConfig | undefined) {
    if (value === this.#value) return;
    this.#value = value;
    this.#subscribers.forEach((unsubscribe, callback) => callback(value, unsubscribe));
  }

  /**
   * Call when the host connects: elements that asked before it existed (a
   * provider defined after them) or that an outer provider answered (this one
   * is nearer) ask again.
   */
  announce(): void {
    consumers.forEach((c) => c.request());
  }

  #onRequest = (event: Event) => {
    const e = event as ContextRequestEvent<typeof icContext>;
    // The host's own request (a nested provider reading its outer one) goes on up.
    if (e.context !== icContext || e.contextTarget === this.host) return;
    e.stopPropagation();
    const callback = e.callback;
    // One unsubscribe per subscriber, so a repeated request is not mistaken for a new provider.
    let unsubscribe = this.#subscribers.get(callback);
    if (!unsubscribe) {
      unsubscribe = () => this.#subscribers.delete(callback);
      if (e.subscribe) this.#subscribers.set(callback, unsubscribe);
    }
    callback(this.#value, unsubscribe);
  };
}
