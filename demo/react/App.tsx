// A React 19 host page: the elements come from the package's bundler build,
// their JSX types from `ic-widgets/react`. React 19 sets the elements'
// properties (token, accountNumber) and adds `on<event-name>` listeners.
import { useState, type FormEvent } from 'react';
import 'ic-widgets/elements/ic-one-time-pay';
import 'ic-widgets/elements/ic-autopay-toggle';
import type {} from 'ic-widgets/react';
import type { Receipt } from 'ic-widgets';
import { DEMO_ACCOUNT, money, signIn } from '../frameworks-shared.ts';

export function App() {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [signInError, setSignInError] = useState('');
  const [autopay, setAutopay] = useState('');

  async function onSignIn(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const r = await signIn(String(form.get('email')), String(form.get('password')));
    setSignInError(r.ok ? '' : r.message);
    if (r.ok) setToken(r.token);
  }

  return (
    <main id="main" className="wrap">
      <h1>ic-widgets in React 19</h1>
      <section aria-labelledby="pay-heading">
        <h2 id="pay-heading">Pay a bill as a guest</h2>
        <ic-one-time-pay endpoint="/api/v1" onic-payment-succeeded={(e) => setReceipt(e.detail.receipt)} />
        <p className="host-message" role="status">
          {receipt && `React heard: paid ${money(receipt.amountCents)}, confirmation ${receipt.confirmationNumber}.`}
        </p>
      </section>
      <section aria-labelledby="autopay-heading">
        <h2 id="autopay-heading">AutoPay for account {DEMO_ACCOUNT}</h2>
        {token ? (
          <>
            <ic-autopay-toggle
              endpoint="/api/v1"
              token={token}
              accountNumber={DEMO_ACCOUNT}
              onic-autopay-changed={(e) => setAutopay(`React heard: AutoPay is ${e.detail.enabled ? 'on' : 'off'}.`)}
            />
            <p className="host-message" role="status">
              {autopay}
            </p>
          </>
        ) : (
          <form className="host-form" onSubmit={onSignIn}>
            <p className="field">
              <label htmlFor="email">Email</label>
              <input id="email" name="email" type="email" autoComplete="username" required />
            </p>
            <p className="field">
              <label htmlFor="password">Password</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required />
            </p>
            <p className="form-error" role="alert">
              {signInError}
            </p>
            <button type="submit">Sign in</button>
          </form>
        )}
      </section>
    </main>
  );
}
