/**
 * When the broker starts it asks InvoiceCloud `GET biller/status` once and
 * logs the answer: `invoicecloud_reachable` (info, the biller's name) or
 * `invoicecloud_unreachable` (warn, the error's kind, never the upstream
 * body). Serving never waits for it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { createBroker } from '../../src/broker/app.ts';
import { startBroker } from '../../src/broker/server.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { capturedLogger } from '../support/logs.ts';
import { startStack } from '../support/stack.ts';
import { until } from '../support/until.ts';
import { request } from './http.ts';

interface LogLine {
  level: number;
  event?: string;
  [k: string]: unknown;
}

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as LogLine);
const reachability = (lines: string[]) =>
  parsed(lines).filter((l) => l.event === 'invoicecloud_reachable' || l.event === 'invoicecloud_unreachable');
const settled = (lines: string[]) => until('the start-up check to be logged', () => reachability(lines)[0]);

/** A broker of its own on a throw-away store, pointed at `baseUrl`. */
function brokerAt(baseUrl: string, apiKey = 'sandbox-api-key') {
  const { logger, lines } = capturedLogger('info');
  const started = startBroker({
    port: 0,
    broker: { invoiceCloud: { baseUrl, apiKey, timeoutMs: 1_000 }, dbPath: ':memory:', reconcileIntervalMs: 0, logger },
  });
  return { started, lines };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Accepts connections and never answers: an InvoiceCloud that holds every call. */
async function silentServer(): Promise<{ port: number; sockets: Set<Socket>; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return { port, sockets, close };
}

describe('broker start-up: is InvoiceCloud reachable', () => {
  const closing: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closing.reverse()) await close();
  });

  it('logs invoicecloud_reachable with the biller name when the sandbox answers, once, and off the call log', async () => {
    const { logger, lines } = capturedLogger('info');
    const stack = await startStack({ broker: { logger } });
    closing.push(() => stack.close());
    const line = await settled(lines);
    assert.equal(line.event, 'invoicecloud_reachable');
    assert.equal(line.level, 30, 'info');
    assert.equal(line.billerName, 'Springfield Water & Power');
    assert.equal(line.billerStatus, 'Active');
    assert.equal(line.origin, new URL(stack.sandboxUrl).origin);
    assert.equal(reachability(lines).length, 1, 'asked once');
    // biller/status is no operation of the seed: the call log stays as the tests of flows expect it.
    assert.deepEqual((await request(`${stack.sandboxUrl}/__sandbox/calls`)).body, []);
  });

  it('warns invoicecloud_unreachable with the kind "refused" when nothing listens at the base URL, and serves all the same', async () => {
    // A port that was free a moment ago (not port 1: fetch refuses that one itself, as a "bad port").
    const closed = await freePort();
    const { started, lines } = brokerAt(`http://127.0.0.1:${closed}/api/v1/`);
    const broker = await started;
    closing.push(() => broker.close());
    const line = await settled(lines);
    assert.equal(line.event, 'invoicecloud_unreachable');
    assert.equal(line.level, 40, 'warn');
    assert.equal(line.kind, 'refused');
    assert.equal(line.origin, `http://127.0.0.1:${closed}`);
    assert.equal(reachability(lines).length, 1);
    const r = await request(`${broker.url}/api/v1/nowhere`);
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });

  it('warns with the kind "status" and the HTTP status when the key is refused, and never logs the upstream body', async () => {
    const sandbox = await startSandbox({ port: 0 });
    closing.push(() => sandbox.close());
    const refused = await request(`${sandbox.url}/api/v1/biller/status`, {
      headers: { authorization: `Basic ${Buffer.from('wrong-key:').toString('base64')}` },
    });
    assert.equal(refused.status, 401);
    const upstreamMessage = refused.body.Message as string;
    assert.ok(upstreamMessage.length > 0);

    const { started, lines } = brokerAt(`${sandbox.url}/api/v1/`, 'wrong-key');
    const broker = await started;
    closing.push(() => broker.close());
    const line = await settled(lines);
    assert.equal(line.event, 'invoicecloud_unreachable');
    assert.equal(line.kind, 'status');
    assert.equal(line.status, 401);
    for (const l of lines) {
      assert.ok(!l.includes(upstreamMessage), `no upstream text in ${l}`);
      assert.ok(!l.includes('wrong-key'), 'no API key in the logs');
    }
  });

  it('serves while InvoiceCloud holds the check, then warns with the kind "timeout"', async () => {
    const silent = await silentServer();
    closing.push(silent.close);
    const { started, lines } = brokerAt(`http://127.0.0.1:${silent.port}/api/v1/`);
    const broker = await started;
    closing.push(() => broker.close());
    const r = await request(`${broker.url}/api/v1/nowhere`);
    assert.equal(r.status, 404, 'answered');
    assert.deepEqual(reachability(lines), [], 'before the check ended');
    const line = await settled(lines);
    assert.equal(line.event, 'invoicecloud_unreachable');
    assert.equal(line.kind, 'timeout');
  });

  it('logs nothing about InvoiceCloud when the broker closes before the check ends', async () => {
    const silent = await silentServer();
    closing.push(silent.close);
    const { started, lines } = brokerAt(`http://127.0.0.1:${silent.port}/api/v1/`);
    const broker = await started;
    await until('InvoiceCloud to be asked', () => (silent.sockets.size > 0 ? true : undefined));
    await broker.close();
    // A broker started after this one closed, held the same way: once its check has timed out and said so,
    // this one's, started earlier with the same deadline, would have too.
    const later = brokerAt(`http://127.0.0.1:${silent.port}/api/v1/`);
    closing.push(async () => (await later.started).close());
    assert.equal((await settled(later.lines)).kind, 'timeout');
    assert.deepEqual(reachability(lines), []);
  });
});

describe('broker start-up: production refuses unsafe defaults', () => {
  const main = fileURLToPath(new URL('../../src/broker/main.ts', import.meta.url));
  /** Runs the standalone broker with `env` (and nothing of this process's own configuration) until it exits or says it listens. */
  function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { PATH: process.env.PATH, BROKER_PORT: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('listening on')) child.kill();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  }

  it('with NODE_ENV=production and nothing set, exits with the four settings it lacks, and listens on nothing', async () => {
    const { code, stdout, stderr } = await run({ NODE_ENV: 'production' });
    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /listening/);
    for (const name of ['BROKER_SECRETS (or BROKER_SECRET)', 'DATABASE_URL or BROKER_DB', 'IC_BASE_URL', 'CORS_ORIGINS'])
      assert.ok(stderr.includes(`\n- ${name}: `), name);
    assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'the reason, not a stack trace');
  });

  it('names only what is still unsafe: an http:// InvoiceCloud, an in-memory store and CORS_ORIGINS=*', async () => {
    const { code, stderr } = await run({
      NODE_ENV: 'production',
      BROKER_SECRET: 'a'.repeat(32),
      BROKER_DB: ':memory:',
      IC_BASE_URL: 'http://invoicecloud.example/api/v1/',
      CORS_ORIGINS: 'https://portal.example,*',
    });
    assert.equal(code, 1);
    assert.doesNotMatch(stderr, /BROKER_SECRET/);
    assert.match(stderr, /^- DATABASE_URL or BROKER_DB: /m);
    assert.match(stderr, /^- IC_BASE_URL: .*now http:\/\/invoicecloud\.example/m);
    assert.match(stderr, /^- CORS_ORIGINS: /m);
  });

  it('starts once each is set', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-broker-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const { stdout, stderr } = await run({
      NODE_ENV: 'production',
      BROKER_SECRET: 'a'.repeat(32),
      BROKER_DB: join(dir, 'broker.db'),
      // Nothing answers there: the broker starts all the same (it only warns that InvoiceCloud is unreachable).
      IC_BASE_URL: 'https://127.0.0.1:9/api/v1/',
      CORS_ORIGINS: 'https://portal.example',
      LOG_LEVEL: 'silent',
    });
    assert.match(stdout, /ic-widgets broker listening on http:\/\/127\.0\.0\.1:\d+\/api\/v1/, stderr);
  });
});

describe('broker start-up: a store that cannot be opened', () => {
  it('rejects `ready`, logs store_unavailable, and answers each request an error with its request id, never a hang', async () => {
    const { logger, lines } = capturedLogger('info');
    // Nothing listens there: the PostgreSQL pool's connection is refused.
    const broker = createBroker({
      invoiceCloud: { baseUrl: 'http://127.0.0.1:9/api/v1/', apiKey: 'k', timeoutMs: 1_000 },
      databaseUrl: `postgres://broker@127.0.0.1:${await freePort()}/broker`,
      reconcileIntervalMs: 0,
      logger,
    });
    await assert.rejects(broker.ready);
    const res = await broker.request('/api/v1/guest/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountNumber: '100200300', lastName: 'Doe' }),
    });
    assert.equal(res.status, 500);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    assert.equal(body.error.code, 'internal');
    assert.ok(body.error.requestId.length > 0 && body.error.requestId !== 'unknown', body.error.requestId);
    assert.equal(res.headers.get('x-request-id'), body.error.requestId);
    assert.ok(parsed(lines).some((l) => l.event === 'store_unavailable'));
    await broker.close(0);
  });
});
