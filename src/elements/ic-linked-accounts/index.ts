/** Per-element entry: defines `<ic-linked-accounts>` (and `<ic-provider>`, which it may read from). */
export { IcLinkedAccounts } from './ic-linked-accounts.ts';
