/**
 * custom-elements.json (the Custom Elements Manifest hosts, editors and
 * Storybook read) is generated from the elements' JSDoc by `npm run analyze`:
 * it must be current, name every element, and document everything public.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

interface Documented {
  name: string;
  description?: string;
  summary?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
}
interface Declaration extends Documented {
  tagName?: string;
  attributes?: Documented[];
  members?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
  slots?: Documented[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const committed = readFileSync('custom-elements.json', 'utf8');
const manifest = JSON.parse(committed) as Manifest;
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

describe('custom-elements.json', () => {
  it('is generated from the current JSDoc (run `npm run analyze` when this fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-cem-'));
    try {
      // The analyzer takes the folder relative to the project.
      execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), dir)], {
        stdio: 'pipe',
      });
      assert.equal(readFileSync(join(dir, 'custom-elements.json'), 'utf8'), committed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every element the package defines', () => {
    const folders = readdirSync('src/elements', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    assert.deepEqual(elements.map((e) => e.tagName).sort(), folders.sort());
  });

  it("types each element's events (IcElementEvents, read by the React and Vue typings) as its @fires list them", () => {
    const typed = new Map<string, string[]>();
    for (const file of readdirSync('src/elements').map((tag) => `src/elements/${tag}/${tag}.ts`)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      const visit = (node: ts.Node): void => {
        if (ts.isInterfaceDeclaration(node) && node.name.text === 'IcElementEvents') {
          for (const member of node.members) {
            if (!ts.isPropertySignature(member) || !member.type || !ts.isStringLiteral(member.name)) continue;
            const names = ts.isUnionTypeNode(member.type) ? member.type.types : [member.type];
            typed.set(
              member.name.text,
              names.flatMap((n) => (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal) ? [n.literal.text] : [])).sort(),
            );
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    const documented = new Map(
      elements.filter((e) => e.tagName !== 'ic-payment-method-form').map((e) => [e.tagName!, (e.events ?? []).map((x) => x.name).sort()]),
    );
    assert.deepEqual(Object.fromEntries(typed), Object.fromEntries(documented));
  });

  it('documents every attribute, public property, event, part, custom property and slot', () => {
    const missing: string[] = [];
    for (const e of elements) {
      if (!e.summary) missing.push(`${e.tagName}: @summary`);
      const publicMembers = (e.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.name.startsWith('#'));
      for (const [what, list] of [
        ['attribute', e.attributes],
        ['property', publicMembers],
        ['event', e.events],
        ['part', e.cssParts],
        ['custom property', e.cssProperties],
        ['slot', e.slots],
      ] as const) {
        for (const item of list ?? []) if (!item.description?.trim()) missing.push(`${e.tagName}: ${what} ${item.name}`);
      }
    }
    assert.deepEqual(missing, []);
    // The signed-in elements' events are listed with their detail.
    const bills = elements.find((e) => e.tagName === 'ic-bills')!;
    assert.deepEqual(bills.events!.map((x) => x.name).sort(), ['ic-error', 'ic-payment-failed', 'ic-payment-succeeded']);
    assert.ok(bills.attributes!.some((a) => a.name === 'account-number'));
  });
});
