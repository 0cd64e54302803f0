/** What the pay elements show of a payment, or a bill, whose outcome awaits confirmation. */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { button, squash, visibleText, waitUntil } from './dom.ts';

/** An instant as the elements write it in `lang` (Intl, long date and short time, the payer's time zone). */
export const madeOn = (iso: string, lang = 'en') => new Intl.DateTimeFormat(`${lang}-US`, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** What a payer reads of a bill with a payment made at `iso` still being confirmed. */
export const beingConfirmed = (iso: string) =>
  `A payment of this bill made on ${madeOn(iso)} is still being confirmed. To keep you from paying twice, the bill cannot be paid again until then.`;

const UNDER_REVIEW = 'Your payment is being confirmed. This is taking longer than usual. Please keep this page open. Do not pay again: you will not be charged twice.';
const EMAIL_FOLLOWS = 'We will email you once it is confirmed.';

/**
 * Waits until `el` says its payment is under review (the broker's review time
 * in these tests is 3 s: web-test-runner.config.mjs), then checks what the
 * payer sees and hears: the wording on screen and in the status region, an
 * email promised only when one will follow, no way to pay (or "try") again,
 * and the attempt still kept under `storageKey`.
 */
export async function expectUnderReview(el: LitElement, o: { email: boolean; storageKey: string }): Promise<void> {
  await waitUntil(() => visibleText(el).includes('This is taking longer than usual.'), 'the review wording', 12000);
  await el.updateComplete;
  const said = o.email ? `${UNDER_REVIEW} ${EMAIL_FOLLOWS}` : UNDER_REVIEW;
  expect(squash(el.shadowRoot!.querySelector('h2')!.textContent)).to.equal('Confirming your payment');
  expect(visibleText(el)).to.contain(said);
  expect(visibleText(el).includes(EMAIL_FOLLOWS)).to.equal(o.email);
  expect(squash(el.shadowRoot!.querySelector('[role="status"]')!.textContent)).to.equal(said);
  expect(() => button(el, /Pay|Try again|Continue|Back/)).to.throw();
  expect(sessionStorage.getItem(o.storageKey)).to.not.equal(null);
  await expect(el).to.be.accessible();
}
