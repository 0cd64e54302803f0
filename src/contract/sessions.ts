import * as z from 'zod/mini';
import { AccountNumber, Cents, IsoDateTime } from './common.ts';

/**
 * `POST /sessions`, server to server: the host's backend has signed its user
 * in and asks the broker to run the seed's User Access flow for them.
 */
export const SessionRequest = z.object({
  /** The host's own id for the user (MyMeter user id). */
  userId: z.string().check(z.minLength(1), z.maxLength(128)),
  email: z.email(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** The user's accounts as the host knows them (MyMeter accounts). */
  accountNumbers: z.array(AccountNumber).check(z.minLength(1), z.maxLength(50)),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionResponse = z.object({
  /** Opaque bearer token for the elements (`<ic-provider token>`). */
  token: z.string(),
  /** Sliding: every use pushes it out again. */
  expiresAt: IsoDateTime,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

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

export const MeResponse = z.object({
  user: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  accounts: z.array(SyncedAccount),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** InvoiceCloud portal pages an `<ic-sso-frame>` can open. */
export const SsoTarget = z.enum(['dashboard', 'pay-by-text']);
export type SsoTarget = z.infer<typeof SsoTarget>;

export const SsoRequest = z.object({ target: SsoTarget });
export type SsoRequest = z.infer<typeof SsoRequest>;

export const SsoResponse = z.object({
  /** Single use, valid until `expiresAt` (at most 60 s). */
  url: z.url(),
  expiresAt: IsoDateTime,
  /** The frame's origin: the only origin whose messages the element accepts. */
  origin: z.url(),
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

const Password = z.string().check(z.minLength(8), z.maxLength(128));

/**
 * `PUT /me/credentials`: the user changed their email and/or password in the
 * host (passwords change only there) and InvoiceCloud must follow.
 */
export const CredentialsRequest = z
  .object({
    /** The user's current password, which InvoiceCloud must also hold for an immediate change. */
    currentPassword: z.string().check(z.minLength(1), z.maxLength(128)),
    newEmail: z.optional(z.email()),
    newPassword: z.optional(Password),
  })
  .check(z.refine((r) => r.newEmail !== undefined || r.newPassword !== undefined, { message: 'Give a new email, a new password, or both.', path: ['newEmail'] }));
export type CredentialsRequest = z.infer<typeof CredentialsRequest>;

export const CredentialsResponse = z.discriminatedUnion('status', [
  /** InvoiceCloud held the same email and password: changed at once. */
  z.object({ status: z.literal('updated') }),
  /** It did not: a single-use link went to the address InvoiceCloud has on file (shown masked). */
  z.object({ status: z.literal('verification_sent'), sentTo: z.string(), expiresAt: IsoDateTime }),
]);
export type CredentialsResponse = z.infer<typeof CredentialsResponse>;

/** `GET /verifications/{token}`: what approving the link will change. */
export const VerificationInfo = z.object({
  newEmail: z.nullable(z.string()),
  /** When true, approving asks for the new password again: the broker never keeps one. */
  passwordChange: z.boolean(),
  expiresAt: IsoDateTime,
});
export type VerificationInfo = z.infer<typeof VerificationInfo>;

export const VerificationApproval = z.object({ newPassword: z.optional(Password) });
export type VerificationApproval = z.infer<typeof VerificationApproval>;
