import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.ts';
import type { IcSsoFrame } from '../src/index.ts';
import { BROKER, SESSION, type BrokerOptions } from './broker-handlers.ts';
import { dark, narrow, storyOf, until, wrap } from './story-kit.ts';

interface Args {
  target: 'dashboard' | 'pay-by-text';
  accountNumber: string;
  lang: 'en' | 'es';
  frameTitle: string;
}

const frameStory = storyOf<IcSsoFrame, Args>('ic-sso-frame');

/** A story whose broker behaves as given; `settled` waits for the state it shows. */
const story = (broker: BrokerOptions, settled?: (el: IcSsoFrame) => boolean, extra: Partial<Story> = {}): Story =>
  frameStory(broker, settled && ((el) => until(() => settled(el), 'the state to show')), extra);

const text = (el: IcSsoFrame) => el.shadowRoot?.textContent ?? '';
const pageShown = (el: IcSsoFrame) => !el.busy && !!el.shadowRoot?.querySelector('iframe');

/**
 * `<ic-sso-frame>`: an InvoiceCloud portal page, signed in, in a sandboxed
 * frame. In these stories a mock service worker answers as the broker
 * (`stories/broker-handlers.ts`); its "InvoiceCloud pages" are a static page
 * on Storybook's own origin (`.storybook/public/portal.html`) that posts the
 * same messages as the sandbox's pages.
 */
const meta: Meta<Args> = {
  title: 'Portal/ic-sso-frame',
  component: 'ic-sso-frame',
  tags: ['autodocs'],
  args: { target: 'dashboard', accountNumber: '', lang: 'en', frameTitle: '' },
  argTypes: {
    target: { control: 'inline-radio', options: ['dashboard', 'pay-by-text'], description: 'Which portal page.' },
    accountNumber: {
      name: 'account-number',
      control: 'inline-radio',
      options: ['', '100200301', '100200302'],
      description: "The account the page is for (empty: the user's first).",
    },
    lang: { control: 'inline-radio', options: ['en', 'es'], description: 'Language of the element.' },
    frameTitle: { name: 'frame-title', control: 'text', description: 'Accessible name of the frame.' },
  },
  render: (args) =>
    html`<ic-sso-frame
      target=${args.target}
      account-number=${args.accountNumber}
      lang=${args.lang}
      frame-title=${args.frameTitle}
      endpoint=${BROKER}
      token=${SESSION}
    ></ic-sso-frame>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Dashboard: Story = story({}, pageShown);

export const PayByText: Story = story({}, pageShown, { args: { target: 'pay-by-text' } });

/** The page of John's second account, chosen with `account-number`. */
export const PayByTextSecondAccount: Story = story({}, pageShown, { args: { target: 'pay-by-text', accountNumber: '100200302' } });

export const Loading: Story = story({ hangs: ['openPortalPage'] });

export const SessionEnded: Story = story({ fails: { openPortalPage: 'unauthorized' } }, (el) =>
  text(el).includes('Your session has ended'),
);

export const Unavailable: Story = story({ fails: { openPortalPage: 'upstream_unavailable' } }, (el) => text(el).includes('not available'));

/** Every account of the user was unregistered: no page to show, and why (409 no_portal_account). */
export const NoAccount: Story = story(
  { fails: { openPortalPage: 'no_portal_account' } },
  (el) => text(el).includes('none of your accounts is registered'),
  {
    args: { target: 'pay-by-text' },
  },
);

/** Each of the user's accounts is another online account's: the session has no login (409 no_invoicecloud_login). */
export const NoLogin: Story = story({ fails: { openPortalPage: 'no_invoicecloud_login' } }, (el) =>
  text(el).includes('registered to another online account'),
);

export const Expired: Story = story({ ssoExpired: true }, (el) => text(el).includes('This page has expired'));

export const Spanish: Story = story({}, pageShown, { args: { lang: 'es' } });

export const SpanishNoAccount: Story = story(
  { fails: { openPortalPage: 'no_portal_account' } },
  (el) => text(el).includes('ninguna de sus cuentas'),
  {
    args: { lang: 'es', target: 'pay-by-text' },
  },
);

export const SpanishExpired: Story = story({ ssoExpired: true }, (el) => text(el).includes('caducado'), { args: { lang: 'es' } });

export const Narrow: Story = story({}, pageShown, {
  decorators: [narrow],
});

export const Themed: Story = story({}, pageShown, {
  decorators: [
    wrap(
      'themed',
      `.themed { --ic-color-primary: #006d5b; --ic-color-focus: #b35900; --ic-color-border: #006d5b; --ic-radius: 0;
        --ic-spacing: 1.25rem; --ic-font-family: Georgia, serif; --ic-sso-frame-max-height: 20rem; }`,
    ),
  ],
});

export const Dark: Story = story({ ssoExpired: true }, (el) => text(el).includes('expired'), {
  decorators: [dark],
});
