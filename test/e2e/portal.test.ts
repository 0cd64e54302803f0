/**
 * The signed-in portal of `npm start`: each demo user signs in through the
 * host's own form, sees their InvoiceCloud accounts and dashboard in a
 * cross-origin frame, enrolls in Pay By Text inside it, and changes their
 * password through both branches of the seed's flow.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemo, type Demo } from './npm-start.ts';

describe('npm start: the signed-in portal, end to end', { timeout: 240_000 }, () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo(5283, 5284);
  });
  after(() => demo.stop());

  const account = async (n: string) => (await fetch(`${demo.sandboxUrl}/__sandbox/accounts/${n}`)).json();

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${demo.url}/portal.html`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome,/ }).waitFor();
  }

  it('John: his accounts, the dashboard frame, and Pay By Text enroll and unenroll inside the frame', async () => {
    const { page, problems } = await demo.page();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await page.getByText('Account 100200301').waitFor();
    await page.getByText('Account 100200302').waitFor();

    const dashboard = page.frameLocator('ic-sso-frame[target="dashboard"] iframe');
    await dashboard.getByText('John Smith').first().waitFor();
    await dashboard.getByText('100200302').first().waitFor();

    const pbt = page.frameLocator('ic-sso-frame[target="pay-by-text"] iframe');
    await pbt.getByLabel('Mobile number').fill('(217) 555-0142');
    await pbt.getByRole('button', { name: 'Enroll', exact: true }).click();
    await pbt.getByRole('button', { name: 'Unenroll' }).waitFor();
    assert.equal((await account('100200301')).payByText, true);
    await pbt.getByRole('button', { name: 'Unenroll' }).click();
    await pbt.getByRole('button', { name: 'Enroll', exact: true }).waitFor();
    assert.equal((await account('100200301')).payByText, false);
    assert.deepEqual(problems, []);
  });

  it('John: a password change goes to InvoiceCloud at once (same email and password there)', async () => {
    const { page } = await demo.page();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await page.getByLabel('Current password').fill('meter-demo-1');
    await page.getByLabel(/^New password/).fill('john-new-pass-7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved. Your online billing account was updated too.').waitFor();
    const login = await (await fetch(`${demo.sandboxUrl}/__sandbox/logins/john.smith%40example.com`)).json();
    assert.equal(login.hasPassword, true);
  });

  it('Maria: signing in registers her; a password change needs the emailed link, which completes it', async () => {
    const { page, problems } = await demo.page();
    await signIn(page, 'maria.garcia@example.com', 'meter-demo-2');
    await page.getByText('Account 100200303').waitFor();
    assert.equal((await account('100200303')).registered, true);

    await page.getByLabel('Current password').fill('meter-demo-2');
    await page.getByLabel(/^New password/).fill('maria-new-pass-7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/open the link we emailed to m•••@example\.com/).waitFor();

    const [mail] = await (await fetch(`${demo.url}/demo/outbox`)).json();
    assert.equal(mail.to, 'maria.garcia@example.com');
    const link = /(http:\/\/localhost:\d+\/verify\.html\?token=\S+)/.exec(mail.text)![1]!;
    await page.goto(link);
    await page.getByLabel('Your new password').fill('maria-new-pass-7');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Done: your online billing account is updated.').waitFor();
    const login = await (await fetch(`${demo.sandboxUrl}/__sandbox/logins/maria.garcia%40example.com`)).json();
    assert.equal(login.hasPassword, true);
    assert.deepEqual(problems, []);
  });

  it('Alex: signing in creates his InvoiceCloud customer record and registers him', async () => {
    const { page } = await demo.page();
    await signIn(page, 'alex.lee@example.com', 'meter-demo-3');
    await page.getByText('Account 100200304').waitFor();
    const acct = await account('100200304');
    assert.equal(acct.customerName, 'Alex Lee');
    assert.equal(acct.registered, true);
  });

  it('refuses a wrong password without calling the broker', async () => {
    const { page } = await demo.page();
    await page.goto(`${demo.url}/portal.html`);
    await page.getByLabel('Email', { exact: true }).fill('john.smith@example.com');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That email and password do not match our records.').waitFor();
  });
});
