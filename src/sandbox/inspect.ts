/**
 * `/__sandbox/...`: inspection and control for tests and outside checks
 * (FIXTURES.md "Ports and paths"). Not part of the InvoiceCloud API, never
 * authenticated, and — like everything in the sandbox — free of card data:
 * the tables it reads hold only brand and last four.
 */
import { Hono } from 'hono';
import type { SandboxEnv } from './api.ts';
import type { Db } from './db.ts';
import { FaultSpec, type FaultRegistry } from './faults.ts';
import { findLoginByUsername, loginAccountNumbers } from './logins.ts';
import {
  balanceCents,
  clearCalls,
  findAccount,
  linkedAccountNumbers,
  listCalls,
  listPayments,
  loginsOfAccount,
  paymentMethodsOfLogin,
} from './store.ts';

export interface InspectDeps {
  db: Db;
  faults: FaultRegistry;
  reset: () => void;
}

/**
 * `GET /__sandbox/accounts/N`, in exactly the shape FIXTURES.md gives. An
 * account two logins share (100200306) is shown as its first login sees it
 * (`loginId`, linked accounts, wallet); `GET /__sandbox/logins/<username>`
 * shows each login's accounts, the other's too.
 */
export function accountView(db: Db, accountNumber: string) {
  const a = findAccount(db, accountNumber);
  if (!a) return undefined;
  const loginGuid = loginsOfAccount(db, a.accountNumber)[0] ?? null;
  const methods = loginGuid ? paymentMethodsOfLogin(db, loginGuid) : [];
  return {
    accountNumber: a.accountNumber,
    customerName: `${a.firstName} ${a.lastName}`,
    email: a.email,
    registered: loginGuid !== null,
    loginId: loginGuid,
    linkedAccounts: loginGuid ? linkedAccountNumbers(db, loginGuid, a.accountNumber) : [],
    paperless: a.paperless,
    payByText: a.payByText,
    autopay: { enabled: a.autopayMethodId !== null, paymentMethodId: a.autopayMethodId },
    paymentMethods: methods.map((m) => ({
      id: m.id,
      kind: m.kind,
      brand: m.brand,
      last4: m.last4,
      expMonth: m.expMonth,
      expYear: m.expYear,
      isDefault: m.isDefault,
    })),
    balanceCents: balanceCents(db, a.accountNumber),
  };
}

/** `GET /__sandbox/logins/:username`: whether a password is set, never its hash. */
export function loginView(db: Db, username: string) {
  const login = findLoginByUsername(db, username);
  if (!login) return undefined;
  return {
    loginGuid: login.loginGuid,
    username: login.username,
    email: login.email,
    hasPassword: login.passwordHash !== null,
    accountNumbers: loginAccountNumbers(db, login.loginGuid),
  };
}

export function inspectRoutes(deps: InspectDeps): Hono<SandboxEnv> {
  const { db, faults } = deps;
  return new Hono<SandboxEnv>()
    .get('/calls', (c) => c.json(listCalls(db)))
    .delete('/calls', (c) => {
      clearCalls(db);
      return c.body(null, 204);
    })
    .get('/payments', (c) => {
      const account = c.req.query('account');
      // Oldest first, like the call log: the order things happened in.
      const rows = listPayments(db, account === undefined ? {} : { accountNumber: account.trim() }).reverse();
      return c.json(
        rows.map((p) => ({
          id: p.id,
          accountNumber: p.accountNumber,
          invoiceNumber: p.invoiceNumber,
          amountCents: p.amountCents,
          method: { kind: p.kind, brand: p.brand, last4: p.last4 },
          status: p.status,
          createdAt: p.createdAt,
        })),
      );
    })
    .get('/accounts/:accountNumber', (c) => {
      const view = accountView(db, c.req.param('accountNumber'));
      return view ? c.json(view) : c.json({ error: 'No such account in the sandbox.' }, 404);
    })
    .get('/logins/:username', (c) => {
      const view = loginView(db, c.req.param('username'));
      return view ? c.json(view) : c.json({ error: 'No such login in the sandbox.' }, 404);
    })
    .post('/reset', (c) => {
      deps.reset();
      return c.json({ reset: true });
    })
    .get('/faults', (c) => c.json(faults.list()))
    .post('/faults', async (c) => {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        return c.json({ error: 'The body is not valid JSON.' }, 400);
      }
      const parsed = FaultSpec.safeParse(raw);
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        return c.json({ error: message }, 400);
      }
      faults.set(parsed.data);
      return c.json(parsed.data, 201);
    })
    .delete('/faults', (c) => {
      faults.clear();
      return c.body(null, 204);
    });
}
