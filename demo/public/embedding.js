// Puts every element three shadow roots deep, under one <ic-provider> with the
// session token the portal page keeps for this tab.
const token = sessionStorage.getItem('demo-session-token');
const status = document.getElementById('embedding-status');

let root = document.getElementById('outer-host').attachShadow({ mode: 'open' });
for (const depth of [2, 3]) {
  const host = document.createElement('div');
  host.className = `shadow-host-${depth}`;
  root.append(host);
  root = host.attachShadow({ mode: 'open' });
}
root.innerHTML = `
  <ic-provider endpoint="/api/v1">
    <ic-one-time-pay></ic-one-time-pay>
    <ic-linked-accounts></ic-linked-accounts>
    <ic-bills account-number="100200301"></ic-bills>
    <ic-paperless-toggle account-number="100200301"></ic-paperless-toggle>
    <ic-autopay-toggle account-number="100200301"></ic-autopay-toggle>
    <ic-payment-methods></ic-payment-methods>
    <ic-sso-frame target="dashboard"></ic-sso-frame>
  </ic-provider>`;
if (token) root.querySelector('ic-provider').setAttribute('token', token);
status.textContent = token ? 'Signed in.' : 'Sign in on /portal.html first, then open this page in the same tab.';
