import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createBroker } from '../../src/broker/app.ts';
import { openApiDocument, routes } from '../../src/contract/routes.ts';

type Operation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
};

describe('openapi.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const doc = openApiDocument(pkg.version) as unknown as { paths: Record<string, Record<string, Operation>> };

  it('is generated from the current contract (run `npm run openapi` when this fails)', () => {
    const committed = readFileSync('openapi.json', 'utf8');
    assert.equal(committed, `${JSON.stringify(openApiDocument(pkg.version), null, 2)}\n`);
  });

  it('declares every route the broker serves, with its method, and no other', async () => {
    const broker = createBroker({ invoiceCloud: { baseUrl: 'http://127.0.0.1:1/api/v1/', apiKey: 'unused' }, dbPath: ':memory:' });
    // Each route is served by its middleware and its handler: one entry each, the same method and path.
    const served = new Set(
      broker.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`),
    );
    await broker.close();
    const declared = routes.map((r) => `${r.method} ${r.path}`);
    assert.equal(new Set(declared).size, declared.length, 'a route is declared twice');
    assert.deepEqual([...served].sort(), [...declared].sort());
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    assert.deepEqual(documented.sort(), [...declared].sort());
  });

  it('names every operation, sums it up and says who may call it', () => {
    const ids = new Set<string>();
    const scheme = { public: undefined, lookup: 'lookupToken', session: 'sessionToken', host: 'hostKey' };
    for (const r of routes) {
      const op = doc.paths[r.path]![r.method]!;
      const at = `${r.method} ${r.path}`;
      assert.match(op.operationId ?? '', /^[a-z][A-Za-z]+$/, `${at}: operationId in camelCase`);
      assert.ok(!ids.has(op.operationId!), `${at}: operationId ${op.operationId} used twice`);
      ids.add(op.operationId!);
      assert.ok(op.summary, `${at}: summary`);
      const name = scheme[r.auth];
      assert.deepEqual(op.security, name ? [{ [name]: [] }] : [], `${at}: security`);
    }
  });

  it('has the error shape on every error status', () => {
    for (const r of routes) {
      for (const [status, res] of Object.entries(doc.paths[r.path]![r.method]!.responses)) {
        if (Number(status) >= 400)
          assert.equal(res.content?.['application/json']?.schema.$ref, '#/components/schemas/ErrorBody', `${r.method} ${r.path} ${status}`);
      }
    }
  });
});
