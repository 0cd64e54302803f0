// The page behind the emailed approval link (seed: Update Email and Password).
const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get('token') ?? '';
const url = `/api/v1/verifications/${encodeURIComponent(token)}`;

const res = await fetch(url);
if (!res.ok) {
  $('summary').textContent = 'This link has expired or was already used. Ask for the change again from your account page.';
} else {
  const info = await res.json();
  const what = [info.newEmail ? `your email address to ${info.newEmail}` : '', info.passwordChange ? 'your password' : ''].filter(Boolean).join(' and ');
  $('summary').textContent = `Approve changing ${what}.`;
  $('password-field').hidden = !info.passwordChange;
  $('approve').hidden = false;
}

$('approve').addEventListener('submit', async (e) => {
  e.preventDefault();
  const newPassword = $('new-password').value;
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(newPassword ? { newPassword } : {}) });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    $('error').textContent = body?.error?.message ?? 'That did not work. Please try again.';
    return;
  }
  $('approve').hidden = true;
  $('summary').textContent = 'Done: your online billing account is updated.';
  $('heading').focus();
});
