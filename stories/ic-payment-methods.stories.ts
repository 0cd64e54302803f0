import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '../src/elements/ic-payment-methods/ic-payment-methods.ts';
import type { IcPaymentMethods } from '../src/elements/ic-payment-methods/ic-payment-methods.ts';
import { FakeClient, type FakeClientOptions, type FakeSelfServiceOptions } from './fake-client.ts';

type Fake = FakeClientOptions & FakeSelfServiceOptions;

interface Args {
  lang: 'en' | 'es';
}

// ---- Driving the element the way a user does: by label and button text ----

function* deep(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}
const text = (n: Node) => (n.textContent ?? '').replace(/\s+/g, ' ').trim();

async function until<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (let v = check(); ; v = check()) {
    if (v) return v;
    if (Date.now() > end) throw new Error(`Story: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** The methods have loaded (the list or the empty state is showing). */
const loaded = (el: IcPaymentMethods) =>
  until(() => el.shadowRoot?.querySelector('ul.items, .base > p:not([role])'), 'the payment methods');

async function type(el: IcPaymentMethods, label: string, value: string): Promise<void> {
  const find = () => [...deep(el.shadowRoot!)].find((n): n is HTMLLabelElement => n instanceof HTMLLabelElement && text(n) === label);
  const input = (await until(find, `field ${label}`)).control as HTMLInputElement;
  if (input.type === 'radio') return input.click();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Presses the button reading `name`, inside `within` (the list, a form or the dialog). */
async function press(el: IcPaymentMethods, name: string, within = 'li, form, dialog'): Promise<void> {
  const find = () =>
    [...deep(el.shadowRoot!)].find((n): n is HTMLButtonElement => n instanceof HTMLButtonElement && !!n.closest(within) && text(n) === name);
  (await until(find, `button ${name}`)).click();
}

/** Waits for `words` anywhere in the element, the payment-method form's own shadow root included. */
const shows = (el: IcPaymentMethods, words: string) =>
  until(() => [el.shadowRoot!, ...[...deep(el.shadowRoot!)].flatMap((n) => n.shadowRoot ?? [])].some((r) => text(r).includes(words)), `"${words}"`);

async function openAdd(el: IcPaymentMethods, label = 'Add a card or bank account'): Promise<void> {
  await loaded(el);
  await press(el, label, '.base');
  await until(() => el.shadowRoot!.querySelector('ic-payment-method-form'), 'the add form');
}

async function fillCard(el: IcPaymentMethods, number = '4111111111111111'): Promise<void> {
  await type(el, 'Card number', number);
  await type(el, 'Expiration', '12/30');
  await type(el, 'Security code', '123');
  await type(el, 'Name on card', 'John Smith');
  await type(el, 'ZIP code', '62701');
}

/** Opens the remove dialog of John's Visa. */
async function removeVisa(el: IcPaymentMethods): Promise<void> {
  await loaded(el);
  await press(el, 'Remove', 'li');
  await until(() => el.shadowRoot!.querySelector('dialog')?.open, 'the dialog');
}

/** A story whose fake broker behaves as given, driven to a state by `play`. */
function story(fake: Fake, play?: (el: IcPaymentMethods) => Promise<unknown>, extra: Partial<Story> = {}): Story {
  return {
    parameters: { fake },
    ...(play
      ? { play: async ({ canvasElement }) => void (await play(canvasElement.querySelector('ic-payment-methods')!)) }
      : {}),
    ...extra,
  };
}

const wrap = (className: string, css: string) => (s: () => unknown) => html`<style>
    ${css}
  </style>
  <div class=${className}>${s() as TemplateResult}</div>`;

// ---- Stories ----

/**
 * `<ic-payment-methods>`: the signed-in user's saved cards and bank accounts.
 * These stories run against an in-browser fake broker (`stories/fake-client.ts`)
 * signed in as John, who has a **Visa ending in 1111** (the default, and
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
  render: (args, { parameters }) =>
    html`<ic-payment-methods lang=${args.lang} .client=${new FakeClient((parameters.fake ?? {}) as Fake)}></ic-payment-methods>`,
};
export default meta;
type Story = StoryObj<Args>;

export const List: Story = story({}, loaded);

export const Empty: Story = story({ user: 'maria' }, (el) => shows(el, 'No saved payment methods yet.'));

export const Loading: Story = story({ hangs: ['paymentMethods'] });

export const AddForm: Story = story({}, (el) => openAdd(el));

export const AddFormErrors: Story = story({}, async (el) => {
  await openAdd(el);
  await type(el, 'Card number', '4111111111111112');
  await press(el, 'Save', 'form');
  await shows(el, 'Please fix 5 fields.');
});

export const Saving: Story = story({ hangs: ['storePaymentMethod'] }, async (el) => {
  await openAdd(el);
  await fillCard(el);
  await press(el, 'Save', 'form');
  await shows(el, 'Saving…');
});

export const Declined: Story = story({ latencyMs: 100 }, async (el) => {
  await openAdd(el);
  await fillCard(el, '4000000000000002');
  await press(el, 'Save', 'form');
  await shows(el, 'Your card was declined.');
});

export const EditForm: Story = story({}, async (el) => {
  await loaded(el);
  await press(el, 'Edit', 'li');
  await type(el, 'Nickname (optional)', 'Travel card');
});

export const EditExpiryPast: Story = story({}, async (el) => {
  await loaded(el);
  await press(el, 'Edit', 'li');
  await type(el, 'Expiration', '01/20');
  await press(el, 'Save', 'form');
  await shows(el, 'This card has expired.');
});

export const RemoveDialog: Story = story({}, removeVisa);

export const RemoveRefused: Story = story({ fails: { removePaymentMethod: 'payment_method_in_use' } }, async (el) => {
  await removeVisa(el);
  await press(el, 'Remove', 'dialog');
  await until(() => text(el.shadowRoot!.querySelector('dialog [role="alert"]')!).includes('AutoPay uses this payment method'), 'the error');
});

export const LoadError: Story = story({ fails: { paymentMethods: 'upstream_unavailable' } }, (el) => shows(el, 'not available'));

export const Spanish: Story = story({}, (el) => openAdd(el, 'Agregar una tarjeta o cuenta bancaria'), { args: { lang: 'es' } });

export const Dark: Story = story({}, loaded, {
  decorators: [
    wrap(
      'dark',
      `.dark { color-scheme: dark; background: #111316; color: #e8eaed; padding: 1rem;
        --ic-color-primary: #8ab4f8; --ic-color-on-primary: #0b1d33; --ic-color-text: #e8eaed;
        --ic-color-text-muted: #bdc1c6; --ic-color-surface: #1f2226; --ic-color-surface-subtle: #2a2e33;
        --ic-color-border: #9aa0a6; --ic-color-error: #f28b82; }`,
    ),
  ],
});

export const Narrow: Story = story({}, (el) => openAdd(el), {
  decorators: [wrap('narrow', '.narrow { inline-size: 320px; outline: 1px dashed #999; }')],
});
