import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '../src/elements/ic-bills/ic-bills.ts';
import type { IcBills } from '../src/elements/ic-bills/ic-bills.ts';
import { FakeClient, type FakeClientOptions, type FakeSelfServiceOptions } from './fake-client.ts';

type Fake = FakeClientOptions & FakeSelfServiceOptions;

interface Args {
  lang: 'en' | 'es';
  accountNumber: string;
  pageSize: number;
}

// ---- Driving the element the way a payer does: by label and button text ----

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

/** The bills have loaded (the "Open bills" heading is showing). */
const loaded = (el: IcBills) => until(() => el.shadowRoot?.querySelector('h3'), 'the bills');

async function type(el: IcBills, label: string, value: string): Promise<void> {
  const find = () => [...deep(el.shadowRoot!)].find((n): n is HTMLLabelElement => n instanceof HTMLLabelElement && text(n) === label);
  const input = (await until(find, `field ${label}`)).control as HTMLInputElement;
  if (input.type === 'radio') return input.click();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Presses the visible button reading exactly `name`. */
async function press(el: IcBills, name: string): Promise<void> {
  const find = () =>
    [...deep(el.shadowRoot!)].find((n): n is HTMLButtonElement => n instanceof HTMLButtonElement && !n.closest('[hidden]') && text(n) === name);
  (await until(find, `button ${name}`)).click();
}

const heading = (el: IcBills, name: string) => until(() => text(el.shadowRoot!.querySelector('h2')!) === name, `heading ${name}`);

async function toPayForm(el: IcBills, pay = 'Pay', title = 'Pay bill INV-2001'): Promise<void> {
  await loaded(el);
  await press(el, pay);
  await heading(el, title);
}

async function newCard(el: IcBills, number = '4111111111111111'): Promise<void> {
  await type(el, 'A new card or bank account', '');
  await type(el, 'Card number', number);
  await type(el, 'Expiration', '12/30');
  await type(el, 'Security code', '123');
  await type(el, 'Name on card', 'John Smith');
  await type(el, 'ZIP code', '62701');
}

async function toReview(el: IcBills, fill?: (el: IcBills) => Promise<void>): Promise<void> {
  await toPayForm(el);
  await fill?.(el);
  await press(el, 'Continue');
  await heading(el, 'Review your payment');
}

/** A story whose fake broker behaves as given, driven to a state by `play`. */
function story(fake: Fake, play?: (el: IcBills) => Promise<unknown>, extra: Partial<Story> = {}): Story {
  return {
    parameters: { fake },
    ...(play ? { play: async ({ canvasElement }) => void (await play(canvasElement.querySelector('ic-bills')!)) } : {}),
    ...extra,
  };
}

const wrap = (className: string, css: string) => (s: () => unknown) => html`<style>
    ${css}
  </style>
  <div class=${className}>${s() as TemplateResult}</div>`;

// ---- Stories ----

/**
 * `<ic-bills>`: a signed-in payer's open bills and payment history, and
 * paying a bill. These stories run against an in-browser fake broker
 * (`stories/fake-client.ts`) seeded like the sandbox: John Smith's account
 * **100200301**, INV-2001 $142.75 open, a saved Visa ending in 1111;
 * 4000 0000 0000 0002 is declined.
 */
const meta: Meta<Args> = {
  title: 'Self-service/ic-bills',
  component: 'ic-bills',
  tags: ['autodocs'],
  args: { lang: 'en', accountNumber: '100200301', pageSize: 10 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
    accountNumber: { name: 'account-number', control: 'text', description: 'The account whose bills are shown.' },
    pageSize: { name: 'page-size', control: { type: 'number', min: 1, max: 50 }, description: 'Payments per page of history.' },
  },
  decorators: [
    (s) => {
      // Each story starts fresh: no payment attempt left over from another story.
      for (const key of Object.keys(sessionStorage)) if (key.startsWith('ic-bills:attempt:')) sessionStorage.removeItem(key);
      return s();
    },
  ],
  render: (args, { parameters }) =>
    html`<ic-bills
      lang=${args.lang}
      account-number=${args.accountNumber}
      page-size=${args.pageSize}
      .client=${new FakeClient((parameters.fake ?? {}) as Fake)}
    ></ic-bills>`,
};
export default meta;
type Story = StoryObj<Args>;

export const BillsAndHistory: Story = story({});

export const LongHistory: Story = story({ historyLength: 25 }, async (el) => {
  await loaded(el);
  await press(el, 'Show more');
});

export const NothingDue: Story = story({}, undefined, { args: { accountNumber: '100200302' } });

export const Loading: Story = story({ hangs: ['bills'] });

export const LoadError: Story = story({ fails: { bills: 'upstream_unavailable' } });

export const PayWithSavedMethod: Story = story({}, (el) => toPayForm(el));

export const PayWithNewMethod: Story = story({}, async (el) => {
  await toPayForm(el);
  await type(el, 'A new card or bank account', '');
});

export const Review: Story = story({}, (el) => toReview(el));

export const Paying: Story = story({ hangs: ['payBill'] }, async (el) => {
  await toReview(el);
  await press(el, 'Pay $142.75');
});

export const Receipt: Story = story({}, async (el) => {
  await toReview(el);
  await press(el, 'Pay $142.75');
  await heading(el, 'Payment received');
});

export const Declined: Story = story({ fails: { payBill: 'card_declined' } }, async (el) => {
  await toReview(el, (e) => newCard(e, '4000000000000002'));
  await press(el, 'Pay $142.75');
  await heading(el, 'Pay bill INV-2001');
});

export const Spanish: Story = story({}, (el) => toPayForm(el, 'Pagar', 'Pagar la factura INV-2001'), { args: { lang: 'es' } });

export const Dark: Story = story({}, undefined, {
  decorators: [
    wrap(
      'dark',
      `.dark { color-scheme: dark; background: #111316; padding: 1rem;
        --ic-color-primary: #8ab4f8; --ic-color-on-primary: #0b1d33; --ic-color-text: #e8eaed;
        --ic-color-text-muted: #bdc1c6; --ic-color-surface: #1f2226; --ic-color-surface-subtle: #2a2e33;
        --ic-color-border: #9aa0a6; --ic-color-error: #f28b82; --ic-color-success: #81c995; }`,
    ),
  ],
});

export const Narrow: Story = story({}, undefined, {
  decorators: [wrap('narrow', '.narrow { inline-size: 320px; outline: 1px dashed #999; }')],
  parameters: { fake: {}, viewport: { defaultViewport: 'mobile1' } },
});
