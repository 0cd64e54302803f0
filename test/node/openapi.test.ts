import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createBroker } from '../../src/broker/app.ts';
import { openApiDocument, routes } from '../../src/contract/routes.ts';

describe('openapi.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

  it('is generated from the current contract (run `npm run openapi` when this fails)', () => {
    const committed = readFileSync('openapi.json', 'utf8');
    assert.equal(committed, `${JSON.stringify(openApiDocument(pkg.version), null, 2)}\n`);
  });

  it('describes every route the broker serves, with the error shape on every error status', async () => {
    const doc = openApiDocument(pkg.version) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>> };
    const broker = createBroker({ invoiceCloud: { baseUrl: 'http://127.0.0.1:1/api/v1/', apiKey: 'unused' }, dbPath: ':memory:' });
    const served = broker.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`);
    await broker.close();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    assert.deepEqual(documented.sort(), [...new Set(served)].sort());
    for (const r of routes) {
      for (const [status, res] of Object.entries(doc.paths[r.path]![r.method]!.responses)) {
        if (Number(status) >= 400) assert.equal(res.content?.['application/json']?.schema.$ref, '#/components/schemas/ErrorBody');
      }
    }
  });
});
