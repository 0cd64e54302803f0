/**
 * Standalone sandbox: `tsx src/sandbox/main.ts`. Listens on SANDBOX_PORT
 * (default 5174, the origin FIXTURES.md fixes) and keeps its state in
 * SANDBOX_DB (default .data/sandbox.db, created on first start). CloudSSO
 * URLs use SANDBOX_PUBLIC_URL (default http://localhost:<port>).
 */
import { resolve } from 'node:path';
import { startSandbox } from './server.ts';

const port = Number(process.env['SANDBOX_PORT'] ?? 5174);
const dbPath = resolve(process.env['SANDBOX_DB'] ?? '.data/sandbox.db');
const running = await startSandbox({
  port,
  host: process.env['SANDBOX_HOST'] ?? '127.0.0.1',
  dbPath,
  apiKey: process.env['SANDBOX_API_KEY'],
  // The origin hosts frame the CloudSSO pages from (FIXTURES.md: http://localhost:5174).
  publicUrl: process.env['SANDBOX_PUBLIC_URL'] ?? `http://localhost:${port}`,
});
console.log(`InvoiceCloud sandbox listening on ${running.url} (db: ${dbPath})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
