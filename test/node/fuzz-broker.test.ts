/**
 * Property-based requests against every broker route (src/contract/routes.ts),
 * over a real socket, against the real sandbox. Whatever arrives — garbage
 * JSON, wrong content types, odd headers, odd path segments and queries — the
 * broker answers below 500, in time, with the one error body, and without
 * echoing a card number. Requests that could change InvoiceCloud state if
 * they were well formed are generated malformed only, so the sandbox must
 * end the run exactly as it started.
 *
 * Deterministic: a fixed seed (FUZZ_SEED / FUZZ_RUNS override it for a deeper
 * local run). Counterexamples name tokens by placeholder ({session},
 * {lookup}, {host}), never by value.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import {
  AutopayRequest,
  BillPaymentRequest,
  CredentialsRequest,
  ErrorBody,
  GuestLookupRequest,
  GuestPaymentRequest,
  IdempotencyKey,
  LinkAccountRequest,
  PaperlessRequest,
  SessionRequest,
  SsoRequest,
  StoreMethodRequest,
  UpdateMethodRequest,
  VerificationApproval,
  VerificationPreview,
} from '../../src/contract/index.ts';
import { routes } from '../../src/contract/routes.ts';
import { TEST_HOST_KEY } from '../support/stack.ts';
import { StackFixture } from './stack-fixture.ts';
import { request, WRITE_OPERATIONS } from './http.ts';
import { bank, visa } from '../support/cards.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_251_125);
/** Multiplies every group's run count (1 in CI). */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
fc.configureGlobal({ seed: SEED, endOnFailure: true, includeErrorInReport: true });
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });

/** A hang is a failure, not a stuck CI job. */
const REQUEST_TIMEOUT_MS = 5_000;
/** The broker's default maxBodyBytes (options.ts); bodies are generated on both sides of it. */
const BODY_LIMIT = 16 * 1024;

const JOHN = { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] };
const OWN_ACCOUNTS = ['100200301', '100200302'];
const OTHER_ACCOUNTS = ['100200300', '100200303', '100200304', '100200305', '999999999'];
const FIXTURE_ACCOUNTS = ['100200300', '100200301', '100200302', '100200303', '100200304', '100200305'];

const ERROR_KEYS = new Set(['code', 'message', 'requestId', 'retryable', 'fields']);

// ---------------------------------------------------------------------------
// The stack, the tokens the placeholders stand for, and a raw HTTP client
// (fetch would normalise paths and refuse some header bytes we want to send).

const stack = new StackFixture();
let brokerHost: { hostname: string; port: string };
let sessionToken = '';
let lookupToken = '';
let ownMethodId = '';
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

const signInJohn = () => stack.signIn(JOHN);

interface Case {
  method: string;
  /** Path and query after /api/v1, already encoded as it goes on the wire. */
  path: string;
  /** Values may hold {session}, {fresh}, {lookup} or {host}: resolved when sent. */
  headers: Record<string, string>;
  body?: string | number[];
  /** Send without Content-Length (chunked). */
  chunked: boolean;
}

/** Counterexamples stay readable: long runs are printed as a count, not spelled out. */
function readable(c: Case): Case {
  const short = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'string' ? x.replace(/(.)\1{40,}/gsu, (run, ch: string) => `${ch}×${[...run].length}`) : x,
    );
  return Object.defineProperty(c, fc.toStringMethod, { value: () => short(c), enumerable: false });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

async function resolvePlaceholders(value: string): Promise<string> {
  let out = value.replaceAll('{session}', sessionToken).replaceAll('{lookup}', lookupToken).replaceAll('{host}', TEST_HOST_KEY);
  // A token of its own, for the one route that ends the session it is given.
  if (out.includes('{fresh}')) out = out.replaceAll('{fresh}', await signInJohn());
  return out;
}

async function send(c: Case): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers)) headers[k] = await resolvePlaceholders(v);
  const body = c.body === undefined ? undefined : typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : Buffer.from(c.body);
  // Node frames a body without Content-Length as chunked only for some methods: say so for all.
  if (body) headers[c.chunked ? 'transfer-encoding' : 'content-length'] = c.chunked ? 'chunked' : String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: brokerHost.hostname, port: brokerHost.port, method: c.method, path: `/api/v1${c.path}`, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Every card-number-like run of digits the request carries (X-Request-Id aside: see below). */
function cardLikeInputs(c: Case): string[] {
  const { 'x-request-id': _own, ...headers } = c.headers;
  const body = c.body === undefined ? '' : typeof c.body === 'string' ? c.body : Buffer.from(c.body).toString('latin1');
  const haystack = [c.path, decodeLoosely(c.path), ...Object.values(headers), body].join('\n');
  const found = new Set<string>();
  for (const m of haystack.matchAll(/\d(?:[ -]?\d){12,18}/g)) {
    found.add(m[0]);
    found.add(m[0].replace(/[ -]/g, ''));
  }
  return [...found];
}

function decodeLoosely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Outcomes seen, by status and error code: shows the fuzz got past the outer checks. */
const outcomes = new Map<string, number>();

/** The properties every answer has, whatever was asked. */
function checkAnswer(c: Case, a: Answer): void {
  assert.ok(a.status < 500, `HTTP ${a.status}: ${a.text.slice(0, 300)}`);
  const requestId = a.headers['x-request-id'];
  assert.ok(typeof requestId === 'string' && requestId.length > 0, `HTTP ${a.status} without X-Request-Id: ${a.text.slice(0, 200)}`);
  if (a.status >= 300 && c.method !== 'HEAD') {
    let body: any;
    assert.doesNotThrow(() => (body = JSON.parse(a.text)), `HTTP ${a.status} answered a body that is not JSON`);
    assert.deepEqual(Object.keys(body ?? {}), ['error'], `HTTP ${a.status}: the body is not the error shape`);
    assert.ok(ErrorBody.safeParse(body).success, `HTTP ${a.status}: error body fails the contract (code ${String(body.error?.code)})`);
    for (const key of Object.keys(body.error)) assert.ok(ERROR_KEYS.has(key), `unexpected error field ${key}`);
    assert.equal(body.error.requestId, requestId, 'requestId in the body is the X-Request-Id header');
    outcomes.set(`${a.status} ${body.error.code}`, (outcomes.get(`${a.status} ${body.error.code}`) ?? 0) + 1);
  } else {
    outcomes.set(String(a.status), (outcomes.get(String(a.status)) ?? 0) + 1);
  }
  // A client's own X-Request-Id is echoed on purpose (a correlation id in [\w=-]); it is left out above.
  for (const digits of cardLikeInputs(c)) assert.ok(!a.text.includes(digits), `HTTP ${a.status} echoed a card-number-like input`);
}

// ---------------------------------------------------------------------------
// Arbitraries.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Builds a Luhn-valid number from its leading digits (the check digit computed from the right). */
function withCheckDigit(digits: number[]): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

const TEST_PANS = ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4000000000000002', '4000000000009995'];
const cardLike = fc.oneof(
  fc.constantFrom(...TEST_PANS),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map(withCheckDigit),
  fc.constantFrom('4111 1111 1111 1111', '4111-1111-1111-1111', '3782 822463 10005'),
);

/** One character a header value may carry on the wire (latin-1, no CR/LF/NUL). */
const headerChar = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0x21, max: 0x7e }), weight: 8 },
    { arbitrary: fc.integer({ min: 0xa0, max: 0xff }), weight: 2 },
    { arbitrary: fc.constantFrom(0x20, 0x09), weight: 1 },
  )
  .map((n) => String.fromCharCode(n));
const headerText = (maxLength = 64) => fc.string({ unit: headerChar, maxLength });

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  'a\ud83dz',
  '\ud83d\ude00',
  '👩‍👩‍👧‍👦',
  '\u202eevil\u202c',
  'שלום עולם',
  'مرحبا',
  '\ufeffBOM',
  'Ｄｏｅ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '${7*7}{{7*7}}',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '__proto__',
  'constructor',
];

const oddString = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme' }), weight: 2 },
  { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 4 },
  { arbitrary: cardLike, weight: 2 },
  // Near and past the body limit.
  { arbitrary: fc.integer({ min: 100, max: 2.5 * BODY_LIMIT }).map((n) => 'é'.repeat(n)), weight: 1 },
);

const oddNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    -0,
    0,
    0.5,
    -1,
    1,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    1e-300,
    100_000_001,
    1_000_001,
    8420,
    12,
    2030,
    2101,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A JSON value whose own key may be __proto__ or constructor: set as data, never as a prototype. */
function withOwnKey(target: { [k: string]: Json }, key: string, value: Json) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const POLLUTING = JSON.parse('{"polluted":true,"isAdmin":true,"enabled":true,"kind":"saved","toString":"x"}') as { [k: string]: Json };
const oddKey = fc.oneof(
  {
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isAdmin', ''),
    weight: 3,
  },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: oddString, weight: 5 },
  { arbitrary: oddNumber, weight: 3 },
  { arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { kind: 'card' }, { kind: 'saved', id: '' }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 2 },
  { arbitrary: fc.constant(withOwnKey({}, '__proto__', POLLUTING)), weight: 1 },
  { arbitrary: fc.constant(withOwnKey({}, 'constructor', { prototype: POLLUTING })), weight: 1 },
);

/** Paths to every key of a JSON object (nested objects included). */
function keyPaths(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

type Mutation =
  { op: 'delete' | 'set'; path: string[]; value: Json } | { op: 'add'; path: string[]; key: string; value: Json } | { op: 'wrap' };

function applyMutation(body: Json, m: Mutation): Json {
  if (m.op === 'wrap') return [body];
  const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
  let parent: Json = body;
  for (const k of parentPath) {
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return body;
    // Own keys only: walking into an inherited __proto__ would edit Object.prototype of this process.
    parent = Object.hasOwn(parent, k) ? (parent as { [k: string]: Json })[k]! : null;
  }
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return body;
  const obj = parent as { [k: string]: Json };
  // A copy: generated values are shared between runs, and one edited in place could even come to contain itself.
  const value = structuredClone(m.value);
  if (m.op === 'add') withOwnKey(obj, m.key, value);
  else if (m.op === 'delete') delete obj[m.path.at(-1)!];
  else withOwnKey(obj, m.path.at(-1)!, value);
  return body;
}

/** A valid body with one to three things wrong with it: gets past the outer checks into the inner ones. */
function mutated(base: Json): fc.Arbitrary<Json> {
  const paths = keyPaths(base);
  const objects = [
    [],
    ...paths.filter((p) => {
      let v: Json = base;
      for (const k of p) v = (v as { [k: string]: Json })[k]!;
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    }),
  ];
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...paths), value: oddValue }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...paths), value: fc.constant(null) }), weight: 2 },
    {
      arbitrary: fc.record({ op: fc.constant('add' as const), path: fc.constantFrom(...objects), key: oddKey, value: oddValue }),
      weight: 2,
    },
    { arbitrary: fc.constant({ op: 'wrap' as const }), weight: 1 },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(applyMutation, structuredClone(base)));
}

/** JSON texts JSON.stringify never writes. */
const RAW_JSON = [
  '',
  ' ',
  '{',
  '}',
  '[]',
  '""',
  'null',
  'true',
  '-0',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '{"a":1,"a":2}',
  '{"amountCents":-0}',
  '{"amountCents":1e400}',
  '{"amountCents":"8420"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\ufeff{}',
  '{"x":"\\ud800"}',
  "{'single':'quotes'}",
  '{"trailing":1,}',
];

const deepNesting = fc
  .integer({ min: 100, max: 9_000 })
  .chain((n) => fc.constantFrom('['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n)));

type Body = string | number[];

/** Bodies for a route: mostly its own body, mutated; also any JSON, raw text, raw bytes, huge and deep. */
function bodyFor(base: Json | undefined): fc.Arbitrary<Body> {
  const own =
    base === undefined
      ? []
      : [
          { arbitrary: mutated(base).map((v) => JSON.stringify(v)), weight: 8 },
          { arbitrary: fc.constant(JSON.stringify(base)), weight: 1 },
        ];
  return fc.oneof(
    ...own,
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_JSON), weight: 2 },
    { arbitrary: deepNesting, weight: 1 },
    { arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }), weight: 1 },
    {
      arbitrary: fc.integer({ min: BODY_LIMIT - 64, max: 3 * BODY_LIMIT }).map((n) => JSON.stringify({ lastName: 'x'.repeat(n) })),
      weight: 1,
    },
  );
}

/** A path segment as it goes on the wire: encoded text, or raw oddities the URL parser must survive. */
const ODD_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%',
  '%ZZ',
  '%00',
  '%2F',
  '%2f..%2f',
  '%C0%AE',
  '%E0%A4%A',
  '%ff',
  '%u2215',
  ';',
  ',',
  "'",
  '~',
  '!',
  '*',
  '(',
  ')',
  '@',
  ':',
  '$',
  '+',
  '=',
  '%20',
  '%0A',
];
const encoded = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return 'x';
  }
};
const oddSegment = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).map(encoded), weight: 3 },
  { arbitrary: fc.constantFrom(...ODD_SEGMENTS), weight: 3 },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{1,40}$/), weight: 2 },
  { arbitrary: fc.integer({ min: 200, max: 4_000 }).map((n) => 'a'.repeat(n)), weight: 1 },
  { arbitrary: cardLike.map(encoded), weight: 2 },
);

const QUERY_VALUES = ['', '1', '10', '50', '51', '0', '-1', '5.5', '1e308', '-0', 'NaN', 'Infinity', '0x10', '%20', '%', 'PAY-0000000001'];
const query = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  {
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('limit', 'before', 'account', '__proto__', 'limit[]', ''), oddSegment),
          fc.oneof(fc.constantFrom(...QUERY_VALUES), oddSegment),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('?', '?&&==', '?limit', '?limit=5&limit=abc', '?#frag'), weight: 1 },
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=utf-16'];
const OTHER_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json-patch+json',
  'application/vnd.api+json',
  ' application/json',
  '',
  '*/*',
];
/** Mostly JSON, so that most bodies are read; the rest must all be refused with 415. */
const contentType = fc.option(
  fc.oneof(
    { arbitrary: fc.constantFrom(...JSON_TYPES), weight: 6 },
    { arbitrary: fc.constantFrom(...OTHER_TYPES), weight: 2 },
    { arbitrary: headerText(40), weight: 1 },
  ),
  { freq: 12 },
);

const GARBAGE_AUTH = [
  '',
  'Bearer',
  'Bearer ',
  'Bearer  ',
  'Basic dXNlcjpwYXNz',
  'Token {session}',
  'Bearer {session} extra',
  'Bearer {session}x',
  'Bearer x{session}',
  'Bearer {lookup}',
  'Bearer {session}',
  'Bearer {host}',
  `Bearer ${'a'.repeat(6_000)}`,
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMDAyMDAzMDAiLCJ0eXAiOiJpYy1ndWVzdC1sb29rdXAifQ.',
];
const garbageAuth = fc.oneof(
  { arbitrary: fc.constantFrom(...GARBAGE_AUTH), weight: 3 },
  { arbitrary: headerText().map((t) => `Bearer ${t}`), weight: 2 },
  { arbitrary: headerText(), weight: 1 },
);
/** Half the cases carry the credential the route wants (so inner validation runs), half anything else. */
const authFor = (placeholder: string): fc.Arbitrary<string | null> =>
  fc.oneof(fc.constantFrom<string | null>(`Bearer ${placeholder}`, `bearer   ${placeholder}`), fc.option(garbageAuth, { freq: 4 }));

const idempotencyKey = fc.option(
  fc.oneof(
    { arbitrary: fc.uuid(), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '',
        'short',
        'a'.repeat(129),
        'a'.repeat(128),
        'abc defgh',
        'key/with/slash',
        'clé-clé-clé',
        '4111111111111111',
        '../../../..',
      ),
      weight: 2,
    },
    { arbitrary: headerText(200), weight: 2 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,140}$/), weight: 2 },
  ),
  { freq: 6 },
);

const hostKey = fc.option(
  fc.oneof(
    { arbitrary: fc.constant('{host}'), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '',
        `${TEST_HOST_KEY}x`,
        TEST_HOST_KEY.slice(0, -1),
        TEST_HOST_KEY.toUpperCase(),
        ` {host} `,
        '{session}',
        'Bearer {host}',
      ),
      weight: 2,
    },
    { arbitrary: headerText(), weight: 2 },
  ),
  { freq: 6 },
);

const ORIGINS = [
  'http://portal.example',
  'https://portal.example:8443',
  'null',
  '',
  'file://',
  'http://portal.example/',
  'http://portal.example/path',
  'javascript:alert(1)',
  'HTTP://PORTAL.EXAMPLE',
  'http://user:pw@portal.example',
  'http://[::1]',
  'http://xn--nxasmq6b.example',
  'ws://portal.example',
  'http://portal.example:99999',
];
const origin = fc.option(fc.oneof({ arbitrary: fc.constantFrom(...ORIGINS), weight: 3 }, { arbitrary: headerText(), weight: 1 }), {
  freq: 6,
});

/** Extra headers a client or proxy may add; none of them may matter. */
const extraHeaders = fc.record(
  {
    'x-request-id': fc.oneof(fc.uuid(), fc.stringMatching(/^[\w=-]{1,300}$/), headerText()),
    'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'garbage', ''), headerText()),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', ''),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------
// Routes as the fuzzer drives them.

interface FuzzRoute {
  /** `${METHOD} ${path}` exactly as in src/contract/routes.ts. */
  route: string;
  /** Which credential the route wants: the placeholder that stands for it. */
  credential?: '{session}' | '{fresh}' | '{lookup}' | '{host}';
  params?: Record<string, fc.Arbitrary<string>>;
  idempotent?: boolean;
  body?: { schema: z.ZodMiniType; base: Json };
  /**
   * Whether a well-formed request with these path segments could change
   * InvoiceCloud state; if so, only malformed requests are sent.
   */
  writes?: (segments: Record<string, string>) => boolean;
  origin?: boolean;
}

const ALWAYS = () => true;
const mentionsOwn = (ids: string[]) => (segments: Record<string, string>) =>
  Object.values(segments).some((s) => ids.some((id) => decodeLoosely(s).includes(id)));

/** Decides, leaning towards "yes", whether a request would pass every check the broker makes before it writes. */
function wellFormed(r: FuzzRoute, c: Case): boolean {
  const header = (name: string) => (c.headers[name] ?? '').trim();
  if (r.credential === '{host}') {
    if (!header('x-ic-host-key').includes('{host}')) return false;
  } else if (r.credential && !header('authorization').includes(r.credential)) {
    return false;
  }
  if (r.idempotent && !IdempotencyKey.safeParse(header('idempotency-key')).success) return false;
  if (!r.body) return true;
  if (c.body === undefined || !/application\/json/i.test(header('content-type'))) return false;
  const bytes = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : Buffer.from(c.body);
  if (bytes.length > BODY_LIMIT) return false;
  try {
    // As the broker reads it: UTF-8, a leading BOM dropped.
    return r.body.schema.safeParse(JSON.parse(new TextDecoder().decode(bytes))).success;
  } catch {
    return false;
  }
}

function caseFor(r: FuzzRoute): fc.Arbitrary<Case> {
  const [method, template] = r.route.split(' ') as [string, string];
  return fc
    .record({
      segments: fc.record(r.params ?? {}),
      query,
      authorization: r.credential && r.credential !== '{host}' ? authFor(r.credential) : fc.option(garbageAuth, { freq: 2 }),
      hostKey: r.credential === '{host}' ? hostKey : fc.constant(null),
      key: r.idempotent ? idempotencyKey : fc.option(idempotencyKey, { freq: 8 }),
      contentType,
      body: r.body ? fc.option(bodyFor(r.body.base), { freq: 10 }) : fc.option(bodyFor(undefined), { freq: 5 }),
      origin: r.origin ? origin : fc.constant(null),
      extra: extraHeaders,
      chunked: fc.boolean(),
    })
    .map(({ segments, query: q, authorization: given, hostKey: key, key: idem, contentType: type, body, origin: o, extra, chunked }) => {
      // Sign-out ends the session it is given: never the one the other groups share.
      const authorization = r.credential === '{fresh}' ? (given?.replaceAll('{session}', '{fresh}') ?? null) : given;
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => segments[name]!) + q;
      const headers: Record<string, string> = { ...(extra as Record<string, string>) };
      if (authorization !== null) headers.authorization = authorization;
      if (key !== null) headers['x-ic-host-key'] = key;
      if (idem !== null && idem !== undefined) headers['idempotency-key'] = idem as string;
      if (type !== null) headers['content-type'] = type;
      if (o !== null) headers.origin = o;
      const c: Case = readable({ method: method.toUpperCase(), path, headers, chunked, ...(body !== null ? { body } : {}) });
      return { c, segments };
    })
    .filter(({ c, segments }) => !(r.writes?.(segments) && wellFormed(r, c)))
    .map(({ c }) => c);
}

const accountSegment = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...OWN_ACCOUNTS), weight: 3 },
    { arbitrary: fc.constantFrom(...OTHER_ACCOUNTS), weight: 1 },
    { arbitrary: oddSegment, weight: 2 },
  );
/** Never one of the user's own accounts: a well-formed DELETE of one would unregister it. */
const foreignAccountSegment = () =>
  fc.oneof(fc.constantFrom(...OTHER_ACCOUNTS), oddSegment).filter((s) => !OWN_ACCOUNTS.some((a) => decodeLoosely(s).includes(a)));
const keySegment = () => fc.oneof(fc.uuid(), oddSegment, fc.stringMatching(/^[A-Za-z0-9_.:-]{8,20}$/));

const GROUP_NAMES = [
  'guest look-up',
  'guest payments and their status',
  'host routes: sessions and registrations',
  'sign-out',
  'me, credentials and SSO',
  'verification links',
  'accounts, links, unregister, bills',
  'bill payments and their status',
  'AutoPay and paperless',
  'saved payment methods',
];

interface Group {
  name: string;
  numRuns: number;
  routes: FuzzRoute[];
  /** Outcomes the run must have produced ("status code"): proof it reached past authentication into validation. */
  reaches: string[];
}

function groups(): Group[] {
  const methodSegment = fc.oneof(fc.constant(ownMethodId), fc.constantFrom('PM-0000000000', 'PM-9999999999'), oddSegment);
  const foreignMethodSegment = fc
    .oneof(fc.constantFrom('PM-0000000000', 'PM-9999999999'), oddSegment)
    .filter((s) => !decodeLoosely(s).includes(ownMethodId));
  const card = visa();
  return [
    {
      name: 'guest look-up',
      reaches: ['200', '400 validation_failed', '404 account_not_found', '413 payload_too_large', '415 unsupported_media_type'],
      numRuns: 200,
      // Read-only upstream: even well-formed look-ups are sent.
      routes: [
        { route: 'post /guest/lookup', body: { schema: GuestLookupRequest, base: { accountNumber: '100200300', lastName: 'Doe' } } },
      ],
    },
    {
      name: 'guest payments and their status',
      reaches: [
        '400 idempotency_key_required',
        '400 validation_failed',
        '401 unauthorized',
        '401 lookup_expired',
        '404 not_found',
        '413 payload_too_large',
        '415 unsupported_media_type',
      ],
      numRuns: 250,
      routes: [
        {
          route: 'post /guest/payments',
          credential: '{lookup}',
          idempotent: true,
          body: {
            schema: GuestPaymentRequest,
            base: { invoiceNumber: 'INV-1001', amountCents: 8420, method: card, email: 'jane.doe@example.com' },
          },
          writes: ALWAYS,
        },
        { route: 'get /guest/payments/{key}', credential: '{lookup}', params: { key: keySegment() } },
      ],
    },
    {
      name: 'host routes: sessions and registrations',
      reaches: ['400 validation_failed', '401 unauthorized', '415 unsupported_media_type'],
      numRuns: 200,
      routes: [
        { route: 'post /sessions', credential: '{host}', body: { schema: SessionRequest, base: JOHN }, writes: ALWAYS },
        {
          route: 'post /registrations',
          credential: '{host}',
          body: { schema: SessionRequest, base: { ...JOHN, accountNumbers: ['100200304'] } },
          writes: ALWAYS,
        },
      ],
    },
    {
      name: 'sign-out',
      reaches: ['204', '401 unauthorized', '401 session_expired'],
      numRuns: 60,
      routes: [{ route: 'delete /sessions/current', credential: '{fresh}' }],
    },
    {
      name: 'me, credentials and SSO',
      reaches: ['200', '400 validation_failed', '401 unauthorized', '401 session_expired', '403 forbidden'],
      numRuns: 250,
      routes: [
        { route: 'get /me', credential: '{session}' },
        {
          route: 'put /me/credentials',
          credential: '{session}',
          body: {
            schema: CredentialsRequest,
            base: { currentPassword: 'meter-demo-1', newEmail: 'john.new@example.com', newPassword: 'a-new-password-1' },
          },
          writes: ALWAYS,
        },
        // CloudSSO hands out a page, it changes nothing: well-formed requests are sent too, with odd Origins.
        { route: 'post /sso', credential: '{session}', body: { schema: SsoRequest, base: { target: 'pay-by-text' } }, origin: true },
      ],
    },
    {
      name: 'verification links',
      reaches: ['400 validation_failed', '404 not_found'],
      numRuns: 100,
      // No link was ever mailed in this run, so no token can be live.
      routes: [
        { route: 'post /verifications/preview', body: { schema: VerificationPreview, base: { token: 'a'.repeat(43) } } },
        {
          route: 'post /verifications/approve',
          body: { schema: VerificationApproval, base: { token: 'a'.repeat(43), newPassword: 'a-new-password-1' } },
        },
      ],
    },
    {
      name: 'accounts, links, unregister, bills',
      reaches: ['200', '400 validation_failed', '401 unauthorized', '404 account_not_found'],
      numRuns: 250,
      routes: [
        { route: 'get /accounts', credential: '{session}' },
        {
          route: 'post /accounts/links',
          credential: '{session}',
          body: { schema: LinkAccountRequest, base: { accountNumber: '100200305', lastName: 'Smith' } },
          writes: ALWAYS,
        },
        {
          route: 'delete /accounts/{account}',
          credential: '{session}',
          params: { account: foreignAccountSegment() },
          writes: mentionsOwn(OWN_ACCOUNTS),
        },
        { route: 'get /accounts/{account}/bills', credential: '{session}', params: { account: accountSegment() } },
      ],
    },
    {
      name: 'bill payments and their status',
      reaches: ['400 idempotency_key_required', '400 validation_failed', '404 account_not_found', '404 not_found'],
      numRuns: 250,
      routes: [
        {
          route: 'post /accounts/{account}/payments',
          credential: '{session}',
          params: { account: accountSegment() },
          idempotent: true,
          body: {
            schema: BillPaymentRequest,
            base: { invoiceNumber: 'INV-2001', amountCents: 100, method: { kind: 'saved', id: ownMethodId } },
          },
          writes: mentionsOwn(OWN_ACCOUNTS),
        },
        {
          route: 'post /accounts/{account}/payments',
          credential: '{session}',
          params: { account: accountSegment() },
          idempotent: true,
          body: { schema: BillPaymentRequest, base: { invoiceNumber: 'INV-2001', amountCents: 100, method: bank() } },
          writes: mentionsOwn(OWN_ACCOUNTS),
        },
        {
          route: 'get /accounts/{account}/payments/{key}',
          credential: '{session}',
          params: { account: accountSegment(), key: keySegment() },
        },
      ],
    },
    {
      name: 'AutoPay and paperless',
      reaches: ['400 validation_failed', '404 account_not_found', '401 unauthorized'],
      numRuns: 200,
      routes: [
        {
          route: 'put /accounts/{account}/autopay',
          credential: '{session}',
          params: { account: accountSegment() },
          body: { schema: AutopayRequest, base: { enabled: true, newMethod: { method: card, nickname: 'Main', makeDefault: true } } },
          writes: mentionsOwn(OWN_ACCOUNTS),
        },
        {
          route: 'put /accounts/{account}/paperless',
          credential: '{session}',
          params: { account: accountSegment() },
          body: { schema: PaperlessRequest, base: { enabled: false } },
          writes: mentionsOwn(OWN_ACCOUNTS),
        },
      ],
    },
    {
      name: 'saved payment methods',
      reaches: ['200', '400 validation_failed', '404 not_found', '401 unauthorized'],
      numRuns: 250,
      routes: [
        { route: 'get /payment-methods', credential: '{session}' },
        {
          route: 'post /payment-methods',
          credential: '{session}',
          body: { schema: StoreMethodRequest, base: { method: card, nickname: 'Main', makeDefault: false } },
          writes: ALWAYS,
        },
        {
          route: 'patch /payment-methods/{id}',
          credential: '{session}',
          params: { id: methodSegment },
          body: { schema: UpdateMethodRequest, base: { expMonth: 11, expYear: 2031, nickname: 'Everyday', makeDefault: true } },
          writes: mentionsOwn([ownMethodId]),
        },
        {
          route: 'delete /payment-methods/{id}',
          credential: '{session}',
          params: { id: foreignMethodSegment },
          writes: mentionsOwn([ownMethodId]),
        },
      ],
    },
  ];
}

/** Requests to no route at all: any method, any path, any body. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE', 'SEARCH'];
// Dot segments climb out of /api/v1: the broker answers there too when it runs on its own.
const FIRST_SEGMENTS = [
  'accounts',
  'me',
  'guest',
  'sessions',
  'payment-methods',
  'verifications',
  'sso',
  'registrations',
  'nope',
  'v2',
  '',
  '..',
  '../..',
  '%2e%2e/%2e%2e',
];
const noRouteCase: fc.Arbitrary<Case> = fc
  .record({
    method: fc.constantFrom(...METHODS),
    first: fc.constantFrom(...FIRST_SEGMENTS),
    rest: fc.array(oddSegment, { minLength: 1, maxLength: 3 }),
    q: query,
    authorization: fc.option(garbageAuth, { freq: 2 }),
    type: contentType,
    body: fc.option(bodyFor(undefined), { freq: 3 }),
    extra: extraHeaders,
  })
  // No route ends in zz-no-route; one a dot segment folds into (/accounts/zz-no-route) names nothing of anyone's.
  .map(({ method, first, rest, q, authorization, type, body, extra }) => {
    const headers: Record<string, string> = { ...(extra as Record<string, string>) };
    if (authorization !== null) headers.authorization = authorization;
    if (type !== null) headers['content-type'] = type;
    const c: Case = readable({ method, path: `/${first}/${rest.join('/')}/zz-no-route${q}`, headers, chunked: false });
    if (body !== null && method !== 'GET' && method !== 'HEAD') c.body = body;
    return c;
  });

// ---------------------------------------------------------------------------

async function writesInCallLog(): Promise<string[]> {
  const calls = await stack.calls();
  return calls.map((c) => c.operation).filter((op) => WRITE_OPERATIONS.has(op));
}

async function sandboxState() {
  const state: Record<string, unknown> = {};
  for (const n of FIXTURE_ACCOUNTS) {
    state[`account ${n}`] = await stack.account(n);
    state[`payments ${n}`] = await stack.payments(n);
  }
  state.allPayments = await stack.payments();
  return state;
}

describe('fuzz: every broker route, malformed in every way', () => {
  let before_: Record<string, unknown>;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  stack.use({}, { reset: 'never' });
  before(async () => {
    const url = new URL(stack.brokerUrl);
    brokerHost = { hostname: url.hostname, port: url.port };
    sessionToken = await signInJohn();
    lookupToken = await stack.lookUp('100200300', 'Doe');
    ownMethodId = (await stack.account('100200301')).paymentMethods[0].id as string;
    before_ = await sandboxState();
    await stack.clearCalls();
  });
  after(() => agent.destroy());

  it('builds a group for every route of the contract', () => {
    const table = routes.map((r) => `${r.method} ${r.path}`).sort();
    const fuzzed = [...new Set(groups().flatMap((g) => g.routes.map((r) => r.route)))].sort();
    assert.deepEqual(fuzzed, table);
    assert.deepEqual(
      groups().map((g) => g.name),
      GROUP_NAMES,
    );
  });

  // Groups are built inside each test: only then are the tokens and the saved method id known.
  for (const name of GROUP_NAMES) {
    it(`${name}: below 500, the error shape, no echo, no write`, { timeout: 60_000 }, async () => {
      const group = groups().find((g) => g.name === name)!;
      const arb = fc.oneof(...group.routes.map(caseFor));
      outcomes.clear();
      await fc.assert(
        fc.asyncProperty(arb, async (c) => checkAnswer(c, await send(c))),
        runs(group.numRuns),
      );
      if (process.env.FUZZ_STATS) console.log(name, Object.fromEntries([...outcomes].sort()));
      for (const outcome of group.reaches) assert.ok(outcomes.has(outcome), `the run never produced ${outcome}`);
      assert.deepEqual(await writesInCallLog(), [], 'a malformed request reached an InvoiceCloud write');
    });
  }

  it('no route: any method, path and body gets the error shape', { timeout: 60_000 }, async () => {
    outcomes.clear();
    await fc.assert(
      fc.asyncProperty(noRouteCase, async (c) => checkAnswer(c, await send(c))),
      runs(200),
    );
    if (process.env.FUZZ_STATS) console.log('no route', Object.fromEntries([...outcomes].sort()));
    assert.deepEqual(await writesInCallLog(), []);
  });

  it('leaves InvoiceCloud and the broker process as they were', async () => {
    assert.deepEqual(await sandboxState(), before_, 'no account, saved method or payment changed');
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys, 'Object.prototype was not polluted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // The session the fuzz used for half its requests is still good: nothing malformed ended it.
    const me = await request(`${stack.brokerUrl}/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
    assert.equal(me.status, 200);
  });
});

describe('fuzz: targeted properties (names, origins, well-formed writes)', () => {
  stack.use({}, { reset: 'never' });
  before(async () => {
    const url = new URL(stack.brokerUrl);
    brokerHost = { hostname: url.hostname, port: url.port };
    sessionToken = await signInJohn();
  });
  after(() => agent.destroy());

  /** Reference: an http(s) origin as the URL standard serialises it — lower-case scheme and host, a port (0–65535) only if not the default; nothing else. */
  const exactOrigin = (value: string) => {
    const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/.exec(value);
    if (!m) return false;
    const host = m[2]!;
    // A dotted-number host is an IPv4 address: the URL parser rewrites it unless it is already canonical.
    const ipv4 = /^\d+(\.\d+)*$/.test(host);
    if (ipv4 && !/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(host)) return false;
    const port = m[3];
    if (port === undefined) return true;
    const n = Number(port);
    return String(n) === port && n <= 65_535 && n !== (m[1] === 'https' ? 443 : 80);
  };

  it(
    'POST /sso frames a page for an exact http(s) origin and refuses any other Origin with 403, never an upstream error',
    { timeout: 30_000 },
    async () => {
      const origins = fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.webUrl().map((u) => new URL(u).origin),
        fc
          .tuple(
            fc.constantFrom('http', 'https', 'HTTP', 'ws', 'file', 'javascript'),
            fc.domain(),
            fc.option(fc.integer({ min: 0, max: 70_000 })),
          )
          .map(([s, d, p]) => `${s}://${d}${p === null ? '' : `:${p}`}`),
        fc.constantFrom(...ORIGINS),
        headerText(),
      );
      await fc.assert(
        fc.asyncProperty(origins, async (o) => {
          const c = readable({
            method: 'POST',
            path: '/sso',
            headers: { authorization: 'Bearer {session}', 'content-type': 'application/json', origin: o },
            body: '{"target":"dashboard"}',
            chunked: false,
          });
          const a = await send(c);
          checkAnswer(c, a);
          // Node trims header values before the broker sees them.
          assert.equal(a.status, exactOrigin(o.trim()) ? 200 : 403, `HTTP ${a.status}`);
        }),
        runs(120),
      );
    },
  );

  /** FIXTURES.md: last name or full name, case-insensitive, trimmed (inner runs of spaces are one). */
  const matches = (given: string, first: string, last: string) => {
    const n = given.trim().replace(/\s+/g, ' ').toLowerCase();
    return n === last.toLowerCase() || n === `${first} ${last}`.toLowerCase();
  };
  /** Names near the right one: case, spacing, look-alikes, extra characters. */
  const nearName = (first: string, last: string) =>
    fc
      .tuple(
        fc.constantFrom(last, `${first} ${last}`, `${first}  ${last}`, `${last} ${first}`, `${first}${last}`, first),
        fc.array(fc.constantFrom('upper', 'lower', 'pad', 'tab', 'nbsp', 'zwsp', 'fullwidth', 'suffix', 'cyrillic-o'), { maxLength: 3 }),
      )
      .map(([name, edits]) =>
        edits.reduce((s, e) => {
          switch (e) {
            case 'upper':
              return s.toUpperCase();
            case 'lower':
              return s.toLowerCase();
            case 'pad':
              return `  ${s} `;
            case 'tab':
              return `\t${s}\n`;
            case 'nbsp':
              return s.replace(' ', '\u00a0');
            case 'zwsp':
              return s.replace(/(.)/, '$1\u200b');
            case 'fullwidth':
              return s.replace(/[A-Za-z]/, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
            case 'suffix':
              return `${s}s`;
            default:
              return s.replace(/o/, '\u043e');
          }
        }, name),
      );

  it('a guest look-up succeeds exactly when the name matches, and a miss says nothing more', { timeout: 30_000 }, async () => {
    const misses = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          nearName('Jane', 'Doe'),
          oddString.filter((s) => s.length < 200),
        ),
        fc.constantFrom('100200300', ' 100200300 ', '100200300 '),
        async (name, account) => {
          const r = await request(`${stack.brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber: account, lastName: name } });
          assert.ok(r.status < 500);
          if (r.status === 400) return; // empty after trimming, or too long
          assert.equal(
            r.status === 200,
            matches(name, 'Jane', 'Doe'),
            `HTTP ${r.status} for a name that ${matches(name, 'Jane', 'Doe') ? 'matches' : 'does not match'}`,
          );
          if (r.status !== 200) misses.add(JSON.stringify({ ...r.body.error, requestId: undefined }));
        },
      ),
      runs(150),
    );
    assert.ok(misses.size <= 1, 'every miss answers the same');
  });

  it('Link Accounts links nothing on a wrong name', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        nearName('John', 'Smith').filter((n) => !matches(n, 'John', 'Smith') && n.trim().length > 0 && n.length <= 100),
        async (name) => {
          const r = await request(`${stack.brokerUrl}/accounts/links`, {
            method: 'POST',
            json: { accountNumber: '100200305', lastName: name },
            headers: { authorization: `Bearer ${sessionToken}` },
          });
          assert.equal(r.status, 404, `HTTP ${r.status}`);
          assert.equal(r.body.error.code, 'account_not_found');
        },
      ),
      runs(60),
    );
    assert.equal((await stack.account('100200305')).registered, false);
  });

  // Well-formed writes, last: they change this stack's sandbox on purpose.
  it('a well-formed new card is stored as brand and last four, or refused with a 4xx', { timeout: 30_000 }, async () => {
    const year = new Date().getFullYear();
    const card = fc
      .record({
        prefix: fc.constantFrom([4], [5, 1], [5, 5], [2, 2, 2, 1], [3, 4], [3, 7], [6, 0, 1, 1], [6, 5], [9]),
        length: fc.constantFrom(13, 15, 16, 19),
        fill: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
        expMonth: fc.integer({ min: 1, max: 12 }),
        expYear: fc.integer({ min: year - 2, max: year + 22 }),
        code: fc.stringMatching(/^\d{3,4}$/),
      })
      .map(({ prefix, length, fill, ...rest }) => ({ number: withCheckDigit([...prefix, ...fill].slice(0, length - 1)), ...rest }));
    await fc.assert(
      fc.asyncProperty(card, async ({ number, expMonth, expYear, code }) => {
        const method = visa({ number, expMonth, expYear, securityCode: code });
        const r = await request(`${stack.brokerUrl}/payment-methods`, {
          method: 'POST',
          json: { method },
          headers: { authorization: `Bearer ${sessionToken}` },
        });
        assert.ok([201, 400, 402].includes(r.status), `HTTP ${r.status} ${r.body?.error?.code ?? ''}`);
        assert.ok(!r.text.includes(number), 'the card number came back');
        if (r.status === 201) assert.deepEqual([r.body.last4, r.body.expMonth, r.body.expYear], [number.slice(-4), expMonth, expYear]);
        else assert.ok(['validation_failed', 'card_declined', 'insufficient_funds'].includes(r.body.error.code), r.body.error.code);
      }),
      runs(80),
    );
  });

  it(
    'an email change through PUT /me/credentials is made or refused with a 4xx, never an upstream error',
    { timeout: 30_000 },
    async () => {
      // Maria's sign-in gives her an InvoiceCloud login: her address is then taken.
      const maria = await request(`${stack.brokerUrl}/sessions`, {
        method: 'POST',
        json: { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] },
        headers: { 'x-ic-host-key': TEST_HOST_KEY },
      });
      assert.equal(maria.status, 200);
      const emails = fc.oneof(
        fc.emailAddress(),
        fc.constantFrom('maria.garcia@example.com', 'MARIA.GARCIA@example.com', ' maria.garcia@example.com', 'john.smith@example.com'),
      );
      let taken = 0;
      await fc.assert(
        fc.asyncProperty(emails, async (newEmail) => {
          const r = await request(`${stack.brokerUrl}/me/credentials`, {
            method: 'PUT',
            json: { currentPassword: 'meter-demo-1', newEmail },
            headers: { authorization: `Bearer ${sessionToken}` },
          });
          assert.ok(r.status === 200 || r.status === 400, `HTTP ${r.status} ${r.body?.error?.code ?? ''}`);
          if (r.status === 200) assert.equal(r.body.status, 'updated');
          else {
            assert.equal(r.body.error.code, 'validation_failed');
            assert.ok(r.body.error.fields.newEmail);
            if (/maria/i.test(newEmail)) taken++;
          }
        }),
        runs(60),
      );
      assert.ok(taken > 0, "Maria's address was tried and refused");
      const mariaLogin = (await stack.sandbox('/__sandbox/logins/maria.garcia@example.com')).body;
      assert.deepEqual(mariaLogin.accountNumbers, ['100200303'], "Maria's login is untouched");
    },
  );
});
