/**
 * Helpers for <ic-sso-frame> tests: a scriptable stand-in
 * for an InvoiceCloud page where the real one cannot be made to misbehave
 * (malformed messages, messages after a navigation to another origin).
 */
import type { SsoClient } from '../../../src/client/index.ts';
import type { SsoRequest, SsoResponse, SsoTarget } from '../../../src/contract/index.ts';

/**
 * A page on this test's own origin (a blob: URL) that does what its parent
 * tells it: `{ echo: m }` posts `m` back to the parent from the frame's own
 * window; `{ navigate: url }` goes to another URL in the same frame.
 */
export function echoPageUrl(): string {
  const html = `<!doctype html><html lang="en"><head><title>Fake portal page</title></head>
<body><main><h1>Fake portal page</h1><button type="button">A control inside the page</button></main>
<script>
addEventListener('message', function (e) {
  if (e.source !== parent || !e.data) return;
  if ('echo' in e.data) parent.postMessage(e.data.echo, '*');
  if ('navigate' in e.data) location.href = e.data.navigate;
});
parent.postMessage({ type: 'ic-sso:loaded', page: 'fake' }, '*');
</script></body></html>`;
  return URL.createObjectURL(new Blob([html], { type: 'text/html' }));
}

/** What the element asked for, as a request (the client takes a bare target too). */
export const asRequest = (page: SsoTarget | SsoRequest): SsoRequest => (typeof page === 'string' ? { target: page } : page);

/** A client whose every URL is a new echo page on this origin; records what it was asked for. */
export function echoClient(): SsoClient & { calls: SsoRequest[]; urls: string[] } {
  const calls: SsoRequest[] = [];
  const urls: string[] = [];
  return {
    calls,
    urls,
    async ssoUrl(page: SsoTarget | SsoRequest): Promise<SsoResponse> {
      calls.push(asRequest(page));
      const url = echoPageUrl();
      urls.push(url);
      return { url, origin: location.origin, expiresAt: new Date(Date.now() + 60_000).toISOString() };
    },
  };
}

/** Wraps a client: records what it was asked for and the URLs it got, and may answer the first call with a given response instead. */
export function countingClient(inner: SsoClient, first?: SsoResponse): SsoClient & { urls: string[]; asked: SsoRequest[] } {
  const urls: string[] = [];
  const asked: SsoRequest[] = [];
  return {
    urls,
    asked,
    async ssoUrl(page, options) {
      asked.push(asRequest(page));
      const r = urls.length === 0 && first ? first : await inner.ssoUrl(page, options);
      urls.push(r.url);
      return r;
    },
  };
}

/** Wraps a client: answers are held until `release()`, so the loading state stays put. */
export function gatedClient(inner: SsoClient): SsoClient & { release(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return {
    release: () => open(),
    async ssoUrl(page, options) {
      await gate;
      return inner.ssoUrl(page, options);
    },
  };
}
