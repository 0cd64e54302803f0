/** English of `<ic-sso-frame>`: InvoiceCloud portal pages. */
export const enSso = {
  ssoDashboardTitle: 'InvoiceCloud customer dashboard',
  ssoPayByTextTitle: 'Pay By Text enrollment',
  ssoLoading: 'Loading your InvoiceCloud page…',
  ssoExpired: 'This page has expired.',
  // 409 no_portal_account: every account was unregistered.
  ssoNoAccount: 'There is no page to show: none of your accounts is registered for online billing now. Link an account to see this page.',
  reload: 'Reload',
  openInNewTab: 'Open in a new tab',
  opening: 'Opening…',
};
