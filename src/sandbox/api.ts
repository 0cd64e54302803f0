/**
 * The InvoiceCloud web-services surface (`/api/v1/...`). Every route comes
 * from the one operation table (src/invoicecloud/operations.ts); each call is
 * logged, authenticated, exposed to injected faults, validated with the
 * operation's request schema, handled, and its answer checked against the
 * response schema — so the sandbox cannot drift from what the client expects.
 * `{Name}` segments of a path are request fields like any other: the client
 * substitutes them, and here they join the body or query before validation.
 */
import type { Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { operations, type OperationName } from '../invoicecloud/operations.ts';
import { callAccount } from './call-account.ts';
import type { Db } from './db.ts';
import { faultBody, faultErrorCode, never, withUsDates, type FaultRegistry } from './faults.ts';
import { BILLER_NAME } from './fixtures.ts';
import { handlers } from './operations/index.ts';
import type { Handler, HandlerContext, HandlerResult, IcError } from './operations/types.ts';
import { logCall } from './store.ts';

/** Under @hono/node-server the raw socket is reachable; under `app.request()` it is not. */
export type SandboxEnv = { Bindings: Partial<HttpBindings> };

export interface ApiDeps {
  db: Db;
  now: () => Date;
  apiKey: string;
  faults: FaultRegistry;
  /** Origin for CloudSSO URLs, no trailing slash; default: the origin the call came in on. */
  publicUrl?: string;
}

const MAX_BODY_CHARS = 64 * 1024;

export function icErrorResponse(c: Context, status: number, errorCode: string, message: string): Response {
  const body: IcError = { ErrorCode: errorCode, Message: message };
  return c.newResponse(JSON.stringify(body), status as 400, { 'content-type': 'application/json' });
}

/** HTTP Basic with the API key as user name and a blank password (InvoiceCloud's scheme). */
function authorized(header: string | undefined, apiKey: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  return decoded === `${apiKey}:`;
}

function unauthorized(c: Context): Response {
  c.header('WWW-Authenticate', 'Basic realm="InvoiceCloud"');
  return icErrorResponse(c, 401, 'Unauthorized', 'A valid API key is required.');
}

function socketOf(c: Context<SandboxEnv>): Socket | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
}

/** Issue paths and messages only: zod messages never echo the input, so no card digits leak. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

/** Reads the body (POST) or query (GET) without judging it yet: the call is logged first. */
async function readInput(c: Context, method: string): Promise<Input> {
  if (method === 'GET') return { ok: true, value: c.req.query() };
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) return { ok: false, message: 'The request body is too large.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
}

type Input = { ok: true; value: unknown } | { ok: false; message: string };

/** Path parameters win over same-named body or query fields: the path is what was routed. */
function withPathParams(input: Input, params: Record<string, string>): Input {
  if (!input.ok || Object.keys(params).length === 0) return input;
  const value = input.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return input;
  return { ok: true, value: { ...value, ...params } };
}

/**
 * Fields whose failure has its own error code, answered before any other
 * schema issue. The seed fixes LoginTypeID at 1; a caller sending anything
 * else should learn exactly that.
 */
const FIELD_ERRORS: Readonly<Record<string, { code: string; message: string }>> = {
  LoginTypeID: { code: 'InvalidLoginType', message: 'LoginTypeID must be 1.' },
};

function fieldError(error: z.ZodError): { code: string; message: string } | undefined {
  for (const issue of error.issues) {
    const name = issue.path.length === 1 ? issue.path[0] : undefined;
    if (typeof name === 'string' && Object.hasOwn(FIELD_ERRORS, name)) return FIELD_ERRORS[name];
  }
  return undefined;
}

/** `customer/{guid}/x` in the operation table → Hono's `customer/:guid/x`. */
function honoPath(path: string): string {
  return '/' + path.replace(/\{(\w+)\}/g, ':$1');
}

async function dispatch(name: OperationName, c: Context<SandboxEnv>, deps: ApiDeps): Promise<Response> {
  const op = operations[name];
  const params = c.req.param() as Record<string, string>;
  const input = withPathParams(await readInput(c, op.method), params);
  logCall(deps.db, deps.now().toISOString(), name, input.ok ? callAccount(deps.db, input.value) : undefined);

  if (!authorized(c.req.header('authorization'), deps.apiKey)) return unauthorized(c);

  const fault = deps.faults.take(name);
  if (fault?.latencyMs) await deps.faults.sleep(fault.latencyMs);
  if (fault?.hang) return never();
  if (fault?.resetConnection) {
    const socket = socketOf(c);
    if (!socket) return icErrorResponse(c, 502, 'ConnectionReset', 'Connection reset (no socket to reset in-process).');
    socket.destroy();
    return never();
  }
  if (fault?.status !== undefined) {
    return icErrorResponse(c, fault.status, faultErrorCode(fault.status), `Injected fault: HTTP ${fault.status}.`);
  }

  const handler = handlers[name] as Handler<OperationName> | undefined;
  if (!handler) return icErrorResponse(c, 501, 'NotImplemented', `The sandbox does not implement ${name} yet.`);
  if (!input.ok) return icErrorResponse(c, 400, 'InvalidRequest', input.message);
  const parsed = op.request.safeParse(input.value);
  if (!parsed.success) {
    const special = fieldError(parsed.error);
    if (special) return icErrorResponse(c, 400, special.code, special.message);
    return icErrorResponse(c, 400, 'InvalidRequest', describeIssues(parsed.error));
  }

  const ctx: HandlerContext = {
    db: deps.db,
    now: deps.now,
    params,
    publicUrl: deps.publicUrl ?? new URL(c.req.url).origin,
    visibleAfterMs: fault?.visibleAfterMs ?? 0,
  };
  if (fault?.postAfterMs !== undefined) {
    // Only a call the schema accepted is taken in to post late; its answer, whatever it is, is never sent.
    deps.faults.later(fault.postAfterMs, () => void handler(parsed.data as never, ctx));
    return never();
  }
  const result: HandlerResult<OperationName> = handler(parsed.data as never, ctx);
  if (result.status === 200 && !op.response.safeParse(result.body).success) {
    // A sandbox bug, not the caller's fault: say so in InvoiceCloud's error shape.
    return icErrorResponse(c, 500, 'InternalError', `The sandbox produced an invalid ${name} answer.`);
  }
  // The older date form is converted after the check: the schema reads it too, but the sandbox keeps and checks ISO.
  const json = JSON.stringify(fault?.dateFormat === 'us' ? withUsDates(result.body) : result.body);
  if (fault?.body) {
    const replaced = faultBody(fault.body, json);
    return c.newResponse(replaced.text, 200, { 'content-type': replaced.contentType });
  }
  return c.newResponse(json, result.status, { 'content-type': 'application/json' });
}

export function apiRoutes(deps: ApiDeps): Hono<SandboxEnv> {
  const api = new Hono<SandboxEnv>();

  // A known real path, handy as a health check. Not an operation of FIXTURES.md, so not logged.
  api.get('/biller/status', (c) => {
    if (!authorized(c.req.header('authorization'), deps.apiKey)) return unauthorized(c);
    return c.json({ Status: 'Active', BillerName: BILLER_NAME });
  });

  for (const name of Object.keys(operations) as OperationName[]) {
    const op = operations[name];
    api.on(op.method, honoPath(op.path), (c) => dispatch(name, c, deps));
  }
  return api;
}
