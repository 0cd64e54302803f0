/**
 * Every English term is used somewhere: a term no element shows is a
 * translation nobody needs. (That each element has every term it shows is
 * the typechecker's: an element's `Localize` takes only the keys of the tables
 * it imports. Spanish having exactly the English keys is checked by tsc and
 * by test/browser/i18n.test.ts.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { englishTerms as en } from '../../src/i18n/english-terms.ts';

/** The term tables themselves, which name every key without using it. */
const TABLES = /(^|\/)(i18n(-[a-z]+)?|english-terms)\.ts$|\/internal\/terms\//;
const named = (code: string, key: string) => new RegExp(`['"\`]${key}['"\`]`).test(code);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('terms', () => {
  it('every English term is used by the code', () => {
    const code = sources('src')
      .filter((f) => !TABLES.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(en).filter((k) => !named(code, k));
    assert.deepEqual(unused, []);
  });
});
