/**
 * The signed-in portal of `npm start`: each demo user signs in through the
 * host's own form, sees their InvoiceCloud accounts and dashboard in a
 * cross-origin frame, enrolls in Pay By Text inside it, and changes their
 * password through both branches of the seed's flow.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillCard, useDemo } from './npm-start.ts';

describe('npm start: the signed-in portal, end to end', { timeout: 240_000 }, () => {
  // The broker's request log on: a test reads from it what the broker was asked.
  const demo = useDemo(5283, 5284, { LOG_LEVEL: 'info' });
  const account = (n: string) => demo.account(n);

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
    const accounts = page.locator('ic-linked-accounts');
    await accounts.getByText('100200301').first().waitFor();
    await accounts.getByText('Linked to 100200301').waitFor();

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

  it('John: the Pay By Text section follows the account chosen for the bills', async () => {
    const { page, problems } = await demo.page();
    const calls = () => demo.calls();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    const pbt = page.frameLocator('ic-sso-frame[target="pay-by-text"] iframe');
    await pbt.getByText('Account 100200301 · John Smith').waitFor();
    // Both frames' pages asked for (the dashboard shows the first account): what follows is the choice's alone.
    await page.frameLocator('ic-sso-frame[target="dashboard"] iframe').getByText('John Smith').first().waitFor();
    const seen = (await calls()).length;

    await page.getByRole('combobox', { name: 'Account' }).selectOption('100200302');
    await page.locator('ic-bills').getByRole('heading', { name: 'Account 100200302' }).waitFor();
    await pbt.getByText('Account 100200302 · John Smith').waitFor();
    // InvoiceCloud was asked for that account's page: a Remote Authentication Token and a CloudSSO link of its own.
    const since = (await calls()).slice(seen);
    const of = (operation: string) => since.filter((c) => c.operation === operation).map((c) => c.accountNumber);
    assert.deepEqual([of('RemoteAuthentication'), of('CloudSsoConnect')], [['100200302'], ['100200302']]);
    assert.deepEqual(problems, []);
  });

  it('John: pays his bill, turns paperless off and on, enrolls in AutoPay, makes a bank account the default, removes the old card, links and unregisters his cabin', async () => {
    const { page, problems } = await demo.page();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    const bills = page.locator('ic-bills');
    const accounts = page.locator('ic-linked-accounts');
    const methods = page.locator('ic-payment-methods');
    const autopay = page.locator('ic-autopay-toggle');

    // Pay INV-2001 with the saved Visa: the receipt, the balance everywhere, the history.
    await accounts.getByText('Balance $142.75').waitFor();
    await bills.getByRole('button', { name: 'Pay', exact: true }).click();
    await bills.getByRole('radio', { name: /Visa ending in 1111/ }).waitFor();
    await bills.getByRole('button', { name: 'Continue' }).click();
    await bills.getByRole('button', { name: 'Pay $142.75' }).click();
    await bills.getByRole('heading', { name: 'Payment received' }).waitFor();
    await accounts.getByText('Balance $0.00').first().waitFor();
    await page.getByRole('combobox', { name: 'Account' }).getByText('100200301 — $0.00 due').waitFor({ state: 'attached' });
    const paid = (await demo.payments('100200301')).filter((p: { invoiceNumber: string }) => p.invoiceNumber === 'INV-2001');
    assert.equal(paid.length, 1);
    await bills.getByRole('button', { name: 'Back to bills' }).click();
    await bills.getByText('Nothing to pay right now.').waitFor();
    await bills.getByRole('table').getByText('INV-2001').waitFor();

    // Paperless off and on again.
    const paperless = page.locator('ic-paperless-toggle').getByRole('switch', { name: 'Paperless billing' });
    await paperless.click();
    await page.waitForFunction(
      () =>
        !document.querySelector('ic-paperless-toggle')!.hasAttribute('busy') &&
        !document.querySelector('ic-paperless-toggle')!.hasAttribute('enabled'),
    );
    assert.equal((await account('100200301')).paperless, false);
    await paperless.click();
    await page.waitForFunction(() => document.querySelector('ic-paperless-toggle')!.hasAttribute('enabled'));
    assert.equal((await account('100200301')).paperless, true);

    // AutoPay with the default method.
    await autopay.getByText('Turning AutoPay on will charge Visa ending in 1111 (your default).').waitFor();
    await autopay.getByRole('switch', { name: 'AutoPay' }).click();
    await autopay.getByText('AutoPay charges Visa ending in 1111.').waitFor();
    const visaId = (await account('100200301')).paymentMethods[0].id as string;
    assert.deepEqual((await account('100200301')).autopay, { enabled: true, paymentMethodId: visaId });

    // A bank account as the new default: AutoPay follows it, so the old card can go.
    await methods.getByRole('button', { name: 'Add a card or bank account' }).click();
    await methods.getByRole('radio', { name: 'Bank account' }).check();
    await methods.getByLabel('Routing number').fill('011000015');
    await methods.getByLabel('Bank account number', { exact: true }).fill('123456789');
    await methods.getByLabel('Confirm bank account number').fill('123456789');
    await methods.getByLabel('Name on the bank account').fill('John Smith');
    await methods.getByLabel('Make this my default').check();
    await methods.getByRole('button', { name: 'Save', exact: true }).click();
    await methods.getByText('Checking account ending in 6789').waitFor();
    await autopay.getByText('AutoPay charges Checking account ending in 6789.').waitFor();
    await methods.getByRole('button', { name: 'Remove' }).first().click();
    const dialog = methods.getByRole('dialog', { name: 'Remove Visa ending in 1111?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await methods.getByText('Visa ending in 1111').waitFor({ state: 'detached' });
    const after = await account('100200301');
    assert.deepEqual(
      after.paymentMethods.map((m: { kind: string; isDefault: boolean }) => [m.kind, m.isDefault]),
      [['ach', true]],
    );
    assert.equal(after.autopay.paymentMethodId, after.paymentMethods[0].id);

    // The cabin: linked with the last name on it, then unregistered after a confirmation naming it.
    await accounts.getByLabel('Account number').fill('100200305');
    await accounts.getByLabel('Last name').fill('Smith');
    await accounts.getByRole('button', { name: 'Link account' }).click();
    await accounts.getByText('Account 100200305 linked').waitFor();
    assert.equal((await account('100200305')).registered, true);
    await page
      .getByRole('combobox', { name: 'Account' })
      .getByText(/^100200305/)
      .waitFor({ state: 'attached' });
    await accounts.getByRole('button', { name: 'Unregister' }).nth(2).click();
    const confirm = accounts.getByRole('dialog', { name: 'Unregister 100200305?' });
    await confirm.getByText('You can link it again later.').waitFor();
    await confirm.getByRole('button', { name: 'Unregister' }).click();
    await accounts.getByText('Unregistered 100200305').waitFor();
    assert.equal((await account('100200305')).registered, false);
    assert.deepEqual(problems, []);
  });

  it('John: an account he unregisters stays unregistered when he signs out and in again, and comes back when he adds it to his profile', async () => {
    const { page, problems } = await demo.page();
    const calls = () => demo.calls();
    const picked = () =>
      page
        .getByRole('combobox', { name: 'Account' })
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    const accounts = page.locator('ic-linked-accounts');
    await accounts.getByText('Linked to 100200301').waitFor();
    // The second Unregister button is 100200302's (the first, 100200301's, would take both).
    await accounts.getByRole('button', { name: 'Unregister' }).nth(1).click();
    await accounts.getByRole('dialog', { name: 'Unregister 100200302?' }).getByRole('button', { name: 'Unregister' }).click();
    await accounts.getByText('Unregistered 100200302').waitFor();
    assert.equal((await account('100200302')).registered, false);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await demo.clearCalls();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await page.locator('ic-bills').getByRole('heading', { name: 'Account 100200301' }).waitFor();
    assert.deepEqual(await picked(), ['100200301']);
    assert.equal((await account('100200302')).registered, false, 'still unregistered in InvoiceCloud');
    // The host no longer lists it, so the sign-in asks InvoiceCloud nothing about it.
    assert.deepEqual(
      (await calls()).filter((c) => c.accountNumber === '100200302' || c.operation === 'RegisterAccounts'),
      [],
    );

    // Only an account he unregistered comes back this way; any other is linked in <ic-linked-accounts>.
    const add = page.getByRole('region', { name: 'Add an account to your profile' });
    await add.getByLabel('Account number').fill('100200305');
    await add.getByRole('button', { name: 'Add account' }).click();
    await add.getByRole('alert').getByText('That is not an account you unregistered. To add another account, link it above.').waitFor();
    assert.equal(await add.getByLabel('Account number').getAttribute('aria-invalid'), 'true');
    await add.getByLabel('Account number').fill('100200302');
    await add.getByRole('button', { name: 'Add account' }).click();
    await add.getByText('Account 100200302 added.').waitFor();
    await page
      .getByRole('combobox', { name: 'Account' })
      .getByText(/^100200302/)
      .waitFor({ state: 'attached' });
    assert.deepEqual(await picked(), ['100200301', '100200302']);
    const back = await account('100200302');
    assert.deepEqual([back.registered, back.loginId], [true, (await account('100200301')).loginId]);
    assert.deepEqual(
      (await calls()).filter((c) => c.operation === 'RegisterAccounts').map((c) => c.accountNumber),
      ['100200302'],
    );
    // The browser logs the host's refusal of 100200305 (its 400); nothing else went wrong.
    assert.deepEqual(problems, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it("someone who lists John's account when signing up is not signed in as John: the account is left out, and the portal says why", async () => {
    const { page, problems } = await demo.page();
    const johnBefore = await account('100200301');
    await demo.clearCalls();
    await page.goto(`${demo.url}/sign-up.html?account=100200301`);
    await page.getByLabel('Your name').fill('Jo Smith');
    await page.getByLabel('Email').fill('jo.smith@example.org');
    await page.getByLabel(/^Password/).fill('impostor-pass-7');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Jo Smith' }).waitFor();

    await page
      .getByText(
        'Account 100200301 is registered to another online account, so not shown here. To see it, sign in with the email address of that online account, or contact us.',
      )
      .waitFor();
    // Nothing of John's: no bills, no saved card, and no portal page signed in as him.
    const frame = page.locator('ic-sso-frame[target="dashboard"]');
    await frame
      .getByRole('alert')
      .getByText(/^None of your accounts can be used online/)
      .waitFor();
    assert.equal(await frame.locator('iframe').count(), 0);
    assert.deepEqual(await page.getByRole('combobox', { name: 'Account' }).locator('option').count(), 0);
    assert.equal(await page.locator('ic-payment-methods').getByText('Visa').count(), 0);

    // InvoiceCloud was asked who holds the account, and nothing else: no registration, no sign-in as John.
    const calls = await demo.calls();
    assert.deepEqual(
      calls.map((c) => [c.operation, c.accountNumber]),
      [['RetrieveUsers', '100200301']],
    );
    assert.deepEqual(await account('100200301'), johnBefore);
    // The browser logs the broker's 409 no_invoicecloud_login to each portal frame that asked; nothing else went wrong.
    assert.ok(problems.length > 0);
    assert.deepEqual(new Set(problems), new Set(['Failed to load resource: the server responded with a status of 409 (Conflict)']));
  });

  it('Maria, with no saved method: turning AutoPay on asks for a card, stores it and enrolls in one go', async () => {
    const { page, problems } = await demo.page();
    await signIn(page, 'maria.garcia@example.com', 'meter-demo-2');
    const autopay = page.locator('ic-autopay-toggle');
    await autopay.getByRole('switch', { name: 'AutoPay' }).click();
    await fillCard(autopay, 'Maria Garcia');
    await autopay.getByRole('button', { name: 'Save and turn on AutoPay' }).click();
    await autopay.getByText('AutoPay charges Visa ending in 1111.').waitFor();
    const a = await account('100200303');
    assert.equal(a.autopay.enabled, true);
    assert.deepEqual(
      a.paymentMethods.map((m: { id: string; last4: string }) => [m.id, m.last4]),
      [[a.autopay.paymentMethodId, '1111']],
    );
    await page.locator('ic-payment-methods').getByText('Visa ending in 1111').waitFor();
    assert.deepEqual(problems, []);
  });

  it('John: a password change goes to InvoiceCloud at once (same email and password there)', async () => {
    const { page } = await demo.page();
    await signIn(page, 'john.smith@example.com', 'meter-demo-1');
    await page.getByLabel('Current password').fill('meter-demo-1');
    await page.getByLabel(/^New password/).fill('john-new-pass-7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Whatever the page answers (an error too) is what the assertion shows.
    const result = page.locator('#profile-result');
    await page.waitForFunction(() => document.getElementById('profile-result')?.textContent?.trim());
    assert.equal((await result.textContent())?.trim(), 'Saved. Your online billing account was updated too.');
    const login = await demo.login('john.smith@example.com');
    assert.equal(login.hasPassword, true);
  });

  it('Maria: signing in registers her; a password change needs the emailed link, which completes it', async () => {
    const { page, problems } = await demo.page();
    await signIn(page, 'maria.garcia@example.com', 'meter-demo-2');
    await page.locator('ic-bills').getByRole('heading', { name: 'Account 100200303' }).waitFor();
    assert.equal((await account('100200303')).registered, true);

    await page.getByLabel('Current password').fill('meter-demo-2');
    await page.getByLabel(/^New password/).fill('maria-new-pass-7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/open the link we emailed to m•••@example\.com/).waitFor();

    const [mail] = await (await fetch(`${demo.url}/demo/outbox`)).json();
    assert.equal(mail.to, 'maria.garcia@example.com');
    const link = /(http:\/\/localhost:\d+\/verify\.html#token=\S+)/.exec(mail.text)![1]!;
    await page.goto(link);
    await page.getByLabel('Your new password').fill('maria-new-pass-7');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Done: your online billing account is updated.').waitFor();
    const login = await demo.login('maria.garcia@example.com');
    assert.equal(login.hasPassword, true);
    assert.deepEqual(problems, []);
  });

  it('Alex: signing in creates his InvoiceCloud customer record and registers him', async () => {
    const { page } = await demo.page();
    await signIn(page, 'alex.lee@example.com', 'meter-demo-3');
    await page.locator('ic-bills').getByRole('heading', { name: 'Account 100200304' }).waitFor();
    const acct = await account('100200304');
    assert.equal(acct.customerName, 'Alex Lee');
    assert.equal(acct.registered, true);
  });

  it('refuses a wrong password without calling the broker', async () => {
    const { page, problems } = await demo.page();
    await page.goto(`${demo.url}/portal.html`);
    await page.getByLabel('Email', { exact: true }).fill('john.smith@example.com');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await demo.clearCalls();
    const asked = await demo.brokerRequests(async () => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('That email and password do not match our records.').waitFor();
    });
    // The page asked its host, and the host said no without asking the broker (its request log) or InvoiceCloud.
    assert.deepEqual(sent, ['POST /demo/sign-in']);
    assert.deepEqual(asked, []);
    assert.deepEqual(await demo.calls(), []);
    // The browser logs the host's 401; nothing else went wrong.
    assert.deepEqual(problems, ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });
});
