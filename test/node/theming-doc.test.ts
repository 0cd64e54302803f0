/** docs/theming.md names every token the elements read and every part they expose. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const doc = readFileSync('docs/theming.md', 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('docs/theming.md', () => {
  it('lists every --ic-* custom property the elements read', () => {
    const used = new Set(sources('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/var\((--ic-[a-z0-9-]+)/g)].map((m) => m[1]!)));
    assert.ok(used.size > 15);
    assert.deepEqual([...used].filter((t) => !doc.includes(`\`${t}\``)).sort(), []);
  });

  it('lists, for each element, exactly the parts custom-elements.json has', () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
    };
    for (const d of manifest.modules.flatMap((m) => m.declarations ?? [])) {
      if (!d.tagName || !d.cssParts?.length || d.tagName === 'ic-payment-method-form') continue;
      const row = doc.split('\n').find((l) => l.startsWith(`| \`<${d.tagName}>\` |`));
      assert.ok(row, `a row for <${d.tagName}>`);
      const listed = [...row.split('|')[2]!.matchAll(/`([a-z]+)`/g)].map((m) => m[1]).sort();
      assert.deepEqual(listed, d.cssParts.map((p) => p.name).sort(), `<${d.tagName}>`);
    }
  });
});
