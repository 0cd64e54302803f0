// Three builds, one per mode, all into dist/:
//   vite build              ES modules for bundlers: dist/index.js, one
//                           dist/elements/<tag>.js per element, dist/contract.js;
//                           lit, @lit/* and zod stay external (the host dedupes them).
//   vite build --mode cdn   dist/ic-widgets.min.js: one minified, self-contained
//                           module (lit and zod/mini inside) for a plain <script type="module">
//                           tag, and beside it the Spanish terms, which it
//                           imports (relative URL) only when a page needs them.
//   vite build --mode node  dist/node/broker.js and dist/node/sandbox.js for Node,
//                           every dependency and builtin left to Node to resolve.
//   vite build --mode size-<tag>
//                           .size/<tag>.min.js: that element alone, built like the
//                           CDN file, lit included: what the budget weighs per
//                           element (scripts/build-sizes.ts builds every tag), and
//                           .size/<tag>-form.min.js (and -steps), what it loads
//                           when a payer first needs it (ON_DEMAND below).
// The bundler build must keep lit external and the CDN build must inline it, and
// a single rolldown pass has only one set of externals, hence separate modes.
// The default mode empties dist/; the others add to it, so run the default first.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
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

/** Modules the CDN build may load on demand: the term tables other than English. */
const LANGUAGE_MODULE = /\/src\/internal\/i18n-[a-z]+\.ts$/;
/**
 * What an element alone loads when a payer first needs it, by the name of its
 * file: the card and bank form (src/internal/method-form-loader.ts), the
 * steps of one-time pay after the look-up (src/internal/guest-steps.ts) and
 * those of paying a bill (src/internal/bill-steps.ts).
 */
const ON_DEMAND: Record<string, RegExp> = {
  form: /\/internal\/payment-method-form\.ts$/,
  steps: /\/internal\/(guest|bill)-steps\.ts$/,
};
const onDemandName = (id: string) => Object.keys(ON_DEMAND).find((name) => ON_DEMAND[name]!.test(id));

/**
 * The CDN file must stay the one script a page needs: the only other files it
 * may load are the language tables, each standalone. Anything else split off
 * (a new dynamic import, a shared chunk) fails the build. An element built
 * alone (`size-<tag>`) may also split off what it loads on demand (ON_DEMAND).
 */
function onlyLanguageChunks(o: { onDemand?: boolean } = {}): Plugin {
  return {
    name: 'ic-only-language-chunks',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.isEntry) continue;
        const id = chunk.facadeModuleId ?? '';
        const ok =
          chunk.isDynamicEntry && ((LANGUAGE_MODULE.test(id) && chunk.imports.length === 0) || (o.onDemand === true && onDemandName(id) !== undefined));
        if (!ok) this.error(`The CDN build may split off only language tables, not ${chunk.fileName} (${chunk.facadeModuleId ?? 'shared code'}).`);
      }
    },
  };
}

/**
 * The all-elements file holds what elements load on demand too (ON_DEMAND):
 * their `import()` of it becomes a static import, so the file stays one
 * script (and one chunk: on-demand entries that are also reached statically
 * would otherwise be split into a chunk of their own). The imports go at the
 * end, which keeps the source map's lines.
 */
function onDemandBundled(): Plugin {
  return {
    name: 'ic-on-demand-bundled',
    transform(code, id) {
      if (!id.includes('/src/')) return null;
      const imports: string[] = [];
      const out = code.replace(/\bimport\((['"])(\.[^'"]+)\1\)/g, (call, _quote, spec: string) => {
        if (!onDemandName(spec)) return call;
        imports.push(`import * as __onDemand${imports.length} from '${spec}';`);
        return `Promise.resolve(__onDemand${imports.length - 1})`;
      });
      return imports.length ? { code: `${out}\n${imports.join('\n')}\n`, map: null } : null;
    },
  };
}

const cdnBundle: UserConfig = {
  // Lit and zod read NODE_ENV; a browser without a bundler has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // The whitespace inside html`` and css`` templates is not touched by the JS
  // minifier; this squeezes it out (a build error is a build failure).
  plugins: [minifyTemplateLiterals({ include: ['src/**/*.ts'], failOnError: true }), onlyLanguageChunks(), onDemandBundled()],
  build: {
    target,
    outDir: 'dist',
    emptyOutDir: false,
    // Terser after rolldown's own minifier: ~0.5 KB gzip less of the 35 KB budget
    // (safe options only: no unsafe compressions, no assumptions about getters).
    minify: 'terser',
    terserOptions: { module: true, compress: { passes: 3 }, mangle: { toplevel: true }, format: { comments: /@license|@preserve|^!/ } },
    sourcemap: true,
    lib: {
      entry: { 'ic-widgets.min': 'src/index.ts' },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      // lit's css`` only builds a style sheet: a build drops those no element uses.
      treeshake: { manualPureFunctions: ['css'] },
      output: {
        // Spanish (~2 KB gzip) is fetched only by pages that show it, from
        // beside the main file: the import is relative, so any folder works,
        // and it is the same origin, so `script-src 'self'` allows it. The
        // hash ties the main file to its own version of the table.
        chunkFileNames: 'ic-widgets-[name]-[hash].min.js',
        // Vite keeps whitespace in ES libraries for the sake of a later bundler;
        // this file is the end product, so minify it all. Licence notices stay.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
};

const nodeServers: UserConfig = {
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

function elementAlone(tag: string): UserConfig {
  const output = cdnBundle.build!.rolldownOptions!.output as object;
  return {
    ...cdnBundle,
    plugins: [minifyTemplateLiterals({ include: ['src/**/*.ts'], failOnError: true }), onlyLanguageChunks({ onDemand: true })],
    build: {
      ...cdnBundle.build,
      outDir: '.size',
      emptyOutDir: false,
      lib: { entry: { [tag]: `src/elements/${tag}/${tag}.ts` }, formats: ['es'], fileName: (_format, entryName) => `${entryName}.min.js` },
      rolldownOptions: {
        ...cdnBundle.build!.rolldownOptions,
        // Lets the shared code stay in the element's file (which then exports it to its on-demand chunks) instead of a third file.
        preserveEntrySignatures: 'allow-extension',
        output: {
          ...output,
          // An on-demand chunk differs per element (it holds what that element lacks): named after it.
          chunkFileNames: (chunk) => {
            const name = onDemandName(chunk.facadeModuleId ?? '');
            return name ? `${tag}-${name}.min.js` : 'ic-widgets-[name]-[hash].min.js';
          },
        },
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'cdn') return cdnBundle;
  if (mode.startsWith('size-')) return elementAlone(mode.slice('size-'.length));
  if (mode === 'node') return nodeServers;
  return browserModules;
});
