/** Counting what reaches the broker, as a test of request sharing needs it. */

/** A fetch that passes every request on and records it as `METHOD /path?query` below the broker's `/api/v1`. */
export function countingFetch(): { fetch: typeof fetch; requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      requests.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/^.*\/api\/v1/, '')}${url.search}`);
      return fetch(input, init);
    }) as typeof fetch,
  };
}
