/**
 * Serves the routes declared in src/contract/routes.ts. A route file names the
 * operation and gives its handler; the method, the path, the caller's security,
 * the Idempotency-Key and the schemas of the query and the body all come from the
 * declaration, so what openapi.json says is what the broker does.
 */
import { Hono, type Context, type Handler, type MiddlewareHandler } from 'hono';
import type { BlankInput } from 'hono/types';
import * as z from 'zod/mini';
import { IdempotencyKey } from '../contract/guest.ts';
import { operations, querySchemas, schemas, type Operations, type QueryName, type RouteSpec, type SchemaName } from '../contract/routes.ts';
import { requireHostKey, requireLookupToken, requireSession } from './auth.ts';
import type { BrokerDeps, BrokerEnv } from './context.ts';
import { BrokerError } from './errors.ts';
import type { PaymentOutcome } from './payments.ts';
import { check } from './validate.ts';

type OperationId = keyof Operations;

/** The body and query a route declares, as its handler reads them: `c.req.valid('json')`, `c.req.valid('query')`. */
type RouteInput<K extends OperationId> = BodyInput<K> & QueryInput<K>;
type BodyInput<K extends OperationId> = Operations[K] extends { request: infer N extends SchemaName }
  ? { in: { json: z.input<(typeof schemas)[N]> }; out: { json: z.output<(typeof schemas)[N]> } }
  : BlankInput;
type QueryInput<K extends OperationId> = Operations[K] extends { query: infer N extends QueryName }
  ? { in: { query: Record<string, string> }; out: { query: z.output<(typeof querySchemas)[N]> } }
  : BlankInput;

/**
 * Checks of one route's own, around the declared security: `before` it (a
 * per-IP rate limit, which must count callers with bad credentials too) and
 * `after` it (a per-token rate limit, the ownership of what the path names).
 * The Idempotency-Key, the query and the body are checked after both.
 */
export interface RouteChecks {
  before?: MiddlewareHandler<BrokerEnv>[];
  after?: MiddlewareHandler<BrokerEnv>[];
}

/** An app of declared routes, and `serve('payBill', checks?, handler)` to add one. */
export function declaredRoutes(deps: BrokerDeps) {
  const app = new Hono<BrokerEnv>();
  function serve<K extends OperationId>(operationId: K, handler: Handler<BrokerEnv, string, RouteInput<K>>): void;
  function serve<K extends OperationId>(operationId: K, checks: RouteChecks, handler: Handler<BrokerEnv, string, RouteInput<K>>): void;
  function serve<K extends OperationId>(operationId: K, ...args: [Handler] | [RouteChecks, Handler]): void {
    const [checks, handler] = args.length === 1 ? [{}, args[0]] : args;
    const route: Omit<RouteSpec, 'operationId'> = operations[operationId];
    const middleware = [
      ...(checks.before ?? []),
      ...security(deps, route.auth),
      ...(checks.after ?? []),
      ...(route.idempotent ? [idempotencyKeyHeader] : []),
      ...(route.query ? [queryString(querySchemas[route.query])] : []),
      ...(route.request ? [jsonBody(schemas[route.request])] : []),
    ];
    app.on(route.method.toUpperCase(), [route.path.replace(/\{(\w+)\}/g, ':$1')], ...middleware, handler as Handler<BrokerEnv>);
  }
  return { app, serve };
}

function security(deps: BrokerDeps, auth: RouteSpec['auth']): MiddlewareHandler<BrokerEnv>[] {
  switch (auth) {
    case 'public':
      return [];
    case 'lookup':
      return [requireLookupToken(deps)];
    case 'session':
      return [requireSession(deps)];
    case 'host':
      return [requireHostKey(deps)];
  }
}

/**
 * The request body, parsed with its contract schema, for `c.req.valid('json')`.
 * Not hono/validator's 'json' target: that reads a body without a JSON
 * Content-Type as `{}` and answers malformed JSON with a plain-text 400 of its
 * own; here both are the contract's `validation_failed`, and a failure names
 * each bad field without echoing its value (validate.ts).
 */
function jsonBody(schema: z.ZodMiniType): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new BrokerError('validation_failed', 400, 'The request body is not valid JSON.');
    }
    c.req.addValidatedData('json', check(schema, raw, 'The request has invalid fields.') as object);
    await next();
  };
}

/** The query string, parsed with its contract schema, for `c.req.valid('query')`. */
function queryString(schema: z.ZodMiniType): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    c.req.addValidatedData('query', check(schema, c.req.query(), 'The request has invalid query parameters.') as object);
    await next();
  };
}

/** A payment's Idempotency-Key header: required, and well formed. */
const idempotencyKeyHeader: MiddlewareHandler<BrokerEnv> = async (c, next) => {
  c.set('idempotencyKey', idempotencyKey(c.req.header('idempotency-key')));
  await next();
};

/** An Idempotency-Key, from the header of a payment or the path of its status: required, and well formed. */
export function idempotencyKey(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new BrokerError('idempotency_key_required', 400, 'Payments need an Idempotency-Key header: one new key per payment attempt.');
  }
  return check(IdempotencyKey, value, 'The Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
}

/** The HTTP answer to a payment outcome: 200 with the receipt, or 202 "ask again" with Retry-After. */
export function answerPayment(c: Context, outcome: PaymentOutcome) {
  if (outcome.kind === 'succeeded') return c.json({ status: 'succeeded' as const, receipt: outcome.receipt }, 200);
  c.header('Retry-After', String(outcome.retryAfterSeconds));
  const { retryAfterSeconds, reviewing, confirmationEmail } = outcome;
  return c.json({ status: 'pending' as const, retryAfterSeconds, reviewing, confirmationEmail }, 202);
}
