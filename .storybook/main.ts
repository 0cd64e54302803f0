import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // The fake broker's InvoiceCloud portal page (stories/fake-client.ts): served over http(s), as a portal URL must be.
  staticDirs: [{ from: '../stories/fake-invoicecloud', to: '/fake-invoicecloud' }],
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
