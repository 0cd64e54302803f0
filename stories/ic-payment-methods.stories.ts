import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ic-payment-methods/ic-payment-methods.ts';
import type { IcPaymentMethods } from '../src/elements/ic-payment-methods/ic-payment-methods.ts';
import { BROKER, SESSION } from './broker-handlers.ts';
import { appears, dark, deep, fillCard, narrow, press, storyOf, text, type, until } from './story-kit.ts';

interface Args {
  lang: 'en' | 'es';
}

// ---- Driving the element the way a user does: by label and button text ----

/** The methods have loaded (the list or the empty state is showing). */
const loaded = (el: IcPaymentMethods) => appears(el, 'ul.items, .base > p:not([role])', 'the payment methods');

/** Presses the button reading exactly `name`, inside `within` (the list, a form or the dialog). */
const pressIn = (el: IcPaymentMethods, name: string, within: string) => press(el, name, { exact: true, within });

/** Waits for `words` anywhere in the element, the payment-method form's own shadow root included. */
const shows = (el: IcPaymentMethods, words: string) =>
  until(
    () => [el.shadowRoot!, ...[...deep(el.shadowRoot!)].flatMap((n) => n.shadowRoot ?? [])].some((r) => text(r).includes(words)),
    `"${words}"`,
  );

async function openAdd(el: IcPaymentMethods, label = 'Add a card or bank account'): Promise<void> {
  await loaded(el);
  await pressIn(el, label, '.base');
  await appears(el, 'ic-payment-method-form', 'the add form');
}

/** Opens the remove dialog of John's Visa. */
async function removeVisa(el: IcPaymentMethods): Promise<void> {
  await loaded(el);
  await pressIn(el, 'Remove', 'li');
  await until(() => el.shadowRoot!.querySelector('dialog')?.open, 'the dialog');
}

/** A story whose broker behaves as given, driven to a state by `play`. */
const story = storyOf<IcPaymentMethods, Args>('ic-payment-methods');

// ---- Stories ----

/**
 * `<ic-payment-methods>`: the signed-in user's saved cards and bank accounts.
 * In these stories a mock service worker answers as the broker
 * (`stories/broker-handlers.ts`), signed in as John, who has a **Visa ending in 1111** (the default, and
 * AutoPay of 100200302 charges it). Add **4111 1111 1111 1111** or routing
 * **011000015** with account **123456789**; **4000 0000 0000 0002** is declined.
 */
const meta: Meta<Args> = {
  title: 'Self-service/ic-payment-methods',
  component: 'ic-payment-methods',
  tags: ['autodocs'],
  args: { lang: 'en' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
  },
  render: (args) => html`<ic-payment-methods lang=${args.lang} endpoint=${BROKER} token=${SESSION}></ic-payment-methods>`,
};
export default meta;
type Story = StoryObj<Args>;

export const List: Story = story({}, loaded);

export const Empty: Story = story({ user: 'maria' }, (el) => shows(el, 'No saved payment methods yet.'));

export const Loading: Story = story({ hangs: ['listPaymentMethods'] });

export const AddForm: Story = story({}, (el) => openAdd(el));

export const AddFormErrors: Story = story({}, async (el) => {
  await openAdd(el);
  await type(el, 'Card number', '4111111111111112');
  await pressIn(el, 'Save', 'form');
  await shows(el, 'Please fix 5 fields.');
});

export const Saving: Story = story({ hangs: ['storePaymentMethod'] }, async (el) => {
  await openAdd(el);
  await fillCard(el, 'John Smith');
  await pressIn(el, 'Save', 'form');
  await shows(el, 'Saving…');
});

export const Declined: Story = story({ latencyMs: 100 }, async (el) => {
  await openAdd(el);
  await fillCard(el, 'John Smith', '4000000000000002');
  await pressIn(el, 'Save', 'form');
  await shows(el, 'Your card was declined.');
});

export const EditForm: Story = story({}, async (el) => {
  await loaded(el);
  await pressIn(el, 'Edit', 'li');
  await type(el, 'Nickname (optional)', 'Travel card');
});

export const EditExpiryPast: Story = story({}, async (el) => {
  await loaded(el);
  await pressIn(el, 'Edit', 'li');
  await type(el, 'Expiration', '01/20');
  await pressIn(el, 'Save', 'form');
  await shows(el, 'This card has expired.');
});

export const RemoveDialog: Story = story({}, removeVisa);

export const RemoveRefused: Story = story({}, async (el) => {
  await removeVisa(el);
  await pressIn(el, 'Remove', 'dialog');
  await until(() => text(el.shadowRoot!.querySelector('dialog [role="alert"]')!).includes('AutoPay uses this payment method'), 'the error');
});

export const LoadError: Story = story({ fails: { listPaymentMethods: 'upstream_unavailable' } }, (el) => shows(el, 'not available'));

export const Spanish: Story = story({}, (el) => openAdd(el, 'Agregar una tarjeta o cuenta bancaria'), { args: { lang: 'es' } });

export const Dark: Story = story({}, loaded, {
  decorators: [dark],
});

export const Narrow: Story = story({}, (el) => openAdd(el), {
  decorators: [narrow],
});
