/**
 * Every English term is used somewhere (a term no element shows is a
 * translation nobody needs); Spanish having exactly the English keys is
 * checked by tsc and by test/browser/i18n.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { en } from '../../src/internal/i18n.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') && !/^i18n(-[a-z]+)?\.ts$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

describe('terms', () => {
  it('every English term is used by the code', () => {
    const code = sources('src').map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(en).filter((k) => !new RegExp(`['"\`]${k}['"\`]`).test(code));
    assert.deepEqual(unused, []);
  });
});
