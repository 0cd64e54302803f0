import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { BROKER, reseedBrokers } from '../stories/broker-handlers.ts';
// `npm run analyze` writes it from the elements' JSDoc: autodocs list every attribute, property, event, part and custom property.
import manifest from '../custom-elements.json';

setCustomElementsManifest(manifest);

/** The mock service worker that answers the elements' broker requests (stories/broker-handlers.ts). */
async function startWorker() {
  const worker = setupWorker();
  // MSW turns a handler that throws into a quiet 500; a handler bug must fail the story check instead.
  worker.events.on('unhandledException', ({ request, error }) =>
    console.error(`Story broker: ${request.method} ${request.url} threw`, error),
  );
  await worker.start({
    quiet: true,
    // Relative to the preview page, so a Storybook published under a sub-path finds it too.
    serviceWorker: { url: './mockServiceWorker.js' },
    // A broker request no handler answers is a story bug: MSW logs it as an error, which fails the story check.
    // Anything else (Storybook's own files, the portal page) goes to the network as usual.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).pathname.startsWith(`${BROKER}/`)) print.error();
    },
  });
  return worker;
}

const preview: Preview = {
  // Every story file gets a generated docs page.
  tags: ['autodocs'],
  // The worker is started (once) and the story's handlers (`parameters.msw.handlers`) in place before a story renders.
  loaders: [mswLoader(startWorker)],
  beforeEach: reseedBrokers,
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // On a docs page, each story in a frame of its own: inline, every story on the page would share the
    // broker handlers of the last one rendered (one service worker per page), and show its state.
    docs: { story: { inline: false, height: '420px' } },
  },
};

export default preview;
