/**
 * Schemas of the server-to-server and out-of-page routes (host backend,
 * emailed links): kept apart so the browser bundle does not carry them.
 */
import * as z from 'zod/mini';
import { AccountNumber, IsoDateTime } from './common.ts';

/**
 * `POST /sessions`, server to server: the host's backend has signed its user
 * in and asks the broker to run the seed's User Access flow for them.
 */
export const SessionRequest = z
  .object({
    /** The host's own id for the user (MyMeter user id). */
    userId: z.string().check(z.minLength(1), z.maxLength(128)),
    email: z.email(),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** The user's accounts as the host knows them (MyMeter accounts). */
    accountNumbers: z.array(AccountNumber).check(z.minLength(1), z.maxLength(50)),
    /**
     * Accounts the user unregistered online and has since added back in the
     * host: each is also in `accountNumbers`. The broker remembers what a user
     * unregistered and does not register it again at sign-in; listed here, it
     * is forgotten and registered as usual.
     */
    reRegister: z.optional(z.array(AccountNumber).check(z.maxLength(50))),
  })
  .check(
    z.refine((r) => (r.reRegister ?? []).every((n) => r.accountNumbers.includes(n)), {
      message: 'Every account in reRegister must also be in accountNumbers.',
      path: ['reRegister'],
    }),
  );
export type SessionRequest = z.infer<typeof SessionRequest>;

export const SessionResponse = z.object({
  /** Opaque bearer token for the elements (`<ic-provider token>`). */
  token: z.string(),
  /** Sliding: every use pushes it out again. */
  expiresAt: IsoDateTime,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

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
  .check(
    z.refine((r) => r.newEmail !== undefined || r.newPassword !== undefined, {
      message: 'Give a new email, a new password, or both.',
      path: ['newEmail'],
    }),
  );
export type CredentialsRequest = z.infer<typeof CredentialsRequest>;

export const CredentialsResponse = z.discriminatedUnion('status', [
  /** InvoiceCloud held the same email and password: changed at once. */
  z.object({ status: z.literal('updated') }),
  /** It did not: a single-use link went to the address InvoiceCloud has on file (shown masked). */
  z.object({ status: z.literal('verification_sent'), sentTo: z.string(), expiresAt: IsoDateTime }),
]);
export type CredentialsResponse = z.infer<typeof CredentialsResponse>;

/**
 * The token of an emailed approval link. It travels in request bodies, never
 * in a URL path or query, so no access log or proxy keeps it; the link itself
 * carries it in the fragment, which browsers never send.
 */
const VerificationToken = z.string().check(z.minLength(16), z.maxLength(128));

/** `POST /verifications/preview`: which link. */
export const VerificationPreview = z.object({ token: VerificationToken });
export type VerificationPreview = z.infer<typeof VerificationPreview>;

/** `POST /verifications/preview`'s answer: what approving the link will change. */
export const VerificationInfo = z.object({
  newEmail: z.nullable(z.string()),
  /** When true, approving asks for the new password again: the broker never keeps one. */
  passwordChange: z.boolean(),
  expiresAt: IsoDateTime,
});
export type VerificationInfo = z.infer<typeof VerificationInfo>;

/** `POST /verifications/approve`: the link's token, and for a password change the new password again. */
export const VerificationApproval = z.object({ token: VerificationToken, newPassword: z.optional(Password) });
export type VerificationApproval = z.infer<typeof VerificationApproval>;
