/**
 * Accessibility of the demo as a person meets it (`npm start`, Chromium):
 * every flow completed with the keyboard alone — guest payment, bill payment,
 * AutoPay with a new card, unregistering with its confirmation, focus into
 * the Pay By Text frame — and axe (WCAG 2.2 A/AA) with zero violations on
 * every page, at desktop width, at 320 px (where nothing may scroll sideways)
 * and in forced-colors mode (where every control must keep a visible edge).
 * Every story gets the same axe run in `npm run test:stories`.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { beforeEach, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { useDemo } from './npm-start.ts';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

describe('accessibility of every demo page and flow', { timeout: 600_000 }, () => {
  const demo = useDemo(5403, 5404);
  let context: BrowserContext;
  beforeEach(() => demo.reset());

  /** A fresh tab; axe is injected by the test (the pages' CSP would refuse it, rightly). */
  async function open(width = 1280): Promise<Page> {
    context = await demo.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    // Functions passed to the page keep their names, which wraps them in a helper only the Node side has.
    await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    return context.newPage();
  }

  /** The focused element through shadow roots: its accessible-ish name, or the frame's title. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return '';
      if (el instanceof HTMLIFrameElement) return `frame: ${el.title}`;
      const input = el as HTMLInputElement;
      const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
      return label.replace(/\s+/g, ' ').trim();
    });

  /** Presses Tab until focus is on the control named `name` (exactly, or matching). */
  async function tabTo(page: Page, name: string | RegExp, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      const now = await focused(page);
      if (typeof name === 'string' ? now === name : name.test(now)) return;
      await page.keyboard.press('Tab');
      // Focus going into a frame of another origin (another process) lands a moment after the key:
      // read it before it moved, and the next Tab would skip a stop.
      for (const pressed = Date.now(); (await focused(page)) === now && Date.now() - pressed < 1_000;)
        await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail(`Tab never reached "${String(name)}" (last: "${await focused(page)}")`);
  }

  async function typeAt(page: Page, label: string, text: string): Promise<void> {
    await tabTo(page, label);
    await page.keyboard.type(text);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${demo.url}/portal.html`);
    await typeAt(page, 'Email', email);
    await typeAt(page, 'Password', password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();
  }

  async function axe(page: Page, what: string): Promise<void> {
    await page.addScriptTag({ path: axeSource });
    const violations = await page.evaluate(async (tags) => {
      const r = await (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => `${v.id} at ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
    }, AXE_TAGS);
    assert.deepEqual(violations, [], `axe on ${what}`);
  }

  /** Host users everyPage signed up: each run needs an email of its own. */
  let signUps = 0;

  /** Every page and state of the demo, signed out and signed in, loaded in full. */
  async function everyPage(page: Page, check: (what: string) => Promise<void>): Promise<void> {
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Find my bill' }).waitFor();
    await check('the guest page');
    await page.goto(`${demo.url}/verify.html`);
    await page.waitForLoadState('networkidle');
    await check('the verification page without a token');
    await page.goto(`${demo.url}/sign-up.html?account=100200303`);
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await check('the sign-up page');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('alert').getByText('Enter your name.').waitFor();
    await check('the sign-up page with an error');
    await page.goto(`${demo.url}/portal.html`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await check('the portal, signed out');
    await page.getByLabel('Email', { exact: true }).fill('john.smith@example.com');
    await page.getByLabel('Password', { exact: true }).fill('meter-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('ic-bills').getByText('Bill INV-2001').waitFor();
    await page.locator('ic-payment-methods').getByText('Visa ending in 1111').first().waitFor();
    await page.locator('ic-linked-accounts').getByText('Linked to 100200301').waitFor();
    await page.frameLocator('ic-sso-frame[target="dashboard"] iframe').getByText('John Smith').first().waitFor();
    await check('the portal, signed in');
    const addAccount = page.getByRole('region', { name: 'Add an account to your profile' });
    await addAccount.getByRole('button', { name: 'Add account', exact: true }).click();
    await addAccount.getByRole('alert').getByText('Enter the account number printed on your bill.').waitFor();
    await check('the portal, adding an account with an error');
    // A new host user who listed John's account: the portal says it is left out, and the frames why they show nothing.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${demo.url}/sign-up.html?account=100200301`);
    await page.getByLabel('Your name').fill('Jo Smith');
    await page.getByLabel('Email').fill(`jo.smith.${++signUps}@example.org`);
    await page.getByLabel(/^Password/).fill('impostor-pass-7');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/^Account 100200301 is registered to another online account/).waitFor();
    await page.locator('ic-sso-frame[target="dashboard"]').getByRole('alert').waitFor();
    await check("the portal, with the user's only account held by another login");
    for (const [path, framework] of [
      ['/react/', 'React 19'],
      ['/vue/', 'Vue 3'],
    ]) {
      await page.goto(`${demo.url}${path}`);
      await page.locator('ic-one-time-pay').getByRole('button', { name: 'Find my bill' }).waitFor();
      await check(`the ${framework} example`);
    }
  }

  it('axe finds nothing on any page at desktop width', async () => {
    const page = await open();
    await everyPage(page, (what) => axe(page, what));
    await context.close();
  });

  it('at 320 px: axe finds nothing and no page scrolls sideways', async () => {
    const page = await open(320);
    await everyPage(page, async (what) => {
      await axe(page, `${what} at 320 px`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${what} is ${width}px wide at 320 px`);
    });
    await context.close();
  });

  it('in forced-colors mode: axe finds nothing and every button, input and switch keeps a visible edge', async () => {
    const page = await open();
    await page.emulateMedia({ forcedColors: 'active' });
    await everyPage(page, async (what) => {
      await axe(page, `${what} in forced colors`);
      const edgeless = await page.evaluate(() => {
        const all: Element[] = [];
        const walk = (root: ParentNode) => root.querySelectorAll('*').forEach((el) => (all.push(el), el.shadowRoot && walk(el.shadowRoot)));
        walk(document);
        return all
          .filter(
            (el) =>
              el.matches('button, input:not([type="radio"], [type="checkbox"]), [role="switch"]') &&
              (el as HTMLElement).offsetParent !== null,
          )
          .filter((el) => {
            const s = getComputedStyle(el);
            return s.borderTopStyle === 'none' || Number.parseFloat(s.borderTopWidth) === 0;
          })
          .map((el) => (el.textContent ?? el.getAttribute('aria-label') ?? el.tagName).trim());
      });
      assert.deepEqual(edgeless, [], `${what}: controls without an edge in forced colors`);
    });
    await context.close();
  });

  it('keyboard only: a guest finds the bill and pays it by card', async () => {
    const page = await open();
    await page.goto(`${demo.url}/`);
    await typeAt(page, 'Account number', '100200300');
    await typeAt(page, 'Last name', 'Doe');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Payment amount/ }).waitFor();
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Payment method/ }).waitFor();
    await typeAt(page, 'Card number', '4111111111111111');
    await typeAt(page, 'Expiration', '1230');
    await typeAt(page, 'Security code', '123');
    await typeAt(page, 'Name on card', 'Jane Doe');
    await typeAt(page, 'ZIP code', '62701');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Review your payment/ }).waitFor();
    await tabTo(page, 'Pay $84.20');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    assert.equal(await focused(page), 'Payment received', 'focus on the receipt heading');
    await context.close();
  });

  it('keyboard only: John signs in and pays his bill with the saved Visa', async () => {
    const page = await open();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await page.locator('ic-bills').getByText('Bill INV-2001').waitFor();
    await tabTo(page, 'Pay');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Pay $142.75');
    await page.keyboard.press('Enter');
    await page.locator('ic-bills').getByRole('heading', { name: 'Payment received' }).waitFor();
    const paid = (await demo.payments('100200301')) as { invoiceNumber: string }[];
    assert.equal(paid.filter((p) => p.invoiceNumber === 'INV-2001').length, 1);
    await context.close();
  });

  it('keyboard only: Maria turns AutoPay on with a new card', async () => {
    const page = await open();
    await signIn(page, 'maria.garcia@example.com', 'meter-demo-2');
    await page.locator('ic-autopay-toggle').getByText('Turning AutoPay on asks for a card or bank account.').waitFor();
    await tabTo(page, 'AutoPay');
    await page.keyboard.press('Space');
    await page.locator('ic-autopay-toggle').getByLabel('Card number').waitFor();
    // The form opens with focus on its first control: the card / bank account choice.
    assert.equal(await focused(page), 'Card');
    await typeAt(page, 'Card number', '4111111111111111');
    await typeAt(page, 'Expiration', '1230');
    await typeAt(page, 'Security code', '123');
    await typeAt(page, 'Name on card', 'Maria Garcia');
    await typeAt(page, 'ZIP code', '62701');
    await tabTo(page, 'Save and turn on AutoPay');
    await page.keyboard.press('Enter');
    await page.locator('ic-autopay-toggle').getByText('AutoPay charges Visa ending in 1111.').waitFor();
    assert.equal(await focused(page), 'AutoPay', 'focus back on the switch');
    const a = await demo.account('100200303');
    assert.equal(a.autopay.enabled, true);
    await context.close();
  });

  it('keyboard only: John unregisters an account after the confirmation, and Escape cancels it', async () => {
    const page = await open();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    const accounts = page.locator('ic-linked-accounts');
    await accounts.getByText('Linked to 100200301').waitFor();
    // The second Unregister button is 100200302's (the first is 100200301's, which would take both).
    await tabTo(page, 'Unregister');
    await page.keyboard.press('Tab');
    await tabTo(page, 'Unregister');
    await page.keyboard.press('Enter');
    const dialog = accounts.getByRole('dialog', { name: 'Unregister 100200302?' });
    await dialog.waitFor();
    assert.equal(await focused(page), 'Cancel', 'the dialog starts on the safe choice');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await focused(page), 'Unregister', 'focus back on the button that opened it');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'Unregister');
    await page.keyboard.press('Enter');
    await accounts.getByText('Unregistered 100200302').waitFor();
    assert.equal((await demo.account('100200302')).registered, false);
    await context.close();
  });

  it('keyboard only: Tab reaches into the Pay By Text frame and its form', async () => {
    const page = await open();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await tabTo(page, 'frame: Pay By Text enrollment', 200);
    const frame = page.frameLocator('ic-sso-frame[target="pay-by-text"] iframe');
    await frame.getByLabel('Mobile number').waitFor();
    // Tabbing onto the frame puts focus on the page inside it, on its first control (or, for a page that
    // is still starting, on the frame: the next Tab goes in). Read as the frame document's active element.
    const focusInFrame = () =>
      frame.locator('body').evaluate(() => {
        const el = document.activeElement;
        return el && el !== document.body ? el.tagName : '';
      });
    let inside = await focusInFrame();
    for (let i = 0; i < 5 && !inside; i++) {
      await page.keyboard.press('Tab');
      for (const started = Date.now(); !inside && Date.now() - started < 2_000;) {
        inside = await focusInFrame();
        if (!inside && (await focused(page)) !== 'frame: Pay By Text enrollment') break;
        if (!inside) await new Promise((r) => setTimeout(r, 50));
      }
    }
    assert.equal(inside, 'INPUT', 'focus inside the frame, on its first control (Mobile number)');
    await context.close();
  });
});
