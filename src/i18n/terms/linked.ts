/** English of `<ic-linked-accounts>`. */
export const enLinked = {
  linkedTo: (account: string) => `Linked to ${account}`,
  unregistered: (accounts: string) => `Unregistered ${accounts}`,
  accountsHeading: 'Your accounts',
  noAccounts: 'No accounts are registered to you yet. Link one below.',
  balance: (amount: string) => `Balance ${amount}`,
  paperlessBadge: (on: boolean) => `Paperless ${on ? 'on' : 'off'}`,
  autopayBadge: (on: boolean) => `AutoPay ${on ? 'on' : 'off'}`,
  linkHeading: 'Link another account',
  linkAccount: 'Link account',
  linking: 'Linking…',
  accountLinked: (account: string) => `Account ${account} linked`,
  errLinkNotFound: 'We could not find an account with that number and last name. Check both against your bill and try again.',
  unregister: 'Unregister',
  unregistering: 'Unregistering…',
  unregisterQuestion: (account: string) => `Unregister ${account}?`,
  unregisterBody: (also: string, count: number) =>
    `${count ? `This also removes ${also}, which ${count > 1 ? 'are' : 'is'} linked to it. ` : ''}You can link ${count ? 'them' : 'it'} again later.`,
};
