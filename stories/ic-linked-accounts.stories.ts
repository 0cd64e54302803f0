import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import type { IcLinkedAccounts } from '../src/index.ts';
import { BROKER, SESSION } from './broker-handlers.ts';
import { appears, dark, narrow, press, shows, storyOf, text, type, until } from './story-kit.ts';

interface Args {
  lang: 'en' | 'es';
}

// ---- Driving the element the way a user does: by label and button text ----

/** The accounts have loaded (the list or the empty state is showing). */
const loaded = (el: IcLinkedAccounts) => appears(el, 'form', 'the accounts');

/** The Unregister button of one account. */
async function unregister(el: IcLinkedAccounts, account: string): Promise<void> {
  await loaded(el);
  const item = [...el.shadowRoot!.querySelectorAll('ul.items > li')].find((li) => li.querySelector('strong')?.textContent === account);
  item!.querySelector('button')!.click();
  await until(() => el.shadowRoot!.querySelector('dialog')?.open, 'the dialog');
}

async function link(el: IcLinkedAccounts, account: string, lastName: string): Promise<void> {
  await loaded(el);
  await type(el, 'Account number', account);
  await type(el, 'Last name', lastName);
  await press(el, 'Link account', { within: 'form' });
}

/** A story whose broker behaves as given, driven to a state by `play`. */
const story = storyOf<IcLinkedAccounts, Args>('ic-linked-accounts');

// ---- Stories ----

/**
 * `<ic-linked-accounts>`: the signed-in user's accounts. In these stories a
 * mock service worker answers as the broker (`stories/broker-handlers.ts`),
 * signed in as John: **100200301**, and **100200302** linked under it. Link **100200305**
 * with last name **Smith**. Unregistering 100200301 also removes 100200302,
 * and the dialog says so.
 */
const meta: Meta<Args> = {
  title: 'Self-service/ic-linked-accounts',
  component: 'ic-linked-accounts',
  tags: ['autodocs'],
  args: { lang: 'en' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
  },
  render: (args) => html`<ic-linked-accounts lang=${args.lang} endpoint=${BROKER} token=${SESSION}></ic-linked-accounts>`,
};
export default meta;
type Story = StoryObj<Args>;

export const List: Story = story({}, loaded);

export const Loading: Story = story({ hangs: ['listAccounts'] });

export const LoadError: Story = story({ fails: { listAccounts: 'upstream_unavailable' } }, (el) => shows(el, 'not available'));

export const LinkFormErrors: Story = story({}, async (el) => {
  await loaded(el);
  await type(el, 'Account number', '1002$0305');
  await press(el, 'Link account', { within: 'form' });
  await shows(el, 'Enter the last name on the account.');
});

export const Linking: Story = story({ hangs: ['linkAccount'] }, async (el) => {
  await link(el, '100200305', 'Smith');
  await shows(el, 'Linking…');
});

export const Linked: Story = story({ latencyMs: 100 }, async (el) => {
  await link(el, '100200305', 'Smith');
  await shows(el, 'Account 100200305 linked');
});

export const LinkNotFound: Story = story({}, async (el) => {
  await link(el, '100200305', 'Doe');
  await shows(el, 'We could not find an account with that number and last name.');
});

export const UnregisterDialog: Story = story({}, (el) => unregister(el, '100200301'));

export const Unregistering: Story = story({ hangs: ['unregisterAccount'] }, async (el) => {
  await unregister(el, '100200301');
  await press(el, 'Unregister', { within: 'dialog' });
  await shows(el, 'Unregistering…');
});

export const UnregisterFailed: Story = story({ fails: { unregisterAccount: 'upstream_unavailable' } }, async (el) => {
  await unregister(el, '100200301');
  await press(el, 'Unregister', { within: 'dialog' });
  await until(() => text(el.shadowRoot!.querySelector('dialog [role="alert"]')!).includes('not available'), 'the error');
});

/** Unregistering the primary account took the linked one with it: nothing is left. */
export const Empty: Story = story({ latencyMs: 100 }, async (el) => {
  await unregister(el, '100200301');
  await press(el, 'Unregister', { within: 'dialog' });
  await shows(el, 'No accounts are registered to you yet.');
});

export const Spanish: Story = story({}, loaded, { args: { lang: 'es' } });

export const SpanishDialog: Story = story({}, (el) => unregister(el, '100200301'), { args: { lang: 'es' } });

export const Narrow: Story = story({}, loaded, {
  decorators: [narrow],
});

export const Dark: Story = story({}, (el) => unregister(el, '100200301'), {
  decorators: [dark],
});
