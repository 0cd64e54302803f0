// The builds, one per mode:
//   vite build              ES modules for bundlers: dist/index.js, one
//                           dist/elements/<tag>.js per element, dist/contract.js;
//                           lit, @lit/* and zod stay external (the host dedupes them).
//   vite build --mode cdn   dist/ic-widgets.min.js for a plain <script type="module">
//                           tag: every element, lit inside, and beside it the
//                           chunks it imports by relative URL (what it loads on
//                           demand, and the code that shares).
//   vite build --mode node  dist/node/broker.js and dist/node/sandbox.js for Node,
//                           every dependency and builtin left to Node to resolve.
//   vite build --mode size-<tag>
//                           .size/<tag>/: that element alone, built like the CDN
//                           file: what a page that imports only it loads, weighed
//                           by the budgets in .size-limit.js (scripts/build-sizes.ts
//                           builds every tag).
// The bundler build must keep lit external and the CDN build must inline it, and
// a single rolldown pass has only one set of externals, hence separate modes.
// The default mode empties dist/; the others add to it, so run the default first.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const target = 'es2022';

/** Every element folder src/elements/<tag>/ holds <tag>.ts, which defines the element on import. */
function elementEntries(): Record<string, string> {
  return Object.fromEntries(
    readdirSync('src/elements', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => [`elements/${d.name}`, `src/elements/${d.name}/${d.name}.ts`]),
  );
}

/** Bare imports (packages) and node builtins; relative and absolute paths are ours to bundle. */
function isDependency(id: string): boolean {
  return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);
}

const browserModules: UserConfig = {
  build: {
    target,
    outDir: 'dist',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts', contract: 'src/contract/index.ts', ...elementEntries() },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

const cdnBundle: UserConfig = {
  // Lit reads NODE_ENV; a browser without a bundler has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target,
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: true,
    // Which file imports which, statically or on demand: what the size
    // budgets (.size-limit.js) add up. Not part of the package.
    manifest: '.vite/cdn-manifest.json',
    lib: {
      entry: { 'ic-widgets.min': 'src/index.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      // Code that the on-demand parts share with the elements stays in the
      // main file, which exports it to them, instead of a chunk of its own
      // that every page would fetch as a second file anyway.
      preserveEntrySignatures: 'allow-extension',
      // lit's css`` only builds a style sheet: a build drops those no element uses.
      treeshake: { manualPureFunctions: ['css'] },
      output: {
        // What a page loads on demand (the Spanish terms, the steps of paying)
        // and the code those parts share with the elements are chunks beside
        // the main file, imported by relative URL: any folder works, and on
        // the same origin `script-src 'self'` allows them. The hash ties each
        // main file to its own version of them.
        chunkFileNames: 'ic-widgets-[name]-[hash].min.js',
        // Vite keeps whitespace in ES libraries for the sake of a later bundler;
        // this file is the end product, so minify it all. Licence notices stay.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
};

/** The broker's schema migrations beside dist/node/broker.js, where the store reads them (src/broker/store.ts). */
const brokerMigrations: Plugin = {
  name: 'broker-migrations',
  generateBundle() {
    for (const dialect of readdirSync('src/broker/migrations')) {
      for (const file of readdirSync(`src/broker/migrations/${dialect}`)) {
        const fileName = `migrations/${dialect}/${file}`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(`src/broker/${fileName}`, 'utf8') });
      }
    }
  },
};

const nodeServers: UserConfig = {
  plugins: [brokerMigrations],
  build: {
    target: 'node20',
    outDir: 'dist/node',
    emptyOutDir: true,
    ssr: true,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { broker: 'src/broker/index.ts', sandbox: 'src/sandbox/index.ts' },
      external: (id) => isDependency(id) || builtinModules.includes(id),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
};

/** One element alone, built like the CDN file into .size/<tag>/: what a page that imports only it loads. */
function elementAlone(tag: string): UserConfig {
  return {
    ...cdnBundle,
    build: {
      ...cdnBundle.build,
      outDir: `.size/${tag}`,
      emptyOutDir: true,
      sourcemap: false,
      manifest: true,
      lib: { entry: { [tag]: `src/elements/${tag}/${tag}.ts` }, formats: ['es'], fileName: (_format, entryName) => `${entryName}.min.js` },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'cdn') return cdnBundle;
  if (mode.startsWith('size-')) return elementAlone(mode.slice('size-'.length));
  if (mode === 'node') return nodeServers;
  return browserModules;
});
