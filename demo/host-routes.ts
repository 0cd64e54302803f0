/**
 * The demo host's own backend, as MyMeter's would be: its sign-in checks its
 * own users, then opens a broker session server to server; its sign-up
 * creates a user, then registers them (seed: User Registration); its profile
 * form changes the password in the host first, then asks the broker to bring
 * InvoiceCloud along; it drops the accounts the user unregistered from what it
 * sends at sign-in, and lets the user add one back. The page never sees the
 * host API key.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Broker } from '../src/broker/app.ts';
import { ACCOUNT_NUMBER } from '../src/contract/limits.ts';
import type { HostAccount, MeResponse } from '../src/contract/sessions.ts';
import { passwordMatches, type HostUser, type HostUsers } from './host-users.ts';

interface Deps {
  broker: Broker;
  users: HostUsers;
  hostKey: string;
  origin: string;
}

const SignIn = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });
const AccountNumber = z.string().trim().regex(ACCOUNT_NUMBER);
// The broker's password rule (8 to 128), so a password the host accepts is one InvoiceCloud accepts too.
const SignUp = z.object({
  accountNumber: AccountNumber,
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email(),
  password: z.string().min(8).max(128),
});
const SIGN_UP_FIELDS: Record<keyof z.infer<typeof SignUp>, string> = {
  accountNumber: 'Enter the account number printed on your bill.',
  name: 'Enter your name.',
  email: 'Enter your email address, like name@example.com.',
  password: 'Choose a password of 8 to 128 characters.',
};
const Unregistered = z.object({ accountNumbers: z.array(z.string()).min(1).max(50) });
const AddAccount = z.object({ accountNumber: AccountNumber });
const Profile = z.object({
  currentPassword: z.string().min(1),
  newEmail: z.string().email().optional(),
  newPassword: z.string().min(8).max(128).optional(),
});

export function hostRoutes({ broker, users, hostKey, origin }: Deps) {
  const api = (c: Context, path: string, init: RequestInit = {}) =>
    broker.fetch(
      new Request(`${origin}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', origin, ...init.headers } }),
      c.env,
    );
  /** The broker, as the page's own session (its bearer token passed on). */
  const asUser = (c: Context, path: string, init: RequestInit = {}) =>
    api(c, path, { ...init, headers: { authorization: c.req.header('authorization') ?? '', ...init.headers } });
  const endSession = (c: Context) => asUser(c, '/sessions/current', { method: 'DELETE' });
  const fail = (c: Context, status: 400 | 401, message: string, field?: string) =>
    c.json({ error: { code: status === 401 ? 'unauthorized' : 'validation_failed', message, ...(field ? { field } : {}) } }, status);
  /** Opens a broker session for a host user, server to server (`/sessions`: User Access; `/registrations`: User Registration). */
  const openSession = (c: Context, path: '/sessions' | '/registrations', user: HostUser, reRegister?: string[]) => {
    const { userId, email, name } = user;
    // With none left online (the user unregistered them all), the ones they unregistered are sent instead: the
    // broker remembers them and keeps them out, so the session opens with nothing in it, and the page can still
    // offer to add one back.
    const accountNumbers = user.accountNumbers.length > 0 ? user.accountNumbers : (user.unregisteredAccounts ?? []);
    const body = { userId, email, name, accountNumbers, ...(reRegister ? { reRegister } : {}) };
    return api(c, path, { method: 'POST', headers: { 'x-ic-host-key': hostKey }, body: JSON.stringify(body) });
  };
  /** The host user behind the page's session token (the broker knows whose it is), or the broker's refusal. */
  const signedIn = async (c: Context): Promise<{ user: HostUser; hostAccounts: HostAccount[] } | Response> => {
    const me = await asUser(c, '/me');
    if (!me.ok) return me;
    const found = (await me.json()) as MeResponse;
    const user = users.byId(found.user.userId);
    return user ? { user, hostAccounts: found.hostAccounts } : fail(c, 401, 'Please sign in again.');
  };

  return (
    new Hono()
      .post('/sign-in', async (c) => {
        const body = SignIn.safeParse(await c.req.json().catch(() => null));
        if (!body.success) return fail(c, 400, 'Enter your email and password.');
        const user = users.byEmail(body.data.email);
        if (!user || !passwordMatches(body.data.password, user.passwordHash))
          return fail(c, 401, 'That email and password do not match our records.');
        return openSession(c, '/sessions', user);
      })
      // The register offer after a guest payment (sign-up.html): a new host user, registered with InvoiceCloud
      // (seed: User Registration). A guest payment proved only the account number and a last name; a real host
      // establishes that the account is this person's before it vouches for it (docs/integration.md).
      .post('/sign-up', async (c) => {
        const body = SignUp.safeParse(await c.req.json().catch(() => null));
        if (!body.success) {
          const field = body.error.issues[0]!.path[0] as keyof typeof SIGN_UP_FIELDS;
          return fail(c, 400, SIGN_UP_FIELDS[field] ?? 'Fill in every field.', field);
        }
        const user = users.create(body.data);
        if (!user) {
          return c.json(
            { error: { code: 'email_taken', message: 'We already have an account with that email. Sign in instead.', field: 'email' } },
            409,
          );
        }
        return openSession(c, '/registrations', user);
      })
      // <ic-linked-accounts> reported accounts gone (ic-account-unregistered): they leave what sign-in sends. Only
      // those the broker says are unregistered now, whatever else the page names.
      .post('/accounts/unregistered', async (c) => {
        const who = await signedIn(c);
        if (who instanceof Response) return who;
        const body = Unregistered.safeParse(await c.req.json().catch(() => null));
        if (!body.success) return fail(c, 400, 'Name the accounts that were unregistered.');
        const gone = who.hostAccounts.filter((a) => a.status === 'unregistered' && body.data.accountNumbers.includes(a.accountNumber));
        users.dropAccounts(
          who.user.userId,
          gone.map((a) => a.accountNumber),
        );
        return c.body(null, 204);
      })
      // The user adds back an account they unregistered: a new session, with it in reRegister so the broker registers it
      // again. The account goes back on the host's list only once that worked; the old session ends.
      .post('/accounts', async (c) => {
        const who = await signedIn(c);
        if (who instanceof Response) return who;
        const body = AddAccount.safeParse(await c.req.json().catch(() => null));
        if (!body.success) return fail(c, 400, 'Enter the account number printed on your bill.', 'accountNumber');
        const { user } = who;
        const n = body.data.accountNumber;
        if (!user.unregisteredAccounts?.includes(n))
          return fail(c, 400, 'That is not an account you unregistered. To add another account, link it above.', 'accountNumber');
        const opened = await openSession(c, '/sessions', { ...user, accountNumbers: [...user.accountNumbers, n] }, [n]);
        if (!opened.ok) return opened;
        users.addBack(user.userId, n);
        await endSession(c);
        return opened;
      })
      .post('/profile', async (c) => {
        const who = await signedIn(c);
        if (who instanceof Response) return who;
        const { user } = who;
        const body = Profile.safeParse(await c.req.json().catch(() => null));
        if (!body.success || (!body.data.newEmail && !body.data.newPassword))
          return fail(c, 400, 'Enter your current password and a new email or a new password.');
        // The host is the authority on passwords: its own check comes first.
        if (!passwordMatches(body.data.currentPassword, user.passwordHash)) return fail(c, 400, 'Your current password is not right.');
        const synced = await asUser(c, '/me/credentials', { method: 'PUT', body: JSON.stringify(body.data) });
        if (synced.ok) users.update(user.userId, { email: body.data.newEmail, password: body.data.newPassword });
        return synced;
      })
      .post('/sign-out', (c) => endSession(c))
      .get('/outbox', async (c) => c.json((await broker.outbox?.list()) ?? []))
  );
}
