/** Per-element entry: defines `<ic-sso-frame>`. */
export { IcSsoFrame } from './ic-sso-frame.ts';
