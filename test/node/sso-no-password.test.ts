/**
 * Passwords change only through the host (seed, Update Email and Password:
 * "IC should not allow user to update password to maintain password
 * information in sync"; the broker's `PUT /me/credentials` brings
 * InvoiceCloud along). So no InvoiceCloud page the broker can open offers a
 * password field, or a form or link about a password. Each page is opened as
 * a host does it — John signed in, `POST /sso` from an allowed origin for
 * each of his accounts, the single-use URL fetched — and so is every page its links and forms reach
 * within CloudSSO, and every script and stylesheet it loads (a script could
 * draw such a form).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SsoTarget } from '../../src/contract/sessions.ts';
import { StackFixture } from './stack-fixture.ts';
import { USERS } from '../support/users.ts';

const HOST = 'http://portal.example';

/** `<tag … attr="value">` values of one attribute, quoted either way or not at all. */
function attributeValues(html: string, tag: string, attr: string): string[] {
  const tags = html.match(new RegExp(`<${tag}\\b[^>]*>`, 'gi')) ?? [];
  return tags.flatMap((t) => {
    const m = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(t);
    return m ? [m[1] ?? m[2] ?? m[3]!] : [];
  });
}

/** What a page refers to: pages (links, GET forms, frames) and assets (scripts, stylesheets), as absolute URLs. */
function references(html: string, base: string): { pages: string[]; assets: string[] } {
  const abs = (v: string) => new URL(v.replaceAll('&amp;', '&'), base).href;
  const forms = (html.match(/<form\b[^>]*>/gi) ?? []).filter((f) => !/\smethod\s*=\s*["']?post/i.test(f)).join('');
  return {
    pages: [
      ...attributeValues(html, 'a', 'href'),
      ...attributeValues(html, 'iframe', 'src'),
      ...attributeValues(forms, 'form', 'action'),
    ].map(abs),
    assets: [...attributeValues(html, 'script', 'src'), ...attributeValues(html, 'link', 'href')].map(abs),
  };
}

function assertNoPasswordChange(where: string, text: string): void {
  assert.doesNotMatch(text, /<input\b[^>]*\btype\s*=\s*["']?password/i, `${where}: a password field`);
  assert.doesNotMatch(text, /password/i, `${where}: something about a password`);
}

describe('CloudSSO pages the broker opens offer no password change', () => {
  const stack = new StackFixture();
  let token: string;

  stack.use({}, { reset: 'never' });
  before(async () => {
    await stack.reset();
    token = await stack.signIn(USERS.john);
  });

  it('every target, and everything it links to or loads within CloudSSO', async () => {
    const sandboxOrigin = new URL(stack.sandboxUrl).origin;
    const seen = new Set<string>();
    const queue: { url: string; kind: 'page' | 'asset'; from: string }[] = [];

    // Every target, for each of John's accounts: a page opens for the account asked for.
    for (const target of SsoTarget.options) {
      for (const accountNumber of USERS.john.accountNumbers) {
        const where = `${target} for ${accountNumber}`;
        const sso = await stack.broker('/sso', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, origin: HOST },
          json: { target, accountNumber },
        });
        assert.equal(sso.status, 200, `${where}: ${sso.text}`);
        const page = await fetch(sso.body.url as string);
        assert.equal(page.status, 200, `${where} opens`);
        const html = await page.text();
        assert.match(html, new RegExp(`data-page="${target}"`), `${where} is the page asked for`);
        assert.match(html, new RegExp(`Account ${accountNumber}`), `${where} shows that account`);
        assertNoPasswordChange(where, html);
        seen.add(sso.body.url as string);
        const refs = references(html, sso.body.url as string);
        queue.push(
          ...refs.pages.map((url) => ({ url, kind: 'page' as const, from: where })),
          ...refs.assets.map((url) => ({ url, kind: 'asset' as const, from: where })),
        );
      }
    }

    let assets = 0;
    while (queue.length > 0) {
      const next = queue.shift()!;
      const url = new URL(next.url);
      // Within CloudSSO only: anything else is not InvoiceCloud's portal.
      if (url.origin !== sandboxOrigin || !url.pathname.startsWith('/cloudsso/') || seen.has(url.href)) continue;
      seen.add(url.href);
      const res = await fetch(url);
      assert.equal(res.status, 200, `${url.pathname} (from ${next.from})`);
      const text = await res.text();
      assertNoPasswordChange(`${url.pathname} (from ${next.from})`, text);
      if (next.kind === 'asset') {
        assets++;
        continue;
      }
      const refs = references(text, url.href);
      queue.push(
        ...refs.pages.map((u) => ({ url: u, kind: 'page' as const, from: url.pathname })),
        ...refs.assets.map((u) => ({ url: u, kind: 'asset' as const, from: url.pathname })),
      );
    }
    assert.ok(assets >= 2, 'the script and the stylesheet were read too');
  });
});
