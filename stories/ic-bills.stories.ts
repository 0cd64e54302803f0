import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/ic-bills/ic-bills.ts';
import type { IcBills } from '../src/elements/ic-bills/ic-bills.ts';
import { BROKER, SESSION } from './broker-handlers.ts';
import { appears, dark, fillCard, narrow, press, shows, storyOf, text, type, until } from './story-kit.ts';

interface Args {
  lang: 'en' | 'es';
  accountNumber: string;
  pageSize: number;
}

// ---- Driving the element the way a payer does: by label and button text ----

/** The bills have loaded (the "Open bills" heading is showing). */
const loaded = (el: IcBills) => appears(el, 'h3', 'the bills');

/** Presses the visible button reading exactly `name`. */
const pressExactly = (el: IcBills, name: string) => press(el, name, { exact: true, visible: true });

const heading = (el: IcBills, name: string) => until(() => text(el.shadowRoot!.querySelector('h2')!) === name, `heading ${name}`);

async function toPayForm(el: IcBills, pay = 'Pay', title = 'Pay bill INV-2001'): Promise<void> {
  await loaded(el);
  await pressExactly(el, pay);
  await heading(el, title);
}

async function newCard(el: IcBills, number?: string): Promise<void> {
  await type(el, 'A new card or bank account', '');
  await fillCard(el, 'John Smith', number);
}

async function toReview(el: IcBills, fill?: (el: IcBills) => Promise<void>): Promise<void> {
  await toPayForm(el);
  await fill?.(el);
  await pressExactly(el, 'Continue');
  await heading(el, 'Review your payment');
}

/** A story whose broker behaves as given, driven to a state by `play`. */
const story = storyOf<IcBills, Args>('ic-bills');

// ---- Stories ----

/**
 * `<ic-bills>`: a signed-in payer's open bills and payment history, and
 * paying a bill. In these stories a mock service worker answers as the
 * broker (`stories/broker-handlers.ts`), seeded like the sandbox: John Smith's account
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
  render: (args) =>
    html`<ic-bills
      lang=${args.lang}
      account-number=${args.accountNumber}
      page-size=${args.pageSize}
      endpoint=${BROKER}
      token=${SESSION}
    ></ic-bills>`,
};
export default meta;
type Story = StoryObj<Args>;

export const BillsAndHistory: Story = story({});

export const LongHistory: Story = story({ historyLength: 25 }, async (el) => {
  await loaded(el);
  await pressExactly(el, 'Show more');
});

export const NothingDue: Story = story({}, undefined, { args: { accountNumber: '100200302' } });

export const Loading: Story = story({ hangs: ['listBills'] });

export const LoadError: Story = story({ fails: { listBills: 'upstream_unavailable' } });

export const PayWithSavedMethod: Story = story({}, (el) => toPayForm(el));

export const PayWithNewMethod: Story = story({}, async (el) => {
  await toPayForm(el);
  await type(el, 'A new card or bank account', '');
});

export const Review: Story = story({}, (el) => toReview(el));

export const Paying: Story = story({ hangs: ['payBill'] }, async (el) => {
  await toReview(el);
  await pressExactly(el, 'Pay $142.75');
});

/** InvoiceCloud has not answered in time: the payer is told not to pay again while it is confirmed. */
export const Confirming: Story = story({ payPending: true }, async (el) => {
  await toReview(el);
  await pressExactly(el, 'Pay $142.75');
  await heading(el, 'Confirming your payment');
});

/** Confirming has taken longer than the broker's review time: not to pay again, and an email will follow. */
export const UnderReview: Story = story({ payPending: true, reviewing: true, confirmationEmail: true }, async (el) => {
  await toReview(el);
  await pressExactly(el, 'Pay $142.75');
  await shows(el, 'taking longer than usual');
});

/** A payment of the bill (from another tab or device) awaits confirmation: no Pay button until it is confirmed. */
export const BillBeingConfirmed: Story = story({ paymentPendingSince: new Date(Date.now() - 12 * 60_000).toISOString() }, async (el) => {
  await loaded(el);
  await shows(el, 'is still being confirmed');
});

export const Receipt: Story = story({}, async (el) => {
  await toReview(el);
  await pressExactly(el, 'Pay $142.75');
  await heading(el, 'Payment received');
});

export const Declined: Story = story({}, async (el) => {
  await toReview(el, (e) => newCard(e, '4000000000000002'));
  await pressExactly(el, 'Pay $142.75');
  await heading(el, 'Pay bill INV-2001');
});

export const Spanish: Story = story({}, (el) => toPayForm(el, 'Pagar', 'Pagar la factura INV-2001'), { args: { lang: 'es' } });

export const Dark: Story = story({}, undefined, { decorators: [dark] });

export const Narrow: Story = story({}, undefined, {
  decorators: [narrow],
  parameters: { viewport: { defaultViewport: 'mobile1' } },
});
