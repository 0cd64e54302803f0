// The size budgets (`npm run size`, after `npm run build`), in gzip bytes of
// what a page fetches: a file and every file it imports statically load
// before it runs (up front); what it imports with `import()` loads when a
// payer first needs it (on demand), and costs only what was not loaded yet.
// The builds write manifests of which file imports which; this file adds
// them up, so a new chunk, or a shared one moving, is weighed where it loads.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every part loaded on demand has a budget of its own, by the name of its
 * chunk (the file name of the module that heads it); a new one must be given
 * one here.
 */
const ON_DEMAND = {
  answers: ["the contract's checks of what the broker answers (zod and the schemas), fetched with the first request", '12 KB'],
  'i18n-es': ['the Spanish terms, for a page in Spanish', '4 KB'],
  'ic-payment-method-form': ['the card and bank form, fetched when a payer first needs it', '4 KB'],
  'guest-steps': ['the steps after the look-up (pay flow, card and bank form, review, receipt), fetched with the look-up', '7 KB'],
  'bill-steps': [
    'the steps of paying a bill (pay form, card and bank form, pay flow, review, receipt), fetched when Pay is pressed',
    '7.5 KB',
  ],
};
/** Loaded with an element's first request to the broker, so before (or with) every other part loaded on demand. */
const FIRST_REQUEST = 'answers';

/** The files `key` needs before it runs: its own and, transitively, its static imports. */
function loadedWith(manifest, key, into = new Set()) {
  const chunk = manifest[key];
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) loadedWith(manifest, imported, into);
  return into;
}

/** The up-front budget of one build and one per part it loads on demand (dynamic imports of dynamic imports included). */
function checks(dir, manifestFile, entryName, limit) {
  const manifest = JSON.parse(readFileSync(`${dir}/${manifestFile}`, 'utf8'));
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const upFront = loadedWith(manifest, entry);
  const result = [
    { name: `${entryName}, lit included: what a page loads up front`, path: [...upFront].map((f) => `${dir}/${f}`), limit, gzip: true },
  ];
  /** What the given files import on demand. */
  const onDemandOf = (files) => files.flatMap((file) => Object.values(manifest).find((c) => c.file === file).dynamicImports ?? []);
  const firstRequest = Object.keys(manifest).find((key) => manifest[key].name === FIRST_REQUEST);
  // Every other part is weighed by what it adds to the page once the first request has loaded its part.
  const loadedFirst = firstRequest ? new Set([...upFront, ...loadedWith(manifest, firstRequest)]) : upFront;
  const queue = onDemandOf([...upFront]);
  const seen = new Set();
  for (const key of queue) {
    if (seen.has(key)) continue;
    seen.add(key);
    const before = key === firstRequest ? upFront : loadedFirst;
    // A chunk that is also loaded before (shared code the bundler reached both ways) costs nothing more.
    const extra = [...loadedWith(manifest, key)].filter((f) => !before.has(f));
    queue.push(...onDemandOf(extra));
    if (extra.length === 0) continue;
    const { name } = manifest[key];
    if (!(name in ON_DEMAND)) throw new Error(`${entryName} loads ${key} on demand: give the chunk "${name}" a budget in .size-limit.js`);
    const [what, budget] = ON_DEMAND[name];
    result.push({ name: `${entryName}: ${what}`, path: extra.map((f) => `${dir}/${f}`), limit: budget, gzip: true });
  }
  return result;
}

export default [
  ...checks('dist', '.vite/cdn-manifest.json', 'ic-widgets.min.js (every element)', '45 KB'),
  // scripts/build-sizes.ts builds each element alone into .size/<tag>/.
  ...readdirSync('src/elements')
    .sort()
    .flatMap((tag) => checks(`.size/${tag}`, '.vite/manifest.json', `<${tag}> imported alone`, '25 KB')),
];
