/**
 * A portal page as a utility builds it: every signed-in element of one user
 * under one <ic-provider>, against the real stack. It asks the broker once per
 * resource, reaches InvoiceCloud only for what the synced copy does not hold
 * (the bills), and the elements keep each other current: a payment shows in
 * the balances, a new default in what AutoPay says it charges.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { IcAutopayToggle, IcBills, IcLinkedAccounts, IcPaymentMethods } from '../../src/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { visibleText, waitUntil } from './helpers/dom.ts';
import { countingFetch } from './helpers/requests.ts';
import { operations } from './helpers/sandbox.ts';

interface Page {
  root: HTMLElement;
  sent: string[];
  bills: IcBills;
  accounts: IcLinkedAccounts;
  methods: IcPaymentMethods;
  autopay: IcAutopayToggle;
}

describe('a portal page with every signed-in element', function () {
  this.timeout(30000);

  async function mount(): Promise<Page> {
    const { endpoint } = await testStack();
    const token = await signIn(USERS.john);
    await sandbox('/__sandbox/calls', { method: 'DELETE' });
    const { fetch, requests: sent } = countingFetch();
    const client = new BrokerClient({ baseUrl: endpoint, token, fetch });
    const root = await fixture<HTMLElement>(
      html`<ic-provider .client=${client} lang="en">
        <ic-linked-accounts></ic-linked-accounts>
        <ic-bills account-number="100200301"></ic-bills>
        <ic-paperless-toggle account-number="100200301"></ic-paperless-toggle>
        <ic-autopay-toggle account-number="100200301"></ic-autopay-toggle>
        <ic-payment-methods></ic-payment-methods>
      </ic-provider>`,
    );
    const q = <T extends Element>(tag: string) => root.querySelector(tag) as unknown as T;
    const page: Page = {
      root,
      sent,
      bills: q('ic-bills'),
      accounts: q('ic-linked-accounts'),
      methods: q('ic-payment-methods'),
      autopay: q('ic-autopay-toggle'),
    };
    await waitUntil(() => visibleText(page.bills).includes('INV-2001'), 'the bills');
    await waitUntil(() => visibleText(page.accounts).includes('100200302'), 'the accounts');
    await waitUntil(() => visibleText(page.methods).includes('Visa ending in 1111'), 'the saved methods');
    await waitUntil(() => visibleText(page.autopay).includes('Visa ending in 1111'), 'the AutoPay method');
    await waitUntil(() => q<HTMLElement>('ic-paperless-toggle').shadowRoot?.querySelector('[role="switch"]'), 'the paperless switch');
    return page;
  }

  beforeEach(resetSandbox);

  it('loads with one request per resource and no InvoiceCloud call but the bills', async () => {
    const page = await mount();
    await expect(page.root).to.be.accessible();
    expect([...page.sent].sort()).to.deep.equal(['GET /accounts', 'GET /accounts/100200301/bills?limit=10', 'GET /payment-methods']);
    // Accounts and saved methods come from the session's synced copy; bills and history are asked for, together.
    expect((await operations()).sort()).to.deep.equal(['RetrieveInvoices', 'RetrievePayments']);
  });

  it('a bill paid in <ic-bills> shows in the balances of <ic-linked-accounts>', async () => {
    const page = await mount();
    expect(visibleText(page.accounts)).to.include('$142.75');
    // The payment itself is <ic-bills>' own test; here it goes through the shared client as the element's would.
    const client = (page.root as unknown as { client: BrokerClient }).client;
    const visa = (await client.paymentMethods())[0]!;
    const r = await client.payBill('100200301', crypto.randomUUID(), {
      invoiceNumber: 'INV-2001',
      amountCents: 14275,
      method: { kind: 'saved', id: visa.id },
    });
    expect(r.status).to.equal('succeeded');
    await waitUntil(() => !visibleText(page.accounts).includes('$142.75'), 'the new balance');
    await waitUntil(() => visibleText(page.bills).includes('Nothing to pay right now'), 'no open bill');
  });

  it('a new default made in <ic-payment-methods> is what <ic-autopay-toggle> says it will charge', async () => {
    const page = await mount();
    const client = (page.root as unknown as { client: BrokerClient }).client;
    const bank = await client.storePaymentMethod({
      method: { kind: 'ach', routingNumber: '011000015', accountNumber: '123456789', accountType: 'checking', name: 'John Smith' },
    });
    await waitUntil(() => visibleText(page.methods).includes('Checking account ending in 6789'), 'the new method listed');
    await client.updatePaymentMethod(bank.id, { makeDefault: true });
    await waitUntil(() => visibleText(page.autopay).includes('Checking account ending in 6789'), 'AutoPay follows the default');
    expect(visibleText(page.autopay)).to.not.include('Visa ending in 1111');
  });
});
