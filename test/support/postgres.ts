/**
 * PostgreSQL for tests: a throw-away cluster (`npm test` starts one and hands
 * its URL to the tests as TEST_DATABASE_URL), and a fresh, empty database per
 * test file on it. A test file run on its own without TEST_DATABASE_URL starts
 * a cluster for itself. When no server can be had, the tests that need one
 * fail and say why; they never skip.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const SERVERS = '/usr/lib/postgresql';

/** The newest installed server's binaries (Debian lays them out as /usr/lib/postgresql/<major>/bin). */
function serverBin(): string {
  const majors = existsSync(SERVERS)
    ? readdirSync(SERVERS)
        .filter((v) => existsSync(join(SERVERS, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      "These tests need PostgreSQL, and no server is installed here. Install Debian's package (apt-get install -y postgresql; npm test does so when run as root), or set TEST_DATABASE_URL to a server where the tests may create databases.",
    );
  }
  return join(SERVERS, majors[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a server program; as the postgres user when we are root, since the server refuses to run as root. */
function serverProgram(bin: string, program: string, args: string[]): void {
  const path = join(bin, program);
  try {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' });
    else execFileSync(path, args, { stdio: 'pipe' });
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    throw new Error(`${program} failed: ${e.stderr?.toString().trim() || e.message}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** The cluster's `postgres` database, as its superuser: where test databases are created. */
  url: string;
  /** Stops the server and removes its files. */
  stop(): void;
}

/** A new cluster in a temporary directory, on a free loopback port, trusting local connections. */
export async function startCluster(): Promise<Cluster> {
  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'ic-pg-'));
  const data = join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  serverProgram(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  // Durability is not under test: fsync off makes each migration and commit quick.
  serverProgram(bin, 'pg_ctl', [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        serverProgram(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let ownCluster: Promise<string> | undefined;

/** TEST_DATABASE_URL, or a cluster of this process's own, stopped when it exits. */
function serverUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return Promise.resolve(process.env.TEST_DATABASE_URL);
  ownCluster ??= startCluster().then((cluster) => {
    process.once('exit', () => cluster.stop());
    return cluster.url;
  });
  return ownCluster;
}

/** A new, empty database on the test server: its URL. */
export async function freshDatabase(): Promise<string> {
  const url = new URL(await serverUrl());
  const name = `ic_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.href;
}
