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

/**
 * The account the bills, preferences and Pay By Text page show; the host page
 * owns this choice. A new account is a new Pay By Text page (a fresh single-use URL).
 */
function chooseAccount(accountNumber) {
  for (const el of provider.querySelectorAll('ic-bills, ic-paperless-toggle, ic-autopay-toggle, ic-sso-frame[target="pay-by-text"]')) {
    el.setAttribute('account-number', accountNumber);
  }
}

/** The account picker follows the user's accounts: linking adds one, unregistering removes some. */
function listAccounts(accounts) {
  const select = $('account');
  const keep = select.value;
  select.replaceChildren(
    ...accounts.map((a) => new Option(`${a.accountNumber} — ${money.format(a.balanceCents / 100)} due`, a.accountNumber)),
  );
  const shown = accounts.some((a) => a.accountNumber === keep) ? keep : (accounts[0]?.accountNumber ?? '');
  select.value = shown;
  chooseAccount(shown);
}

/**
 * The host's accounts that another online account holds (GET /me's hostAccounts): never shown here, so the
 * page says why and what the user can do, as the broker's integration guide asks of a host.
 */
function sayElsewhere(hostAccounts) {
  const elsewhere = hostAccounts.filter((a) => a.status === 'registered_to_another_login').map((a) => a.accountNumber);
  const note = $('elsewhere');
  note.hidden = elsewhere.length === 0;
  note.textContent = elsewhere.length
    ? `${elsewhere.length === 1 ? 'Account' : 'Accounts'} ${new Intl.ListFormat('en-US').format(elsewhere)} ${elsewhere.length === 1 ? 'is' : 'are'} ` +
      'registered to another online account, so not shown here. To see it, sign in with the email address of that online account, or contact us.'
    : '';
}

async function me(token) {
  const res = await fetch('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  return res.ok ? res.json() : null;
}

async function showPortal(token) {
  const found = await me(token);
  if (!found) return showSignIn();
  provider.setAttribute('token', token);
  if (!provider.firstElementChild) {
    provider.append($('portal-content').content.cloneNode(true));
    $('account').addEventListener('change', (e) => chooseAccount(e.target.value));
  }
  $('welcome').textContent = `Welcome, ${found.user.name}`;
  sayElsewhere(found.hostAccounts);
  listAccounts(found.accounts);
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  $('welcome').focus();
}

// The elements tell the page what changed; the picker asks the broker for the accounts again.
for (const type of ['ic-account-linked', 'ic-account-unregistered', 'ic-payment-succeeded']) {
  provider.addEventListener(type, async () => {
    const found = await me(sessionStorage.getItem(TOKEN));
    if (found) listAccounts(found.accounts);
  });
}

// Accounts unregistered online leave the host's own list too, so its next sign-in does not ask for them.
// Sign-out waits for it: the host route needs the session to know whose list it is.
let hostListUpdated = Promise.resolve();
provider.addEventListener('ic-account-unregistered', (e) => {
  hostListUpdated = post('/demo/accounts/unregistered', { accountNumbers: e.detail.accountNumbers }, sessionStorage.getItem(TOKEN)).catch(
    () => {},
  );
});

function showSignIn() {
  sessionStorage.removeItem(TOKEN);
  provider.removeAttribute('token');
  provider.replaceChildren();
  // The next user to sign in here sees nothing of this one's.
  $('add-account').reset();
  $('add-account-number').removeAttribute('aria-invalid');
  $('add-account-number').removeAttribute('aria-describedby');
  $('add-account-error').textContent = '';
  $('add-account-result').textContent = '';
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
  await hostListUpdated;
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

// Adding back an account the user unregistered: the host signs in again with it in reRegister (a new session).
// A refusal is announced and tied to the field, which gets focus; success is a status.
$('add-account').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('add-account-number');
  const button = e.target.querySelector('button');
  const accountNumber = input.value.trim();
  button.disabled = true;
  $('add-account-error').textContent = '';
  $('add-account-result').textContent = '';
  input.removeAttribute('aria-invalid');
  input.removeAttribute('aria-describedby');
  try {
    const r = await post('/demo/accounts', { accountNumber }, sessionStorage.getItem(TOKEN));
    if (!r.ok) {
      $('add-account-error').textContent = r.json?.error?.message ?? 'The account was not added. Please try again.';
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'add-account-error');
      input.focus();
      return;
    }
    sessionStorage.setItem(TOKEN, r.json.token);
    provider.replaceChildren();
    await showPortal(r.json.token);
    e.target.reset();
    $('add-account-result').textContent = `Account ${accountNumber} added.`;
  } finally {
    button.disabled = false;
  }
});

const saved = sessionStorage.getItem(TOKEN);
if (saved) showPortal(saved);
