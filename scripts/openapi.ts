// Writes openapi.json, the OpenAPI 3.1 document of the broker, from the
// contract's zod schemas (`npm run openapi`).
// `--check` exits 1 when the committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/contract/routes.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const path = 'openapi.json';
const text = `${JSON.stringify(openApiDocument(pkg.version), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${path} is stale: run \`npm run openapi\` and commit it.`);
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
