import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // The mock service worker (msw's install step keeps it in step with msw: package.json `msw.workerDirectory`)
  // and the stand-in portal page the stories frame.
  staticDirs: ['./public'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (config) => ({
    ...config,
    // Keep `storybook build --quiet` quiet: Vite's per-file listing and the
    // warning about Storybook's own large preview chunk say nothing about our
    // code (the widget bundle has its own size limit).
    logLevel: 'warn',
    build: { ...config.build, chunkSizeWarningLimit: 4096 },
  }),
};

export default config;
