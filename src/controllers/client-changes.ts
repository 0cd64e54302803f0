import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BrokerTransport, Resource } from '../client/transport.ts';

/**
 * Keeps an element's reads of shared signed-in data current: whenever a
 * change through the same client — made by this element or any other on the
 * page — touches one of `resources`, `version` goes up and the host updates.
 * Put `version` in a Task's args and the read runs again (and, the client
 * having dropped or replaced what changed, every element re-reading at once
 * shares one request).
 */
export class ClientChanges implements ReactiveController {
  /** Goes up on every change that touches the resources. */
  version = 0;
  #client: BrokerTransport | undefined;
  #off: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => BrokerTransport | undefined,
    private readonly resources: readonly Resource[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  /** The client can change (a provider appears, the token changes): follow the current one. */
  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#off?.();
    this.#off = this.#client = undefined;
  }

  #follow(): void {
    const client = this.client();
    if (client === this.#client) return;
    this.#off?.();
    this.#client = client;
    this.#off = client?.subscribe((changed) => {
      if (!this.resources.some((r) => changed.has(r))) return;
      this.version++;
      this.host.requestUpdate();
    });
  }
}
