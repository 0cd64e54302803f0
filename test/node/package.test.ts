/**
 * The published package as a host gets it: `npm pack` (which builds first),
 * then installed into an empty folder. Node imports every entry there (as a
 * server rendering pages would), and a React and a Vue host written in
 * TypeScript compile against the installed declarations.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
// The host's own files: the Node entry check and tsconfig, and the same typing checks tsc runs on the sources.
const hostFiles = [
  ...['tsconfig.json', 'ssr.mjs'].map((f) => join(root, 'test/package', f)),
  ...['html-misuse.ts', 'react-misuse.tsx', 'vue-global-components.ts'].map((f) => join(root, 'test/types', f)),
];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const tags = readdirSync(join(root, 'src/elements')).sort();

/** npm's own settings from the `npm test` around us (prefix, cache flags…) must not steer the host's install. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

function npm(args: string[], cwd: string): string {
  const run = spawnSync('npm', args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `npm ${args.join(' ')}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe('npm pack, installed into an empty folder', { timeout: 600_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'ic-pack-'));
    npm(['pack', '--pack-destination', work], root);
    const tarball = join(work, `ic-widgets-${pkg.version}.tgz`);
    files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    host = join(work, 'host');
    mkdirSync(host);
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'a-utility-portal', private: true, type: 'module' }));
    // Install scripts are skipped: the only one is the broker's SQLite binding, built on first install, needed
    // only to open a database — not for importing anything or for the types checked here.
    const dev = pkg.devDependencies;
    npm(
      [
        'install',
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        tarball,
        `@types/react@${dev['@types/react']}`,
        `vue@${dev.vue}`,
      ],
      host,
    );
    for (const f of hostFiles) copyFileSync(f, join(host, basename(f)));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built package, its manifest, declarations, CDN file and documents, and none of the sources, tests or demo', () => {
    for (const f of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'custom-elements.json',
      'openapi.json',
      'dist/index.js',
      'dist/contract.js',
      'dist/ic-widgets.min.js',
      'dist/node/broker.js',
      'dist/node/sandbox.js',
      'dist/node/migrations/sqlite/0001_init.sql',
      'dist/node/migrations/postgres/0001_init.sql',
      'dist/types/index.d.ts',
      'dist/types/frameworks/react.d.ts',
      'dist/types/frameworks/vue.d.ts',
      'docs/theming.md',
      'docs/integration.md',
      'docs/invoicecloud.md',
      ...tags.flatMap((t) => [`dist/elements/${t}.js`, `dist/types/elements/${t}/${t}.d.ts`]),
    ]) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    assert.ok(
      files.some((f) => /^dist\/ic-widgets-i18n-es-[\w-]+\.min\.js$/.test(f)),
      'the Spanish table beside the CDN file',
    );
    assert.deepEqual(
      files.filter((f) => /^(src|test|demo|stories|scripts|\.data|storybook-static)\//.test(f) || f.includes('/demo/')),
      [],
    );
  });

  it('imports in Node — every element, the contract, broker and sandbox — without throwing (SSR), and resolves the manifest, OpenAPI and CDN file', () => {
    const out = execFileSync(process.execPath, ['ssr.mjs'], { cwd: host, env: cleanEnv, encoding: 'utf8' });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.deepEqual(seen.defined, tags);
    assert.ok(seen.classes.includes('IcOneTimePay') && seen.classes.includes('IcBills'), seen.classes.join());
    assert.equal(seen.registerTerms, 'function');
    assert.equal(seen.brokerClient, 'function');
    assert.equal(seen.contractSchemas, true);
    assert.equal(seen.createBroker, 'function');
    assert.equal(seen.startSandbox, 'function');
    assert.deepEqual(seen.manifestTags, tags);
    assert.match(seen.openapi, /^3\.1/);
    assert.ok(seen.cdnBytes > 10_000);
    assert.equal(seen.customElementsField, 'custom-elements.json');
    assert.equal(seen.readme, true);
    assert.equal(seen.changelog, true);
  });

  it('type-checks plain TypeScript, React 19 and Vue 3 hosts against the installed declarations (with the marked misuses rejected)', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: host,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
});
