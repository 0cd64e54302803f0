/**
 * The broker's routes as data: the source of openapi.json. Every schema here
 * is one the broker parses requests with, or answers with.
 */
import * as z from 'zod/mini';
import { ErrorBody } from './common.ts';
import { GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest } from './guest.ts';
import { PaymentResult } from './payments.ts';

export const schemas = { ErrorBody, GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest, PaymentResult } as const;
export type SchemaName = keyof typeof schemas;

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  /** 'lookup': the guest look-up token as a Bearer token. */
  auth?: 'lookup';
  idempotent?: boolean;
  pathParams?: Record<string, string>;
  request?: SchemaName;
  responses: Record<number, { description: string; schema?: SchemaName }>;
}

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((s) => [s, { description: ERROR_TEXT[s] ?? 'Error', schema: 'ErrorBody' as const }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'validation_failed or idempotency_key_required',
  401: 'unauthorized or lookup_expired',
  402: 'card_declined, insufficient_funds, account_closed or payment_declined',
  404: 'not found',
  409: 'idempotency_key_in_flight or invoice_not_payable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'idempotency_key_reused: same key, different request',
  429: 'rate_limited (see Retry-After)',
  502: 'upstream_unavailable, upstream_invalid or payment_not_completed',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

export const routes: RouteSpec[] = [
  {
    method: 'post',
    path: '/guest/lookup',
    summary: 'Find an account and its open bills by account number and last name (One Time Payment, step 1).',
    request: 'GuestLookupRequest',
    responses: { 200: { description: 'Account found', schema: 'GuestLookupResponse' }, ...errors(400, 404, 413, 415, 429, 502, 504) },
  },
  {
    method: 'post',
    path: '/guest/payments',
    summary: 'Pay a bill as a guest. Exactly once per Idempotency-Key.',
    auth: 'lookup',
    idempotent: true,
    request: 'GuestPaymentRequest',
    responses: {
      200: { description: 'Paid: the receipt', schema: 'PaymentResult' },
      202: { description: 'Outcome not known yet: ask GET /guest/payments/{key} after Retry-After', schema: 'PaymentResult' },
      ...errors(400, 401, 402, 409, 413, 415, 422, 429, 502, 503, 504),
    },
  },
  {
    method: 'get',
    path: '/guest/payments/{key}',
    summary: 'Where a guest payment attempt stands (after a timeout, a reload or a 409).',
    auth: 'lookup',
    pathParams: { key: 'The Idempotency-Key of the attempt' },
    responses: {
      200: { description: 'Paid: the receipt', schema: 'PaymentResult' },
      202: { description: 'Still being confirmed', schema: 'PaymentResult' },
      ...errors(400, 401, 402, 404, 409, 429, 502),
    },
  },
];

/** The OpenAPI 3.1 document (JSON Schema 2020-12 components). */
export function openApiDocument(version: string) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: components } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' });
  for (const s of Object.values(components) as { $schema?: string; $id?: string }[]) {
    delete s.$schema;
    delete s.$id;
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters = [
      ...Object.entries(r.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...(r.idempotent
        ? [{ name: 'Idempotency-Key', in: 'header', required: true, description: 'One new key per payment attempt; reuse it to retry the same attempt.', schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' } }]
        : []),
    ];
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.auth ? { security: [{ lookupToken: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.request ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.request}` } } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, { description, schema }]) => [
          status,
          { description, ...(schema ? { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } } : {}) },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ic-widgets broker',
      version,
      description: 'The contract between the ic-widgets elements and their broker. Money is integer cents. Every error answers { error: { code, message, requestId } }.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: components,
      securitySchemes: { lookupToken: { type: 'http', scheme: 'bearer', description: 'The lookupToken from POST /guest/lookup' } },
    },
    paths,
  };
}
