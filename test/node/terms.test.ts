/**
 * Every English term is used somewhere (a term no element shows is a
 * translation nobody needs), and every element imported on its own has every
 * term its code names: English comes in parts that modules register, so a
 * part left unregistered would show only when an element is used alone.
 * Spanish having exactly the English keys is checked by tsc and by
 * test/browser/i18n.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { englishTerms as en } from '../../src/internal/english-terms.ts';
import { elementEntries, moduleGraph } from '../support/module-graph.ts';

const I18N = /(^|\/)i18n(-[a-z]+)?\.ts$/;
const SCHEMAS = resolve('src/client/answer-schemas.ts');
/** A part of the English table defined outside i18n.ts (`export const enX = { … };`). */
const TERM_PART = /^export const en[A-Z]\w* = \{[\s\S]*?^\};$/gm;
const named = (code: string, key: string) => new RegExp(`['"\`]${key}['"\`]`).test(code);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') && !I18N.test(d.name) ? [join(dir, d.name)] : [],
  );
}

describe('terms', () => {
  it('every English term is used by the code', () => {
    const code = sources('src').map((f) => readFileSync(f, 'utf8').replace(TERM_PART, '')).join('\n');
    const unused = Object.keys(en).filter((k) => !named(code, k));
    assert.deepEqual(unused, []);
  });

  // The card and bank form is an element of its own too: elements load it when a payer needs it.
  for (const entry of [...elementEntries(), 'src/internal/payment-method-form.ts']) {
    it(`${entry.split('/').at(-1)} imported alone has every term its code names`, () => {
      // The answer schemas name the contract's fields ("accountNumber", "nickname"), not terms; nor
      // does the English of a part kept beside the code that shows it ('front' : 'back').
      const code = [...moduleGraph(resolve(entry))]
        .filter((f) => !I18N.test(f) && f !== SCHEMAS)
        .map((f) => readFileSync(f, 'utf8').replace(TERM_PART, ''))
        .join('\n');
      const keys = Object.keys(en).filter((k) => named(code, k));
      // A fresh Node (SSR: lit's Node build) with nothing else imported; `term` answers a key it lacks with the key.
      const script = `
        await import(${JSON.stringify(pathToFileURL(resolve(entry)).href)});
        const { term } = await import(${JSON.stringify(pathToFileURL(resolve('src/internal/i18n.ts')).href)});
        const keys = ${JSON.stringify(keys)};
        console.log(JSON.stringify(keys.filter((k) => { try { return term('en', k) === k; } catch { return false; } })));`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.ok(keys.length > 0);
      assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), [], `terms ${entry} names but does not register`);
    });
  }
});
