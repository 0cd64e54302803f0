// The host page's own code: what a utility writes around the element.
const pay = document.querySelector('ic-one-time-pay');
const message = document.getElementById('host-message');
const lang = document.getElementById('lang');

lang.addEventListener('change', () => {
  document.documentElement.lang = lang.value;
  pay.setAttribute('lang', lang.value);
});

pay.addEventListener('ic-payment-succeeded', (e) => {
  message.textContent = `Thank you. Confirmation ${e.detail.receipt.confirmationNumber}.`;
});

// Registration belongs to the host's own sign-up; the element only asks for it. The account number and
// receipt email go to the sign-up page through sessionStorage, keeping the address out of the URL.
pay.addEventListener('ic-register-requested', (e) => {
  sessionStorage.setItem('demo-sign-up', JSON.stringify({ accountNumber: e.detail.accountNumber, email: e.detail.email }));
  location.assign('/sign-up.html');
});
