/** Counting what reaches the broker, and knowing when its answers are in. */
import { waitUntil } from './dom.ts';

/** Statuses whose response has no body (a Response made with one throws). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch that passes every request on and records it as `METHOD /path?query`
 * below the broker's `/api/v1`. `settled()` waits until every request sent
 * has been answered, the body included: whatever the element does with an
 * answer follows at once, so a test can then assert what did not happen.
 */
export function countingFetch(): { fetch: typeof fetch; requests: string[]; settled: (atLeast?: number) => Promise<void> } {
  const requests: string[] = [];
  let answered = 0;
  return {
    requests,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      requests.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/^.*\/api\/v1/, '')}${url.search}`);
      try {
        const res = await fetch(input, init);
        const body = NO_BODY.has(res.status) ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } finally {
        answered++;
      }
    }) as typeof fetch,
    /** Waits until at least `atLeast` requests were sent and each one has its answer (or failed). */
    async settled(atLeast = 0) {
      await waitUntil(
        () => requests.length >= atLeast && answered === requests.length,
        `answers to ${requests.length} requests (${answered} in)`,
      );
    },
  };
}
