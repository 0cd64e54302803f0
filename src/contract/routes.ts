/**
 * The broker's routes, each declared once: the broker serves them from here
 * (its security, Idempotency-Key, query and body checks are taken from the
 * declaration, src/broker/routing.ts) and openapi.json is generated from here.
 * Every schema here is one the broker parses requests with, or answers with.
 */
import * as z from 'zod/mini';
import { ErrorBody } from './common.ts';
import { GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest } from './guest.ts';
import { PaymentResult } from './payments.ts';
import {
  CredentialsRequest,
  CredentialsResponse,
  SessionRequest,
  SessionResponse,
  VerificationApproval,
  VerificationInfo,
  VerificationPreview,
} from './host.ts';
import { MeResponse, SsoRequest, SsoResponse, SyncedAccount } from './sessions.ts';
import {
  AccountsResponse,
  AutopayRequest,
  BillPaymentRequest,
  BillsQuery,
  BillsResponse,
  LinkAccountRequest,
  PaperlessRequest,
  PaymentMethodsResponse,
  SavedMethod,
  StoreMethodRequest,
  UnregisterResponse,
  UpdateMethodRequest,
} from './self-service.ts';

export const schemas = {
  ErrorBody,
  GuestLookupRequest,
  GuestLookupResponse,
  GuestPaymentRequest,
  PaymentResult,
  SessionRequest,
  SessionResponse,
  MeResponse,
  SsoRequest,
  SsoResponse,
  CredentialsRequest,
  CredentialsResponse,
  VerificationPreview,
  VerificationInfo,
  VerificationApproval,
  AccountsResponse,
  SyncedAccount,
  BillsResponse,
  BillPaymentRequest,
  AutopayRequest,
  PaperlessRequest,
  LinkAccountRequest,
  UnregisterResponse,
  SavedMethod,
  PaymentMethodsResponse,
  StoreMethodRequest,
  UpdateMethodRequest,
} as const;
export type SchemaName = keyof typeof schemas;

/** The schemas of query strings: described as parameters, not as components. */
export const querySchemas = { BillsQuery } as const;
export type QueryName = keyof typeof querySchemas;

export interface RouteSpec {
  /** Stable and camelCase: generated clients name their methods after it. */
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style (`{account}`), below the base path /api/v1. */
  path: string;
  summary: string;
  /**
   * Who may call: 'public' anyone; 'lookup' the guest look-up token; 'session' a
   * session token (both Bearer); 'host' the host backend's key.
   */
  auth: 'public' | 'lookup' | 'session' | 'host';
  /** Needs an Idempotency-Key header. */
  idempotent?: boolean;
  pathParams?: Record<string, string>;
  /** The query string, checked like the body. */
  query?: QueryName;
  request?: SchemaName;
  responses: Record<number, { description: string; schema?: SchemaName }>;
}

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((s) => [s, { description: ERROR_TEXT[s] ?? 'Error', schema: 'ErrorBody' as const }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'validation_failed or idempotency_key_required',
  401: 'unauthorized, lookup_expired or session_expired',
  403: 'forbidden',
  402: 'card_declined, insufficient_funds, account_closed or payment_declined',
  404: 'not found',
  409:
    'idempotency_key_in_flight, payment_being_confirmed (another payment of the bill awaits confirmation), idempotency_key_closed (a status check already answered that nothing was charged under this key), invoice_not_payable, account_already_registered, ' +
    'payment_method_in_use, no_payment_method, no_invoicecloud_login (every account the host listed is registered to another login: the session has no login to act through), ' +
    "or no_portal_account (POST /sso: none of the session's accounts is registered any more, so there is no portal page to open)",
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'idempotency_key_reused: same key, different request',
  429: 'rate_limited (see Retry-After)',
  502: 'upstream_unavailable, upstream_invalid, or payment_not_completed (only once the payment was confirmed never made)',
  503: 'upstream_unavailable',
  504: 'upstream_timeout',
};

export const operations = {
  lookupGuestAccount: {
    method: 'post',
    path: '/guest/lookup',
    summary: 'Find an account and its open bills by account number and last name (One Time Payment, step 1).',
    auth: 'public',
    request: 'GuestLookupRequest',
    responses: { 200: { description: 'Account found', schema: 'GuestLookupResponse' }, ...errors(400, 404, 413, 415, 429, 502, 504) },
  },
  payAsGuest: {
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
  getGuestPayment: {
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
  openSession: {
    method: 'post',
    path: '/sessions',
    summary: 'Server to server: open a session for a user the host has signed in (seed: User Access).',
    auth: 'host',
    request: 'SessionRequest',
    responses: { 200: { description: 'Session opened', schema: 'SessionResponse' }, ...errors(400, 401, 413, 415, 502, 504) },
  },
  registerUser: {
    method: 'post',
    path: '/registrations',
    summary: 'Server to server: register a user who signed up with the host, and open a session (seed: User Registration).',
    auth: 'host',
    request: 'SessionRequest',
    responses: { 200: { description: 'Registered; session opened', schema: 'SessionResponse' }, ...errors(400, 401, 413, 415, 502, 504) },
  },
  endSession: {
    method: 'delete',
    path: '/sessions/current',
    summary: 'Sign out: end this session.',
    auth: 'session',
    responses: { 204: { description: 'Signed out' }, ...errors(401) },
  },
  getMe: {
    method: 'get',
    path: '/me',
    summary: 'The signed-in user, the accounts they may see (synced from InvoiceCloud), and what became of each account the host listed.',
    auth: 'session',
    responses: { 200: { description: 'The user', schema: 'MeResponse' }, ...errors(401, 502, 504) },
  },
  updateCredentials: {
    method: 'put',
    path: '/me/credentials',
    summary: 'Bring InvoiceCloud along after the user changed email or password in the host (seed: Update Email and Password).',
    auth: 'session',
    request: 'CredentialsRequest',
    responses: {
      200: { description: 'Changed, or a verification email sent', schema: 'CredentialsResponse' },
      ...errors(400, 401, 409, 413, 415, 502, 504),
    },
  },
  openPortalPage: {
    method: 'post',
    path: '/sso',
    summary:
      "A fresh single-use CloudSSO URL for one InvoiceCloud portal page of one of the user's accounts (the first when none is named), to frame in a page of an allowed origin.",
    auth: 'session',
    request: 'SsoRequest',
    responses: { 200: { description: 'The URL', schema: 'SsoResponse' }, ...errors(400, 401, 403, 404, 409, 413, 415, 502, 504) },
  },
  previewVerification: {
    method: 'post',
    path: '/verifications/preview',
    summary: "What approving an emailed verification link will change (the link's token in the body, never in a URL).",
    auth: 'public',
    request: 'VerificationPreview',
    responses: { 200: { description: 'The pending change', schema: 'VerificationInfo' }, ...errors(400, 404, 413, 415) },
  },
  approveVerification: {
    method: 'post',
    path: '/verifications/approve',
    summary: 'Approve the change (once). A password change asks for the new password again.',
    auth: 'public',
    request: 'VerificationApproval',
    responses: { 200: { description: 'Changed in InvoiceCloud' }, ...errors(400, 404, 413, 415, 502, 504) },
  },
  listAccounts: {
    method: 'get',
    path: '/accounts',
    summary: 'The accounts the user may see and act on (synced copy).',
    auth: 'session',
    responses: { 200: { description: 'The accounts', schema: 'AccountsResponse' }, ...errors(401, 502, 504) },
  },
  linkAccount: {
    method: 'post',
    path: '/accounts/links',
    summary: 'Link Accounts: add an account, proven by the last name on it.',
    auth: 'session',
    request: 'LinkAccountRequest',
    responses: { 200: { description: 'The accounts now', schema: 'AccountsResponse' }, ...errors(400, 401, 404, 409, 413, 415, 502, 504) },
  },
  unregisterAccount: {
    method: 'delete',
    path: '/accounts/{account}',
    summary:
      'Unregister Accounts: also removes every account linked under it (InvoiceCloud has no unlink). A sign-in does not register them again until the host lists them in reRegister.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers" },
    responses: { 200: { description: 'Every account unregistered', schema: 'UnregisterResponse' }, ...errors(401, 404, 502, 504) },
  },
  listBills: {
    method: 'get',
    path: '/accounts/{account}/bills',
    summary: 'Bills and a page of payment history.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers" },
    query: 'BillsQuery',
    responses: { 200: { description: 'Bills and payments', schema: 'BillsResponse' }, ...errors(400, 401, 404, 502, 504) },
  },
  payBill: {
    method: 'post',
    path: '/accounts/{account}/payments',
    summary: 'Pay a bill with a saved or a new method. Exactly once per Idempotency-Key.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers" },
    idempotent: true,
    request: 'BillPaymentRequest',
    responses: {
      200: { description: 'Paid: the receipt', schema: 'PaymentResult' },
      202: { description: 'Outcome not known yet: ask GET /accounts/{account}/payments/{key} after Retry-After', schema: 'PaymentResult' },
      ...errors(400, 401, 402, 404, 409, 413, 415, 422, 502, 503, 504),
    },
  },
  getBillPayment: {
    method: 'get',
    path: '/accounts/{account}/payments/{key}',
    summary: 'Where a bill payment attempt stands.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers", key: 'The Idempotency-Key of the attempt' },
    responses: {
      200: { description: 'Paid: the receipt', schema: 'PaymentResult' },
      202: { description: 'Still being confirmed', schema: 'PaymentResult' },
      ...errors(400, 401, 402, 404, 409, 502),
    },
  },
  updateAutopay: {
    method: 'put',
    path: '/accounts/{account}/autopay',
    summary: 'Update AutoPay; with newMethod, store it first and enroll with it.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers" },
    request: 'AutopayRequest',
    responses: { 200: { description: 'The account now', schema: 'SyncedAccount' }, ...errors(400, 401, 402, 404, 409, 413, 415, 502, 504) },
  },
  updatePaperless: {
    method: 'put',
    path: '/accounts/{account}/paperless',
    summary: 'Update Paperless.',
    auth: 'session',
    pathParams: { account: "One of the user's account numbers" },
    request: 'PaperlessRequest',
    responses: { 200: { description: 'The account now', schema: 'SyncedAccount' }, ...errors(400, 401, 404, 413, 415, 502, 504) },
  },
  listPaymentMethods: {
    method: 'get',
    path: '/payment-methods',
    summary: 'The saved payment methods (synced copy).',
    auth: 'session',
    responses: { 200: { description: 'The methods', schema: 'PaymentMethodsResponse' }, ...errors(401, 502, 504) },
  },
  storePaymentMethod: {
    method: 'post',
    path: '/payment-methods',
    summary: 'Store User Credit or ACH Banking.',
    auth: 'session',
    request: 'StoreMethodRequest',
    responses: { 201: { description: 'Stored', schema: 'SavedMethod' }, ...errors(400, 401, 402, 409, 413, 415, 502, 504) },
  },
  updatePaymentMethod: {
    method: 'patch',
    path: '/payment-methods/{id}',
    summary: "Change a card's expiry or a nickname, or make it the default.",
    auth: 'session',
    pathParams: { id: 'A saved method id' },
    request: 'UpdateMethodRequest',
    responses: { 200: { description: 'Updated', schema: 'SavedMethod' }, ...errors(400, 401, 404, 413, 415, 502, 504) },
  },
  removePaymentMethod: {
    method: 'delete',
    path: '/payment-methods/{id}',
    summary: 'Remove a saved method (refused while AutoPay uses it).',
    auth: 'session',
    pathParams: { id: 'A saved method id' },
    responses: { 204: { description: 'Removed' }, ...errors(401, 404, 409, 502, 504) },
  },
} satisfies Record<string, Omit<RouteSpec, 'operationId'>>;

/** The routes by operationId, for the broker to serve one by name. */
export type Operations = typeof operations;
/** Every route, in the order above. */
export const routes: RouteSpec[] = Object.entries(operations).map(([operationId, route]) => ({ operationId, ...route }));

/** The security scheme of each kind of caller; a public route names none (`security: []`). */
const SECURITY = { public: undefined, lookup: 'lookupToken', session: 'sessionToken', host: 'hostKey' } as const;

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
      ...Object.entries(r.pathParams ?? {}).map(([name, description]) => ({
        name,
        in: 'path',
        required: true,
        description,
        schema: { type: 'string' },
      })),
      ...(r.query ? queryParameters(querySchemas[r.query]) : []),
      ...(r.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'One new key per payment attempt; reuse it to retry the same attempt.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
            },
          ]
        : []),
    ];
    const scheme = SECURITY[r.auth];
    (paths[r.path] ??= {})[r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      // Said for every operation, `[]` included: a document-wide default would hide a route that forgot its own.
      security: scheme ? [{ [scheme]: [] }] : [],
      ...(parameters.length ? { parameters } : {}),
      ...(r.request
        ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.request}` } } } } }
        : {}),
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
      // As package.json says: the broker is not licensed for use outside the project.
      license: { name: 'UNLICENSED' },
      description:
        'The contract between the ic-widgets elements and their broker. Money is integer cents. Every error answers { error: { code, message, requestId } }.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: components,
      securitySchemes: {
        lookupToken: { type: 'http', scheme: 'bearer', description: 'The lookupToken from POST /guest/lookup' },
        sessionToken: { type: 'http', scheme: 'bearer', description: 'The token from POST /sessions' },
        hostKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-IC-Host-Key',
          description: "The host backend's API key; never sent from a browser",
        },
      },
    },
    paths,
  };
}

/** Each property of a query schema as a query parameter; what has a default may be left out. */
function queryParameters(schema: z.ZodMiniType) {
  const { properties = {}, required = [] } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    description,
    schema: property,
  }));
}
