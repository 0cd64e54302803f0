import type { z } from 'zod';
import { InvoiceCloudError } from './errors.ts';
import { BillerStatus, IcErrorBody, operations, type OperationName, type OperationRequest, type OperationResponse } from './operations.ts';

export interface InvoiceCloudConfig {
  /** Base URL ending in `/api/v1/`. */
  baseUrl: string;
  /** API key, sent as the HTTP Basic user name with a blank password. */
  apiKey: string;
  /** Deadline for every call, in milliseconds. */
  timeoutMs?: number;
  /** Injectable for unit tests of a single module. */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** The sandbox that `npm start` runs, used when no InvoiceCloud is configured. */
export const LOCAL_SANDBOX_URL = 'http://127.0.0.1:5174/api/v1/';
export const LOCAL_SANDBOX_KEY = 'sandbox-api-key';

/** Reads `IC_BASE_URL` / `IC_API_KEY` / `IC_TIMEOUT_MS`; with none set, the local sandbox. */
export function invoiceCloudConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InvoiceCloudConfig {
  return {
    baseUrl: env.IC_BASE_URL ?? LOCAL_SANDBOX_URL,
    apiKey: env.IC_API_KEY ?? LOCAL_SANDBOX_KEY,
    timeoutMs: env.IC_TIMEOUT_MS ? Number(env.IC_TIMEOUT_MS) : undefined,
  };
}

export type InvoiceCloudClient = ReturnType<typeof createInvoiceCloudClient>;

/**
 * InvoiceCloud web-services client: the only code that knows InvoiceCloud's
 * payloads. Every call has a deadline, every answer is parsed with the
 * operation's schema, every failure is an `InvoiceCloudError`.
 */
export function createInvoiceCloudClient(config: InvoiceCloudConfig) {
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  const auth = `Basic ${Buffer.from(`${config.apiKey}:`).toString('base64')}`;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const doFetch = config.fetch ?? fetch;

  /** One HTTP call of `op`: `name` only labels its errors. */
  async function send<R extends z.ZodType>(
    name: string,
    op: { method: 'GET' | 'POST'; path: string; response: R },
    input: object,
    options: CallOptions,
  ): Promise<z.output<R>> {
    // `{Name}` in a path takes the input field of that name; the rest is the query or the body.
    const fields: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = encodeURIComponent(String(fields[name]));
      delete fields[name];
      return value;
    });
    const url = new URL(path, base);
    const init: RequestInit = { method: op.method, headers: { authorization: auth, accept: 'application/json' } };
    if (op.method === 'GET') {
      for (const [k, v] of Object.entries(fields)) {
        if (v !== undefined) url.searchParams.set(k, String(v));
      }
    } else {
      init.body = JSON.stringify(fields);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const deadline = AbortSignal.timeout(timeoutMs);
    init.signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;

    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, init);
      text = await res.text();
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (deadline.aborted) {
        throw new InvoiceCloudError('timeout', name, `${name}: no answer within ${timeoutMs} ms`);
      }
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? 'unknown';
      // Only a connection that was never made proves the request did not arrive.
      const refused = cause === 'ECONNREFUSED' || cause === 'ENOTFOUND' || cause === 'EAI_AGAIN';
      throw new InvoiceCloudError(refused ? 'refused' : 'reset', name, `${name}: connection ${refused ? 'refused' : 'broken'} (${cause})`);
    }

    const json = parseJson(text);
    if (!res.ok) {
      const body = IcErrorBody.safeParse(json);
      throw new InvoiceCloudError(
        'status',
        name,
        `${name}: HTTP ${res.status}`,
        res.status,
        body.success ? body.data.ErrorCode : undefined,
      );
    }
    const parsed = op.response.safeParse(json);
    if (!parsed.success) {
      throw new InvoiceCloudError('malformed', name, `${name}: answer does not match the expected shape`, res.status);
    }
    return parsed.data;
  }

  return {
    /** An operation of the table, by name. */
    call: <N extends OperationName>(name: N, input: OperationRequest<N>, options: CallOptions = {}): Promise<OperationResponse<N>> =>
      send<z.ZodType>(name, operations[name], input, options) as Promise<OperationResponse<N>>,
    /** `GET biller/status`: answers when InvoiceCloud is reachable and takes our key. */
    billerStatus: (options: CallOptions = {}) => send('BillerStatus', BillerStatus, {}, options),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
