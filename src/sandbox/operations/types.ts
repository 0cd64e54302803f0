/**
 * The shape of one sandbox operation handler. A handler receives the request
 * already validated against the operation's zod schema and returns either the
 * response body (checked against the response schema before it is sent) or an
 * InvoiceCloud error. Adding an operation = one handler file + one table entry.
 */
import type { z } from 'zod';
import type { IcErrorBody, OperationName, operations } from '../../invoicecloud/operations.ts';
import type { Db } from '../db.ts';

type Ops = typeof operations;

export type IcError = z.output<typeof IcErrorBody>;

/** Statuses a handler may answer with besides 200. 402: a processor refused to verify a card being stored. */
export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 422;

/**
 * A 200's body is what goes on the wire, so it is the response schema's input:
 * where a schema reads more than one form (dates), the sandbox writes any of them.
 */
export type HandlerResult<N extends OperationName> =
  { status: 200; body: z.input<Ops[N]['response']> } | { status: ErrorStatus; body: IcError };

export interface HandlerContext {
  db: Db;
  now: () => Date;
  /** Path parameters, for operations whose path has `{name}` segments (also merged into the request). */
  params: Record<string, string>;
  /** The sandbox's public origin, no trailing slash: CloudSSO URLs are built on it. */
  publicUrl: string;
  /** How long a payment this call records stays out of Retrieve Payments (a visibleAfterMs fault); 0 otherwise. */
  visibleAfterMs: number;
}

export type Handler<N extends OperationName> = (request: z.output<Ops[N]['request']>, ctx: HandlerContext) => HandlerResult<N>;

export function icError(status: ErrorStatus, errorCode: string, message: string): { status: ErrorStatus; body: IcError } {
  return { status, body: { ErrorCode: errorCode, Message: message } };
}
