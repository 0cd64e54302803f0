import type { Logger } from 'pino';
import type { InvoiceCloud } from '../invoicecloud/api.ts';
import { InvoiceCloudError } from '../invoicecloud/errors.ts';

/**
 * The broker's first InvoiceCloud call when it starts: `GET biller/status`
 * (a real InvoiceCloud path), so whoever runs it learns at once whether the
 * configured URL and API key reach InvoiceCloud, rather than from the first
 * payer's error. Info `invoicecloud_reachable` with the biller's name, or warn
 * `invoicecloud_unreachable` with the error's kind (and HTTP status): never
 * the upstream body. It never throws; the caller does not wait for it before
 * serving. Nothing is logged when `signal` ends it (the broker closed first).
 */
export async function logInvoiceCloudReachability(ic: InvoiceCloud, log: Logger, baseUrl: string, signal?: AbortSignal): Promise<boolean> {
  // The origin only: a base URL could carry credentials in its user part.
  const origin = URL.canParse(baseUrl) ? new URL(baseUrl).origin : 'invalid';
  try {
    const status = await ic.billerStatus({ signal });
    log.info(
      { event: 'invoicecloud_reachable', origin, billerName: status.billerName, billerStatus: status.status },
      'InvoiceCloud is reachable',
    );
    return true;
  } catch (err) {
    if (signal?.aborted) return false;
    const why =
      err instanceof InvoiceCloudError
        ? { kind: err.kind, status: err.status, reason: err.message }
        : { kind: 'unknown', reason: err instanceof Error ? err.name : typeof err };
    log.warn({ event: 'invoicecloud_unreachable', origin, ...why }, 'InvoiceCloud is not reachable');
    return false;
  }
}
