// What the React and Vue example pages share: the demo host's own sign-in
// (its backend opens the broker session) and how the host shows money.

/** John's account with a saved card and AutoPay off (FIXTURES.md). */
export const DEMO_ACCOUNT = '100200301';

export type SignInResult = { ok: true; token: string } | { ok: false; message: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  const res = await fetch('/demo/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const json = (await res.json().catch(() => null)) as { token?: string; error?: { message?: string } } | null;
  if (res.ok && json?.token) return { ok: true, token: json.token };
  return { ok: false, message: json?.error?.message ?? 'Sign-in failed. Please try again.' };
}

export const money = (cents: number): string => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
