/** Per-element entry: defines `<ic-provider>`. */
export { IcProvider } from './ic-provider.ts';
