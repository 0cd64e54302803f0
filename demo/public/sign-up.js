// The host's own sign-up, where the guest page's "Create an account" offer leads (ic-register-requested).
// The account number and receipt email arrive through sessionStorage, not the URL, so no address lands in
// a server log or the history; `?account=` works too, for a link from elsewhere.
const $ = (id) => document.getElementById(id);
const form = $('sign-up');
const error = $('sign-up-error');
const FIELDS = { accountNumber: 'account-number', name: 'name', email: 'email', password: 'password' };

const offer = JSON.parse(sessionStorage.getItem('demo-sign-up') ?? 'null');
$('account-number').value = offer?.accountNumber ?? new URLSearchParams(location.search).get('account') ?? '';
$('email').value = offer?.email ?? '';

function markInvalid(field) {
  for (const id of Object.values(FIELDS)) {
    $(id).removeAttribute('aria-invalid');
    $(id).removeAttribute('aria-describedby');
  }
  const input = field && $(FIELDS[field]);
  if (!input) return;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', 'sign-up-error');
  input.focus();
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  error.textContent = '';
  try {
    const body = Object.fromEntries(new FormData(form));
    const res = await fetch('/demo/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      error.textContent = json?.error?.message ?? 'The sign-up did not go through. Please try again.';
      markInvalid(json?.error?.field);
      return;
    }
    // Signed in: the portal page reads its session token from here (portal.js).
    sessionStorage.setItem('demo-session-token', json.token);
    sessionStorage.removeItem('demo-sign-up');
    location.assign('/portal.html');
  } finally {
    button.disabled = false;
  }
});
