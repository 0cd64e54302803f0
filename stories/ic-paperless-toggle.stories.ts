import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import { dark, fakeFor, narrow, shows, storyOf } from './story-kit.ts';
import { flip, theSwitch, toggleArgTypes, type ToggleArgs, type ToggleFake, type ToggleStory } from './toggle-story.ts';

const story = storyOf<Element, ToggleArgs, ToggleFake>('ic-paperless-toggle');

/**
 * `<ic-paperless-toggle>`: paperless billing on or off for one account. These
 * stories use an in-browser fake broker (`stories/fake-client.ts`) with the
 * sandbox's accounts: **100200301** (paperless on) and **100200302** (off).
 */
const meta: Meta<ToggleArgs> = {
  title: 'Self-service/ic-paperless-toggle',
  component: 'ic-paperless-toggle',
  tags: ['autodocs'],
  args: { lang: 'en', accountNumber: '100200301', disabled: false },
  argTypes: toggleArgTypes,
  render: (args, { parameters }) =>
    html`<ic-paperless-toggle
      lang=${args.lang}
      account-number=${args.accountNumber}
      ?disabled=${args.disabled}
      .client=${fakeFor(parameters)}
    ></ic-paperless-toggle>`,
};
export default meta;

export const On: ToggleStory = story({}, theSwitch);

export const Off: ToggleStory = story({}, theSwitch, { args: { accountNumber: '100200302' } });

export const Loading: ToggleStory = story({ hangs: ['accounts'] });

export const Busy: ToggleStory = story({ hangs: ['setPaperless'] }, flip);

export const Failed: ToggleStory = story({ fails: { setPaperless: 'upstream_unavailable' } }, async (el) => {
  await flip(el);
  await shows(el, 'not available');
});

export const AccountNotFound: ToggleStory = story({}, (el) => shows(el, 'not in your online account'), { args: { accountNumber: '100200399' } });

export const Disabled: ToggleStory = story({}, theSwitch, { args: { disabled: true } });

export const Spanish: ToggleStory = story({}, theSwitch, { args: { lang: 'es' } });

export const Dark: ToggleStory = story({}, theSwitch, { decorators: [dark] });

export const Narrow: ToggleStory = story({}, theSwitch, { decorators: [narrow], args: { lang: 'es' } });
