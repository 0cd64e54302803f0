import * as z from 'zod/mini';
import { AccountNumber, Cents, IsoDateTime } from './common.ts';

/** An account the session may see and act on, as last synced from InvoiceCloud. */
export const SyncedAccount = z.object({
  accountNumber: AccountNumber,
  customerName: z.string(),
  balanceCents: Cents,
  paperless: z.boolean(),
  payByText: z.boolean(),
  autopay: z.boolean(),
  /** The saved method AutoPay charges, when on. */
  autopayMethodId: z.nullable(z.string()),
  /** The account this one is linked under (unregistering that one removes this one too). */
  linkedTo: z.nullable(AccountNumber),
});
export type SyncedAccount = z.infer<typeof SyncedAccount>;

/**
 * What became of an account the host listed when the user signed in:
 * - `synced`: the user's own in InvoiceCloud, and in `accounts`;
 * - `unregistered`: the user unregistered it (since sign-in, or before it: the
 *   broker remembers, and does not register it again at sign-in until the
 *   host lists it in `reRegister`);
 * - `registered_to_another_login`: registered to an InvoiceCloud login that is
 *   not the user's (none answers to their email), so it is left out of the
 *   session: no bills, methods, AutoPay or portal pages. The user can sign in
 *   with that login's email address, or ask the utility.
 */
export const HostAccountStatus = z.enum(['synced', 'unregistered', 'registered_to_another_login']);
export type HostAccountStatus = z.infer<typeof HostAccountStatus>;

export const HostAccount = z.object({ accountNumber: AccountNumber, status: HostAccountStatus });
export type HostAccount = z.infer<typeof HostAccount>;

export const MeResponse = z.object({
  user: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  /** The accounts the session may see and act on (also every account linked to the user's login). */
  accounts: z.array(SyncedAccount),
  /** Every account the host listed at sign-in, in its order, and what became of it. */
  hostAccounts: z.array(HostAccount),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** InvoiceCloud portal pages an `<ic-sso-frame>` can open. */
export const SsoTarget = z.enum(['dashboard', 'pay-by-text']);
export type SsoTarget = z.infer<typeof SsoTarget>;

export const SsoRequest = z.object({
  target: SsoTarget,
  /** The account the page is for: one of the session's accounts (else 404 `account_not_found`); the first when left out. */
  accountNumber: z.optional(AccountNumber),
});
export type SsoRequest = z.infer<typeof SsoRequest>;

export const SsoResponse = z.object({
  /** Single use, valid until `expiresAt` (at most 60 s). */
  // Checked again with new URL() where it is used; z.url() would cost the browser bundle.
  url: z.string().check(z.regex(/^https?:\/\//)),
  expiresAt: IsoDateTime,
  /** The frame's origin: the only origin whose messages the element accepts. */
  origin: z.string().check(z.regex(/^https?:\/\/[^/]+$/)),
});
export type SsoResponse = z.infer<typeof SsoResponse>;

/** Messages an InvoiceCloud portal page posts to its parent. */
export const SsoMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ic-sso:loaded'), page: z.string().check(z.maxLength(64)) }),
  z.object({ type: z.literal('ic-sso:resize'), height: z.number().check(z.minimum(0), z.maximum(20_000)) }),
  z.object({ type: z.literal('ic-sso:pay-by-text-changed'), enrolled: z.boolean() }),
  z.object({ type: z.literal('ic-sso:expired') }),
]);
export type SsoMessage = z.infer<typeof SsoMessage>;
