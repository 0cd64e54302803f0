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

// Registration belongs to the host's own sign-up; the element only asks for it.
pay.addEventListener('ic-register-requested', (e) => {
  const to = e.detail.email ? ` for ${e.detail.email}` : '';
  message.textContent = `Creating an online account for ${e.detail.accountNumber}${to} is the portal's sign-up step.`;
});
