/**
 * Code loaded when it is first needed (the answer checks, the steps after a
 * look-up, the steps of paying a bill), fetched once however many times it
 * is asked for. A failure becomes a `load_failed` error (its message says to reload)
 * and is forgotten, so a later ask fetches again — which helps in browsers
 * that retry a failed module; Chromium keeps the failure for the page's life.
 */
import { IcApiError } from './errors.ts';

export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch(() => {
      loading = undefined;
      throw new IcApiError({
        code: 'load_failed',
        message: 'Part of the element could not be loaded.',
        retryable: false,
        requestId: '',
        status: 0,
      });
    }));
}
