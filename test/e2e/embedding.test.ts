/**
 * Embedding, in Chromium against `npm start`: every element three shadow
 * roots deep under one <ic-provider>, on a page with the demo's strict CSP
 * (`default-src 'self'`, nothing inline), a hostile global stylesheet and two
 * copies of the bundle (demo/public/embedding.html). Everything renders and
 * works, and the page reports no CSP violation and no error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemo } from './npm-start.ts';

describe('embedding: three shadow roots deep, strict CSP, hostile CSS, two bundle copies', { timeout: 240_000 }, () => {
  const demo = useDemo(5393, 5394);

  it('every element renders and works, with no CSP violation and no error', async () => {
    const { page, problems } = await demo.page();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // The host signs John in; the page keeps his session token for this tab.
    await page.goto(`${demo.url}/portal.html`);
    await page.getByLabel('Email', { exact: true }).fill('john.smith@example.com');
    await page.getByLabel('Password', { exact: true }).fill('meter-demo-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();

    const res = await page.goto(`${demo.url}/embedding.html`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // Three shadow roots above every element.
    const depth = await page.evaluate(() => {
      let n = 0;
      for (
        let node: Node = document
          .querySelector('#outer-host')!
          .shadowRoot!.querySelector('.shadow-host-2')!
          .shadowRoot!.querySelector('.shadow-host-3')!
          .shadowRoot!.querySelector('ic-bills')!;
        ;
      ) {
        const root = node.getRootNode();
        if (!(root instanceof ShadowRoot)) return n;
        n++;
        node = root.host;
      }
    });
    assert.equal(depth, 3);

    // Each element got the provider's endpoint and token through the three roots, and shows its data.
    await page.locator('ic-bills').getByText('Bill INV-2001').waitFor();
    await page.locator('ic-linked-accounts').getByText('Linked to 100200301').waitFor();
    await page.locator('ic-payment-methods').getByText('Visa ending in 1111').first().waitFor();
    await page.locator('ic-autopay-toggle').getByText('Turning AutoPay on will charge Visa ending in 1111 (your default).').waitFor();
    await page.frameLocator('ic-sso-frame iframe').getByText('John Smith').first().waitFor();

    // The hostile stylesheet is in force on the page (it hides the host's own paragraph)…
    assert.equal(await page.locator('#embedding-status').isVisible(), false);
    // …and hides every button, input and heading of the page: none inside the elements.
    for (const [tag, name] of [
      ['ic-bills', 'Pay'],
      ['ic-linked-accounts', 'Link account'],
      ['ic-payment-methods', 'Add a card or bank account'],
      ['ic-one-time-pay', 'Find my bill'],
    ] as const) {
      assert.ok(await page.locator(tag).getByRole('button', { name, exact: true }).isVisible(), `${tag}: ${name}`);
    }
    const paperless = page.locator('ic-paperless-toggle').getByRole('switch', { name: 'Paperless billing' });
    const box = (await paperless.boundingBox())!;
    assert.ok(
      box.width >= 44 && box.width <= 52 && box.height >= 24 && box.height <= 32,
      `the switch keeps its size: ${JSON.stringify(box)}`,
    );

    // It works: a guest look-up, and a change that reaches InvoiceCloud.
    const pay = page.locator('ic-one-time-pay');
    await pay.getByLabel('Account number').fill('100200300');
    await pay.getByLabel('Last name').fill('Doe');
    await pay.getByRole('button', { name: 'Find my bill' }).click();
    await pay.getByLabel('Amount to pay').waitFor();
    await paperless.click();
    await page.waitForFunction(() => {
      const el = document
        .querySelector('#outer-host')!
        .shadowRoot!.querySelector('.shadow-host-2')!
        .shadowRoot!.querySelector('.shadow-host-3')!
        .shadowRoot!.querySelector('ic-paperless-toggle')!;
      return !el.hasAttribute('busy') && !el.hasAttribute('enabled');
    });
    const account = await demo.account('100200301');
    assert.equal(account.paperless, false);

    // Both copies of the bundle loaded; the second defined nothing twice and threw nothing.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname + new URL(e.name).search),
    );
    assert.ok(scripts.includes('/ic-widgets.min.js') && scripts.includes('/ic-widgets.min.js?copy=2'), scripts.join(', '));
    assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    assert.deepEqual(problems, []);
  });
});
