import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import type { IcOneTimePay } from '../src/index.ts';
import { ATTEMPT_STORAGE_KEY } from '../src/payments/payment-attempt.ts';
import { BROKER } from './broker-handlers.ts';
import { dark, fillCard, narrow, press, shows, storyOf, text, type, until, wrap } from './story-kit.ts';

interface Args {
  lang: 'en' | 'es';
  accountNumber: string;
}

// ---- Driving the element the way a payer does: by label and button text ----

async function heading(el: IcOneTimePay, name: string): Promise<void> {
  await until(() => text(el.shadowRoot!.querySelector('h2')!).endsWith(name), `heading ${name}`);
}

async function findBill(el: IcOneTimePay, lastName = 'Doe'): Promise<void> {
  await el.updateComplete;
  await type(el, 'Account number', '100200300');
  await type(el, 'Last name', lastName);
  await press(el, 'Find my bill');
}

async function toMethod(el: IcOneTimePay): Promise<void> {
  await findBill(el);
  await heading(el, 'Payment amount');
  await press(el, 'Continue');
  await heading(el, 'Payment method');
}

async function fillBank(el: IcOneTimePay, routing = '011000015', account = '123456789'): Promise<void> {
  await type(el, 'Bank account', '');
  await type(el, 'Routing number', routing);
  await type(el, 'Bank account number', account);
  await type(el, 'Confirm bank account number', account);
  await type(el, 'Name on the bank account', 'Jane Doe');
}

async function toReview(el: IcOneTimePay, fill = (e: IcOneTimePay) => fillCard(e, 'Jane Doe')): Promise<void> {
  await toMethod(el);
  await fill(el);
  await press(el, 'Continue');
  await heading(el, 'Review your payment');
}

/** A story whose broker behaves as given, driven to a state by `play`. */
const story = storyOf<IcOneTimePay, Args>('ic-one-time-pay');

// ---- Stories ----

/**
 * `<ic-one-time-pay>`: a guest pays a bill in five steps. In these stories a
 * mock service worker answers as the broker (`stories/broker-handlers.ts`),
 * with the sandbox's data: account **100200300**, last name **Doe**, card
 * **4111 1111 1111 1111**; 4000 0000 0000 0002 is declined.
 */
const meta: Meta<Args> = {
  title: 'Payments/ic-one-time-pay',
  component: 'ic-one-time-pay',
  tags: ['autodocs'],
  args: { lang: 'en', accountNumber: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
    accountNumber: { name: 'account-number', control: 'text', description: 'Prefills the account number.' },
  },
  decorators: [
    (s) => {
      // Each story starts fresh: no payment attempt left over from another story.
      sessionStorage.removeItem(ATTEMPT_STORAGE_KEY);
      return s();
    },
  ],
  render: (args) => html`<ic-one-time-pay lang=${args.lang} account-number=${args.accountNumber} endpoint=${BROKER}></ic-one-time-pay>`,
};
export default meta;
type Story = StoryObj<Args>;

export const FindBill: Story = story({});

export const LookupBusy: Story = story({ hangs: ['lookupGuestAccount'] }, (el) => findBill(el));

export const NotFound: Story = story({}, (el) => findBill(el, 'Smith'));

export const RateLimited: Story = story({ fails: { lookupGuestAccount: 'rate_limited' }, retryAfterSeconds: 45 }, (el) => findBill(el));

export const NetworkDown: Story = story({ offline: true }, (el) => findBill(el));

export const Amount: Story = story({}, (el) => findBill(el));

export const PaymentMethodCard: Story = story({}, async (el) => {
  await toMethod(el);
  await type(el, 'Card number', '4111111111111111');
});

export const PaymentMethodBank: Story = story({}, async (el) => {
  await toMethod(el);
  await type(el, 'Bank account', '');
});

export const ValidationErrorsShown: Story = story({}, async (el) => {
  await toMethod(el);
  await type(el, 'Card number', '4111111111111112');
  await press(el, 'Continue');
});

export const Review: Story = story({}, (el) => toReview(el));

export const Paying: Story = story({ hangs: ['payAsGuest'] }, async (el) => {
  await toReview(el);
  await press(el, 'Pay $84.20');
});

export const Confirming: Story = story({ payPending: true }, async (el) => {
  await toReview(el);
  await press(el, 'Pay $84.20');
});

/** Confirming has taken longer than the broker's review time: the payer is told so, and not to pay again. */
export const UnderReview: Story = story({ payPending: true, reviewing: true }, async (el) => {
  await toReview(el);
  await press(el, 'Pay $84.20');
  await shows(el, 'taking longer than usual');
});

/** Under review, for a payer who gave an email: the outcome will follow by email. */
export const UnderReviewWithEmail: Story = story({ payPending: true, reviewing: true, confirmationEmail: true }, async (el) => {
  await toReview(el, async (e) => {
    await fillCard(e, 'Jane Doe');
    await type(e, 'Email for your receipt (optional)', 'jane@example.com');
  });
  await press(el, 'Pay $84.20');
  await shows(el, 'We will email you');
});

/** A payment of the bill (from another tab or device) awaits confirmation: no amount to pay it again. */
export const BillBeingConfirmed: Story = story({ paymentPendingSince: new Date(Date.now() - 12 * 60_000).toISOString() }, async (el) => {
  await findBill(el);
  await shows(el, 'is still being confirmed');
});

export const Declined: Story = story({}, async (el) => {
  await toReview(el, (e) => fillCard(e, 'Jane Doe', '4000000000000002'));
  await press(el, 'Pay $84.20');
});

export const InsufficientFunds: Story = story({}, async (el) => {
  await toReview(el, (e) => fillCard(e, 'Jane Doe', '4000000000009995'));
  await press(el, 'Pay $84.20');
});

export const AccountClosed: Story = story({}, async (el) => {
  await toReview(el, (e) => fillBank(e, '021000021', '000000000'));
  await press(el, 'Pay $84.20');
});

export const Receipt: Story = story({}, async (el) => {
  await toReview(el);
  await press(el, 'Pay $84.20');
  await heading(el, 'Payment received');
});

export const Spanish: Story = story(
  {},
  async (el) => {
    await el.updateComplete;
    await type(el, 'Número de cuenta', '100200300');
    await type(el, 'Apellido', 'Doe');
    await press(el, 'Buscar mi factura');
  },
  { args: { lang: 'es' } },
);

export const Dark: Story = story({}, undefined, { decorators: [dark] });

export const Themed: Story = story({}, (el) => findBill(el), {
  decorators: [
    wrap(
      'themed',
      `.themed { --ic-color-primary: #006d5b; --ic-color-focus: #b35900; --ic-radius: 0; --ic-spacing: 1.25rem;
        --ic-font-family: Georgia, serif; --ic-color-surface-subtle: #eef6f4; --ic-one-time-pay-max-width: 30rem; }`,
    ),
  ],
});

export const Narrow: Story = story({}, (el) => toMethod(el), {
  decorators: [narrow],
  parameters: { viewport: { defaultViewport: 'mobile1' } },
});
