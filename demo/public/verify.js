// The page behind the emailed approval link (seed: Update Email and Password).
// The token is in the link's fragment, which the browser never sends to a server; it goes to the broker in request bodies only.
const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const post = (path, body) =>
  fetch(`/api/v1/verifications/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...body }),
  });

const res = await post('preview', {});
if (!res.ok) {
  $('summary').textContent = 'This link has expired or was already used. Ask for the change again from your account page.';
} else {
  const info = await res.json();
  const what = [info.newEmail ? `your email address to ${info.newEmail}` : '', info.passwordChange ? 'your password' : '']
    .filter(Boolean)
    .join(' and ');
  $('summary').textContent = `Approve changing ${what}.`;
  $('password-field').hidden = !info.passwordChange;
  $('approve').hidden = false;
}

$('approve').addEventListener('submit', async (e) => {
  e.preventDefault();
  const newPassword = $('new-password').value;
  const r = await post('approve', newPassword ? { newPassword } : {});
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    $('error').textContent = body?.error?.message ?? 'That did not work. Please try again.';
    return;
  }
  $('approve').hidden = true;
  $('summary').textContent = 'Done: your online billing account is updated.';
  $('heading').focus();
});
