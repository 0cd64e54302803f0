// `npm run build:demo`: the React 19 and Vue 3 example pages, built as a host
// would build them: `ic-widgets` imported from the package's bundler build
// (dist/, so `npm run build` first), lit bundled once into the page. Output in
// demo/dist/ (not dist/, which is the package), served at /react/ and /vue/.
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  // The pages link the demo site's own stylesheet and icon, served beside them.
  publicDir: false,
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ic-') } } })],
  build: {
    target: 'es2022',
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    rolldownOptions: { input: { react: resolve(here, 'react/index.html'), vue: resolve(here, 'vue/index.html') } },
  },
});
