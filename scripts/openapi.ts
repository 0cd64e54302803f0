// Writes what is generated from the contract's zod schemas (`npm run openapi`):
//   openapi.json                  the OpenAPI 3.1 document of the broker
//   src/client/answer-schemas.ts  the JSON Schemas the browser checks data against
// `--check` exits 1 when a committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { answerSchemasSource } from '../src/contract/browser-schemas.ts';
import { openApiDocument } from '../src/contract/routes.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const files: Record<string, string> = {
  'openapi.json': `${JSON.stringify(openApiDocument(pkg.version), null, 2)}\n`,
  'src/client/answer-schemas.ts': answerSchemasSource(),
};

let stale = false;
for (const [path, text] of Object.entries(files)) {
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${path} is stale: run \`npm run openapi\` and commit it.`);
      stale = true;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
