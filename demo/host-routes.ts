/**
 * The demo host's own backend, as MyMeter's would be: its sign-in checks its
 * own users, then opens a broker session server to server; its profile form
 * changes the password in the host first, then asks the broker to bring
 * InvoiceCloud along. The page never sees the host API key.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Broker } from '../src/broker/app.ts';
import { passwordMatches, type HostUsers } from './host-users.ts';

interface Deps {
  broker: Broker;
  users: HostUsers;
  hostKey: string;
  origin: string;
}

const SignIn = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });
const Profile = z.object({
  currentPassword: z.string().min(1),
  newEmail: z.string().email().optional(),
  newPassword: z.string().min(8).max(128).optional(),
});

export function hostRoutes({ broker, users, hostKey, origin }: Deps) {
  const api = (c: Context, path: string, init: RequestInit = {}) =>
    broker.fetch(new Request(`${origin}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', origin, ...init.headers } }), c.env);
  const fail = (c: Context, status: 400 | 401, message: string) => c.json({ error: { code: status === 401 ? 'unauthorized' : 'validation_failed', message } }, status);

  return new Hono()
    .post('/sign-in', async (c) => {
      const body = SignIn.safeParse(await c.req.json().catch(() => null));
      if (!body.success) return fail(c, 400, 'Enter your email and password.');
      const user = users.byEmail(body.data.email);
      if (!user || !passwordMatches(body.data.password, user.passwordHash)) return fail(c, 401, 'That email and password do not match our records.');
      const { userId, email, name, accountNumbers } = user;
      return api(c, '/sessions', { method: 'POST', headers: { 'x-ic-host-key': hostKey }, body: JSON.stringify({ userId, email, name, accountNumbers }) });
    })
    .post('/profile', async (c) => {
      const auth = c.req.header('authorization') ?? '';
      const me = await api(c, '/me', { headers: { authorization: auth } });
      if (!me.ok) return me;
      const { user } = (await me.json()) as { user: { userId: string } };
      const body = Profile.safeParse(await c.req.json().catch(() => null));
      if (!body.success || (!body.data.newEmail && !body.data.newPassword)) return fail(c, 400, 'Enter your current password and a new email or a new password.');
      const hostUser = users.byId(user.userId);
      // The host is the authority on passwords: its own check comes first.
      if (!hostUser || !passwordMatches(body.data.currentPassword, hostUser.passwordHash)) return fail(c, 400, 'Your current password is not right.');
      const synced = await api(c, '/me/credentials', { method: 'PUT', headers: { authorization: auth }, body: JSON.stringify(body.data) });
      if (synced.ok) users.update(user.userId, { email: body.data.newEmail, password: body.data.newPassword });
      return synced;
    })
    .post('/sign-out', (c) => api(c, '/sessions/current', { method: 'DELETE', headers: { authorization: c.req.header('authorization') ?? '' } }))
    .get('/outbox', (c) => c.json(broker.outbox?.list() ?? []));
}
