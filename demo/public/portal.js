// The demo host's portal page: its own sign-in, then the ic-* elements under one provider.
const $ = (id) => document.getElementById(id);
const provider = document.querySelector('ic-provider');
const TOKEN = 'demo-session-token';
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

async function post(path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, json };
}

async function showPortal(token) {
  const res = await fetch('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return showSignIn();
  const { user, accounts } = await res.json();
  provider.setAttribute('token', token);
  if (!provider.firstElementChild) provider.append($('portal-content').content.cloneNode(true));
  $('welcome').textContent = `Welcome, ${user.name}`;
  provider.querySelector('#accounts').replaceChildren(
    ...accounts.map((a) => {
      const li = document.createElement('li');
      li.textContent = `Account ${a.accountNumber} — balance ${money.format(a.balanceCents / 100)}${a.paperless ? ' · paperless' : ''}${a.autopay ? ' · AutoPay' : ''}`;
      return li;
    }),
  );
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  $('welcome').focus();
}

function showSignIn() {
  sessionStorage.removeItem(TOKEN);
  provider.removeAttribute('token');
  provider.replaceChildren();
  $('signed-in').hidden = true;
  $('signed-out').hidden = false;
}

$('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const button = e.target.querySelector('button');
  button.disabled = true;
  $('sign-in-error').textContent = '';
  try {
    const r = await post('/demo/sign-in', { email: form.get('email'), password: form.get('password') });
    if (!r.ok) {
      $('sign-in-error').textContent = r.json?.error?.message ?? 'Sign-in failed. Please try again.';
      return;
    }
    sessionStorage.setItem(TOKEN, r.json.token);
    e.target.reset();
    await showPortal(r.json.token);
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', async () => {
  const token = sessionStorage.getItem(TOKEN);
  if (token) await post('/demo/sign-out', {}, token);
  showSignIn();
  $('email').focus();
});

$('profile').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const body = { currentPassword: form.get('currentPassword') };
  if (form.get('newEmail')) body.newEmail = form.get('newEmail');
  if (form.get('newPassword')) body.newPassword = form.get('newPassword');
  const r = await post('/demo/profile', body, sessionStorage.getItem(TOKEN));
  const result = $('profile-result');
  if (!r.ok) result.textContent = r.json?.error?.message ?? 'The change did not go through. Please try again.';
  else if (r.json.status === 'updated') result.textContent = 'Saved. Your online billing account was updated too.';
  else result.textContent = `Saved here. To update your online billing account too, open the link we emailed to ${r.json.sentTo}.`;
  if (r.ok) e.target.reset();
});

const saved = sessionStorage.getItem(TOKEN);
if (saved) showPortal(saved);
