/**
 * The configuration `<ic-provider>` hands to every ic-* element inside it,
 * through `@lit/context` (the community context protocol): the requests are
 * composed events, so they cross any number of shadow roots, and any
 * `@lit/context` consumer can read `icContext` too.
 */
import { ContextRoot, createContext } from '@lit/context';
import type { BrokerTransport } from '../client/transport.ts';

/** What an `<ic-provider>` provides. An element's own attributes win over each field. */
export interface IcConfig {
  /** Broker base URL. */
  endpoint: string;
  /** Session token ('' when no one is signed in). */
  token: string;
  /** Language ('' to let each element look up the tree). */
  lang: string;
  /** One transport for this endpoint + token, shared so that identical concurrent GETs (`/me`) go out once. */
  client: BrokerTransport;
}

export const icContext = createContext<IcConfig | undefined>(Symbol('ic-config'));

// An element may connect before its provider is defined (the provider's module
// loads later, or a framework upgrades the parent after its children): the
// root keeps the requests nobody answered and asks again when a provider
// appears. Attached as soon as any ic-* element's module loads, so that no
// request goes by unseen; a server render (SSR) has no document.
if (globalThis.document) new ContextRoot().attach(document.documentElement);
