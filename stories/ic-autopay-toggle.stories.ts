import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import { BROKER, SESSION } from './broker-handlers.ts';
import { dark, fillCard, narrow, press, shows, storyOf } from './story-kit.ts';
import { flip, theSwitch, toggleArgTypes, type ToggleArgs, type ToggleStory } from './toggle-story.ts';

const story = storyOf<Element, ToggleArgs>('ic-autopay-toggle');

/** Maria (no saved method) turns AutoPay on: the form for a first method opens. */
async function openForm(el: Element): Promise<void> {
  await flip(el);
  await shows(el, 'Add the card or bank account');
}

/**
 * `<ic-autopay-toggle>`: AutoPay on or off for one account, with the method it
 * charges. In these stories a mock service worker answers as the broker
 * (`stories/broker-handlers.ts`), with the sandbox's data: John's **100200302** has AutoPay on with his Visa
 * ending 1111, his **100200301** has it off; Maria (**100200303**) has no
 * saved method, so turning AutoPay on asks for one (4000 0000 0000 0002 is declined).
 */
const meta: Meta<ToggleArgs> = {
  title: 'Self-service/ic-autopay-toggle',
  component: 'ic-autopay-toggle',
  tags: ['autodocs'],
  args: { lang: 'en', accountNumber: '100200301', disabled: false },
  argTypes: toggleArgTypes,
  render: (args) =>
    html`<ic-autopay-toggle
      lang=${args.lang}
      account-number=${args.accountNumber}
      ?disabled=${args.disabled}
      endpoint=${BROKER}
      token=${SESSION}
    ></ic-autopay-toggle>`,
};
export default meta;

export const OnWithMethod: ToggleStory = story({}, theSwitch, { args: { accountNumber: '100200302' } });

export const OffWithDefault: ToggleStory = story({}, theSwitch);

export const Loading: ToggleStory = story({ hangs: ['listAccounts'] });

export const Busy: ToggleStory = story({ hangs: ['updateAutopay'] }, flip);

export const Failed: ToggleStory = story({ fails: { updateAutopay: 'upstream_unavailable' } }, async (el) => {
  await flip(el);
  await shows(el, 'not available');
});

export const AccountNotFound: ToggleStory = story({}, (el) => shows(el, 'not in your online account'), {
  args: { accountNumber: '100200399' },
});

export const NoMethodFormOpen: ToggleStory = story({ user: 'maria' }, openForm, { args: { accountNumber: '100200303' } });

export const FormWithError: ToggleStory = story(
  { user: 'maria' },
  async (el) => {
    await openForm(el);
    await fillCard(el, 'Maria Garcia', '4000000000000002');
    await press(el, 'Save and turn on AutoPay');
    await shows(el, 'Your card was declined');
  },
  { args: { accountNumber: '100200303' } },
);

export const Spanish: ToggleStory = story({}, theSwitch, { args: { lang: 'es' } });

export const Dark: ToggleStory = story({}, theSwitch, { decorators: [dark], args: { accountNumber: '100200302' } });

export const Narrow: ToggleStory = story({ user: 'maria' }, openForm, { decorators: [narrow], args: { accountNumber: '100200303' } });
