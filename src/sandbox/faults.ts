/**
 * Fault injection: how tests make "InvoiceCloud" slow, broken or silent for
 * one named operation (FIXTURES.md `POST /__sandbox/faults`).
 *
 * What each fault does to the operation's effect, on purpose:
 * - `latencyMs`: waits, then runs normally. The operation TAKES EFFECT even if
 *   the caller gave up meanwhile — a payment past the caller's deadline is
 *   still charged, the "outcome unknown" case the broker must reconcile.
 * - `status`: answers that status with an IcErrorBody; nothing happens.
 * - `hang`: never answers; nothing happens (the socket stays open until the
 *   client gives up or the server closes).
 * - `resetConnection`: destroys the socket; nothing happens.
 * - `body`: the operation runs and takes effect, then its answer is replaced
 *   by a 200 that is malformed JSON, an HTML page or a truncated JSON text —
 *   as when a proxy mangles a reply to a request that did go through.
 * - `postAfterMs` (payment operations only): a call the request schema
 *   accepts gets no answer, as with `hang`, and the payment is made only after
 *   the delay — the handler runs then and its answer is dropped — as when
 *   InvoiceCloud queues a payment and posts it after the caller gave up. Till
 *   then nothing shows anywhere; after it the payment is charged (or recorded
 *   as declined) and listed like any other. A request the schema refuses is
 *   answered 400 at once; a refusal the handler would give (an invoice paid
 *   meanwhile) is never heard. A reset drops a post still pending.
 * - `visibleAfterMs` (payment operations only): the payment takes effect at
 *   once and the call answers as usual, but Retrieve Payments — the history
 *   and the look-up by ReferenceId — lists it only after the delay, as when
 *   InvoiceCloud's reporting replica lags. `GET /__sandbox/payments` (what was
 *   charged) lists it at once. With `body` the caller loses the answer as
 *   well: charged, and neither the answer nor a reconciling look-up can tell
 *   it so until the delay has passed.
 * - `dateFormat: "us"`: no change to the effect; the answer's dates come as
 *   InvoiceCloud's older services write them — a date as MM/dd/yyyy, a
 *   date-time as MM/dd/yyyy HH:mm:ss in UTC with no offset (the client reads
 *   the missing offset as UTC, an assumption: see src/invoicecloud/wire.ts) —
 *   so a client must read both forms.
 * `latencyMs` combines with any one of the others (delay first);
 * `visibleAfterMs` with `latencyMs` and `body`; `dateFormat` with all.
 * `times` counts the calls a fault affects, whichever fault it is.
 */
import { z } from 'zod';
import { operations, type OperationName } from '../invoicecloud/operations.ts';
import { WIRE_DATE_FIELDS } from '../invoicecloud/wire.ts';
import { OPERATION_NAMES } from './operation-names.ts';

const knownOperations: ReadonlySet<string> = new Set<string>([...OPERATION_NAMES, ...Object.keys(operations)]);

/** The operations that record a payment: the only ones the payment faults apply to. */
const PAYMENT_OPERATIONS: readonly OperationName[] = ['InvoicePayWithoutSavedMethod', 'InvoicePayWithSavedMethod'];
const isPaymentOperation = (name: string) => (PAYMENT_OPERATIONS as readonly string[]).includes(name);
const onlyForPayments = (field: string) => ({
  message: `applies only to the payment operations ${PAYMENT_OPERATIONS.join(' and ')}.`,
  path: [field],
});

const delayMs = z.number().int().min(0).max(600_000);

export const FaultSpec = z
  .strictObject({
    operation: z.string().refine((n) => knownOperations.has(n), { message: 'Unknown operation name' }),
    latencyMs: delayMs.optional(),
    status: z.number().int().min(400).max(599).optional(),
    body: z.enum(['malformed', 'html', 'truncated']).optional(),
    hang: z.literal(true).optional(),
    times: z.number().int().positive().optional(),
    resetConnection: z.literal(true).optional(),
    postAfterMs: delayMs.optional(),
    visibleAfterMs: delayMs.optional(),
    dateFormat: z.literal('us').optional(),
  })
  .refine((f) => [f.status, f.body, f.hang, f.resetConnection, f.postAfterMs].filter((v) => v !== undefined).length <= 1, {
    message: 'Use at most one of status, body, hang, resetConnection and postAfterMs (latencyMs combines with any).',
  })
  .refine((f) => f.postAfterMs === undefined || isPaymentOperation(f.operation), onlyForPayments('postAfterMs'))
  .refine((f) => f.visibleAfterMs === undefined || isPaymentOperation(f.operation), onlyForPayments('visibleAfterMs'))
  .refine(
    (f) => f.visibleAfterMs === undefined || (f.status === undefined && !f.hang && !f.resetConnection && f.postAfterMs === undefined),
    {
      // The first three record no payment to hide; a payment posted late is unseen until it posts anyway.
      message: 'visibleAfterMs combines only with latencyMs and body.',
      path: ['visibleAfterMs'],
    },
  )
  .refine(
    (f) =>
      f.latencyMs !== undefined ||
      f.status !== undefined ||
      f.body !== undefined ||
      f.hang ||
      f.resetConnection ||
      f.postAfterMs !== undefined ||
      f.visibleAfterMs !== undefined ||
      f.dateFormat !== undefined,
    { message: 'A fault needs latencyMs, status, body, hang, resetConnection, postAfterMs, visibleAfterMs or dateFormat.' },
  );
export type FaultSpec = z.output<typeof FaultSpec>;

interface ActiveFault {
  spec: FaultSpec;
  /** Calls still to affect; undefined = until cleared. */
  remaining: number | undefined;
}

/** A body fault's replacement answer. */
export function faultBody(kind: 'malformed' | 'html' | 'truncated', realJson: string): { text: string; contentType: string } {
  switch (kind) {
    case 'malformed':
      return { text: '{"Unexpected":true}', contentType: 'application/json' };
    case 'html':
      return {
        text: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
        contentType: 'text/html; charset=utf-8',
      };
    case 'truncated': {
      // Cut inside the text, so the result can never parse as JSON.
      const cut = Math.max(1, Math.floor(realJson.length / 2));
      return { text: realJson.slice(0, cut), contentType: 'application/json' };
    }
  }
}

/**
 * A `dateFormat: "us"` answer: every date field (WIRE_DATE_FIELDS), wherever
 * it sits, rewritten from the ISO the sandbox keeps. The older date-time form
 * has whole seconds, so milliseconds are lost on the way, as they would be
 * from those services.
 */
export function withUsDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUsDates);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      typeof v === 'string' && isDateField(key) ? usDate(WIRE_DATE_FIELDS[key], v) : withUsDates(v),
    ]),
  );
}

const isDateField = (key: string): key is keyof typeof WIRE_DATE_FIELDS => Object.hasOwn(WIRE_DATE_FIELDS, key);

function usDate(kind: 'date' | 'dateTime', iso: string): string {
  // toISOString brings any offset to UTC, and both kinds to one layout to cut from.
  const t = new Date(kind === 'date' ? `${iso}T00:00:00Z` : iso).toISOString();
  const day = `${t.slice(5, 7)}/${t.slice(8, 10)}/${t.slice(0, 4)}`;
  return kind === 'date' ? day : `${day} ${t.slice(11, 19)}`;
}

/** InvoiceCloud-style error code for an injected status. */
export function faultErrorCode(status: number): string {
  if (status === 401) return 'Unauthorized';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'TooManyRequests';
  if (status === 503 || status === 502 || status === 504) return 'ServiceUnavailable';
  if (status >= 500) return 'InternalError';
  return 'SandboxFault';
}

/** One sandbox's active faults, plus the timers they started (cleared on close). */
export class FaultRegistry {
  private readonly active = new Map<string, ActiveFault>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Bumped by reset(): a late effect started before it no longer runs. */
  private generation = 0;

  /** A new fault for an operation replaces the previous one. */
  set(spec: FaultSpec): void {
    this.active.set(spec.operation, { spec, remaining: spec.times });
  }

  clear(): void {
    this.active.clear();
  }

  /**
   * Clears the faults and drops late effects still pending: after a reset to
   * the fixtures, a payment posting from before it would change what a test
   * just set up. Clearing the faults alone keeps them: those calls were made.
   */
  reset(): void {
    this.clear();
    this.generation += 1;
  }

  list(): FaultSpec[] {
    return [...this.active.values()].map((f) => f.spec);
  }

  /** The fault for this call, if any; counts the call against `times`. */
  take(operation: string): FaultSpec | undefined {
    const fault = this.active.get(operation);
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.active.delete(operation);
    }
    return fault.spec;
  }

  /**
   * Waits ms. Deliberately ignores the client going away: the operation must
   * still happen afterwards. On dispose the wait never ends, and the suspended
   * request is garbage once its socket is gone.
   */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /**
   * Runs `effect` after ms, apart from any request (a `postAfterMs` post).
   * An effect that throws is logged, not thrown: no caller is left to hear it.
   */
  later(ms: number, effect: () => void): void {
    const generation = this.generation;
    void this.sleep(ms).then(() => {
      if (generation !== this.generation) return;
      try {
        effect();
      } catch (err) {
        console.error('[sandbox] late effect failed:', (err as Error).message);
      }
    });
  }

  /** Stops pending latency timers and late effects, so closing the sandbox leaves nothing running. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.active.clear();
  }
}

/** A promise that never settles: the answer to a `hang` fault. */
export function never(): Promise<never> {
  return new Promise<never>(() => {});
}
