import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  // Every story file gets a generated docs page.
  tags: ['autodocs'],
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};

export default preview;
