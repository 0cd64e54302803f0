import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import { BROKER, SESSION } from './broker-handlers.ts';
import { dark, narrow, shows, storyOf } from './story-kit.ts';
import { flip, theSwitch, toggleArgTypes, type ToggleArgs, type ToggleStory } from './toggle-story.ts';

const story = storyOf<Element, ToggleArgs>('ic-paperless-toggle');

/**
 * `<ic-paperless-toggle>`: paperless billing on or off for one account. In
 * these stories a mock service worker answers as the broker
 * (`stories/broker-handlers.ts`), with the sandbox's accounts: **100200301** (paperless on) and **100200302** (off).
 */
const meta: Meta<ToggleArgs> = {
  title: 'Self-service/ic-paperless-toggle',
  component: 'ic-paperless-toggle',
  tags: ['autodocs'],
  args: { lang: 'en', accountNumber: '100200301', disabled: false },
  argTypes: toggleArgTypes,
  render: (args) =>
    html`<ic-paperless-toggle
      lang=${args.lang}
      account-number=${args.accountNumber}
      ?disabled=${args.disabled}
      endpoint=${BROKER}
      token=${SESSION}
    ></ic-paperless-toggle>`,
};
export default meta;

export const On: ToggleStory = story({}, theSwitch);

export const Off: ToggleStory = story({}, theSwitch, { args: { accountNumber: '100200302' } });

export const Loading: ToggleStory = story({ hangs: ['listAccounts'] });

export const Busy: ToggleStory = story({ hangs: ['updatePaperless'] }, flip);

export const Failed: ToggleStory = story({ fails: { updatePaperless: 'upstream_unavailable' } }, async (el) => {
  await flip(el);
  await shows(el, 'not available');
});

export const AccountNotFound: ToggleStory = story({}, (el) => shows(el, 'not in your online account'), {
  args: { accountNumber: '100200399' },
});

export const Disabled: ToggleStory = story({}, theSwitch, { args: { disabled: true } });

export const Spanish: ToggleStory = story({}, theSwitch, { args: { lang: 'es' } });

export const Dark: ToggleStory = story({}, theSwitch, { decorators: [dark] });

export const Narrow: ToggleStory = story({}, theSwitch, { decorators: [narrow], args: { lang: 'es' } });
