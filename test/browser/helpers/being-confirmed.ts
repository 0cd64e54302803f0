/** What the pay elements show of a payment, or a bill, whose outcome awaits confirmation. */
import { expect } from '@open-wc/testing';
import type { Harness } from './harness/harness.ts';

/** An instant as the elements write it in `lang` (Intl, long date and short time, the payer's time zone). */
export const madeOn = (iso: string, lang = 'en') =>
  new Intl.DateTimeFormat(`${lang}-US`, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** What a payer reads of a bill with a payment made at `iso` still being confirmed. */
export const beingConfirmed = (iso: string) =>
  `A payment of this bill made on ${madeOn(iso)} is still being confirmed. To keep you from paying twice, the bill cannot be paid again until then.`;

const UNDER_REVIEW =
  'Your payment is being confirmed. This is taking longer than usual. Please keep this page open. Do not pay again: you will not be charged twice.';
const EMAIL_FOLLOWS = 'We will email you once it is confirmed.';

/**
 * Waits until the element says its payment is under review (the broker's
 * review time in these tests is 3 s: web-test-runner.config.mjs), then checks
 * what the payer sees and hears: the wording on screen and in the status
 * region, an email promised only when one will follow, no way to pay (or
 * "try") again, and the attempt still kept under `storageKey`.
 */
export async function expectUnderReview(h: Harness, o: { email: boolean; storageKey: string }): Promise<void> {
  await h.until(() => h.text().includes('This is taking longer than usual.'), 'the review wording', 12000);
  const said = o.email ? `${UNDER_REVIEW} ${EMAIL_FOLLOWS}` : UNDER_REVIEW;
  expect(h.heading()).to.equal('Confirming your payment');
  expect(h.text()).to.contain(said);
  expect(h.text().includes(EMAIL_FOLLOWS)).to.equal(o.email);
  expect(h.statusText()).to.equal(said);
  expect(h.hasButton(/Pay|Try again|Continue|Back/)).to.equal(false);
  expect(sessionStorage.getItem(o.storageKey)).to.not.equal(null);
  await expect(h.el).to.be.accessible();
}
