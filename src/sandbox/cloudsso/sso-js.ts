/**
 * /cloudsso/assets/sso.js, the one script of the CloudSSO pages. Kept as a
 * string in a module (not a file beside it) so the node build bundles it
 * with no asset copying.
 *
 * It talks to the parent only at the exact origin the page was opened for
 * (`<main data-parent-origin>`), never '*': a page framed by anyone else
 * would not load at all (CSP frame-ancestors), and its messages could not
 * leak either. Messages: ic-sso:loaded {page}, ic-sso:resize {height},
 * ic-sso:pay-by-text-changed {enrolled}, ic-sso:expired.
 */
export const SSO_JS = String.raw`'use strict';
(function () {
  var main = document.querySelector('main');
  if (!main) return;
  var parentOrigin = main.getAttribute('data-parent-origin');
  var page = main.getAttribute('data-page');

  function tell(message) {
    if (parentOrigin && window.parent !== window) window.parent.postMessage(message, parentOrigin);
  }

  var lastHeight = -1;
  function reportHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    tell({ type: 'ic-sso:resize', height: height });
  }

  if (page === 'expired') tell({ type: 'ic-sso:expired' });
  else tell({ type: 'ic-sso:loaded', page: page });
  if (typeof ResizeObserver === 'function') new ResizeObserver(reportHeight).observe(document.documentElement);
  reportHeight();

  if (page === 'pay-by-text') payByText();

  /** US numbers: optional +1, then a 10-digit NANP number (area code and exchange start with 2-9). */
  function usMobile(raw) {
    if (!/^[\d\s().+-]+$/.test(raw)) return null;
    var digits = raw.replace(/\D/g, '');
    if (digits.length === 11 && digits.charAt(0) === '1') digits = digits.slice(1);
    return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? digits : null;
  }

  function payByText() {
    var token = main.getAttribute('data-page-token');
    var enrollForm = document.getElementById('pbt-enroll');
    var unenrollForm = document.getElementById('pbt-unenroll');
    var input = document.getElementById('pbt-mobile');
    var status = document.getElementById('pbt-status');
    var error = document.getElementById('pbt-error');

    function showError(text) {
      error.textContent = text;
    }

    function render(enrolled, last4) {
      main.setAttribute('data-enrolled', String(enrolled));
      enrollForm.hidden = enrolled;
      unenrollForm.hidden = !enrolled;
      status.textContent = !enrolled
        ? 'Pay By Text is off for this account.'
        : last4
          ? 'Pay By Text is on. Bills are texted to the number ending in ' + last4 + '.'
          : 'Pay By Text is on.';
    }

    function send(form, body) {
      var button = form.querySelector('button');
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      showError('');
      return fetch('/cloudsso/api/pay-by-text', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body: JSON.stringify(body),
        credentials: 'omit',
      })
        .then(function (res) {
          return res.json().then(
            function (json) { return { ok: res.ok, status: res.status, json: json }; },
            function () { return { ok: false, status: res.status, json: null }; }
          );
        })
        .then(function (r) {
          if (r.ok) {
            render(r.json.enrolled, r.json.mobileLast4);
            tell({ type: 'ic-sso:pay-by-text-changed', enrolled: r.json.enrolled });
            (r.json.enrolled ? unenrollForm : enrollForm).querySelector('button').focus();
            return;
          }
          var message = r.json && r.json.error && r.json.error.message;
          showError(message || 'Something went wrong. Please try again.');
          if (r.status === 401) tell({ type: 'ic-sso:expired' });
          else if (r.json && r.json.error && r.json.error.code === 'InvalidMobileNumber') invalid();
        })
        .catch(function () {
          showError('InvoiceCloud could not be reached. Please try again.');
        })
        .finally(function () {
          button.disabled = false;
          form.removeAttribute('aria-busy');
        });
    }

    function invalid() {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }

    enrollForm.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!usMobile(input.value)) {
        showError('Enter a 10-digit US mobile number, for example (217) 555-0142.');
        invalid();
        return;
      }
      input.removeAttribute('aria-invalid');
      send(enrollForm, { action: 'enroll', mobileNumber: input.value });
    });
    unenrollForm.addEventListener('submit', function (event) {
      event.preventDefault();
      send(unenrollForm, { action: 'unenroll' });
    });
  }
})();
`;
