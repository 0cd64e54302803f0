/**
 * Helpers for <ic-sso-frame> tests (its readers are in harness/sso-frame.ts):
 * transports that record or hold the broker's answers, and a scriptable stand-in for an InvoiceCloud
 * page where the real one cannot be made to misbehave (malformed messages,
 * messages after a navigation to another origin).
 */
import { BrokerTransport, type BrokerClientOptions } from '../../../src/client/index.ts';
import type { SsoRequest, SsoResponse } from '../../../src/contract/index.ts';

let echoPages = 0;

/**
 * A page on this test's own origin (helpers/echo-page.html, a new URL each
 * time) that does what its parent tells it: `{ echo: m }` posts `m` back to
 * the parent from the frame's own window; `{ navigate: url }` goes to
 * another URL in the same frame.
 */
function echoPageUrl(): string {
  return new URL(`echo-page.html?n=${++echoPages}`, import.meta.url).href;
}

/** What the element asked the broker for: the body of its `POST /sso`. */
const asked = (init: RequestInit | undefined): SsoRequest => JSON.parse(String(init?.body)) as SsoRequest;

/** A transport whose every portal URL is a new echo page on this origin; records what it was asked for. */
export function echoClient(): BrokerTransport & { calls: SsoRequest[]; urls: string[] } {
  const calls: SsoRequest[] = [];
  const urls: string[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(asked(init));
    const url = echoPageUrl();
    urls.push(url);
    return Response.json({ url, origin: location.origin, expiresAt: new Date(Date.now() + 60_000).toISOString() } satisfies SsoResponse);
  };
  return Object.assign(new BrokerTransport({ baseUrl: 'https://broker.test', fetch }), { calls, urls });
}

/**
 * A transport to the broker at `options` that records what it was asked for
 * and the URLs it got, and may answer the first call with `first` instead.
 */
export function countingClient(
  options: BrokerClientOptions,
  first?: SsoResponse,
): BrokerTransport & { urls: string[]; asked: SsoRequest[] } {
  const urls: string[] = [];
  const requests: SsoRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(asked(init));
    const response = urls.length === 0 && first ? Response.json(first) : await globalThis.fetch(input, init);
    if (response.ok) urls.push(((await response.clone().json()) as SsoResponse).url);
    return response;
  };
  return Object.assign(new BrokerTransport({ ...options, fetch }), { urls, asked: requests });
}

/** A transport to the broker at `options` whose answers are held until `release()`, so the loading state stays put. */
export function gatedClient(options: BrokerClientOptions): BrokerTransport & { release(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    await gate;
    return globalThis.fetch(input, init);
  };
  return Object.assign(new BrokerTransport({ ...options, fetch }), { release: () => open() });
}
