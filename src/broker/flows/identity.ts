/**
 * Steps shared by the seed's User Access and User Registration flows. Each
 * flow file spells out its own decision tree with these; none of them knows
 * HTTP.
 *
 * Both start as the seed's User Registration says, account by account:
 * "Check to see if account exists in invoice cloud and if it is registered."
 * Every account the host lists is one of
 *   missing       not in InvoiceCloud         → Create Customer Record, then register it
 *   unregistered  exists, no login sees it    → register it
 *   own           the user's login sees it    → nothing to do
 *   foreign       only other logins see it    → left out of the session (`registered_to_another_login`):
 *                                                never synced, authenticated with or registered
 * and a missing or unregistered account the user unregistered earlier (the
 * broker remembers: unregistered.ts) is kept out: not registered again —
 * the seed's Manage Accounts lets the user unregister, and a sign-in must not
 * quietly undo it. `GET /me` calls it `unregistered`.
 * The user's login is one whose username or email is the host user's email,
 * without regard to case — never a login found on an account that merely
 * answers to someone else: the host vouches for its user's email, not for
 * whose login an account number leads to.
 */
import type { InvoiceCloud, IcUser } from '../../invoicecloud/api.ts';
import type { SyncedAccount } from '../../contract/sessions.ts';
import type { IcLogin, RemoteAuth, SessionData } from '../sessions.ts';

/** The host's signed-in user, as its backend describes them. */
export interface HostUser {
  userId: string;
  email: string;
  name: string;
  accountNumbers: string[];
}

/**
 * Who the user is in InvoiceCloud once a flow has run: the session's data
 * other than what the host said of the user, plus the Remote Authentication
 * Token. `accounts`/`methods` are `null` when the flow did not sync them.
 */
export type Identity = Omit<SessionData, 'userId' | 'email' | 'name'> & {
  remoteAuth: RemoteAuth | null;
  /** Host-listed accounts not registered again because the user unregistered them. */
  keptOut: string[];
};

export interface AccountUsers {
  accountNumber: string;
  customerExists: boolean;
  users: IcUser[];
}

/** Where the host's accounts stand for this user; every list in the host's order. */
export interface Standing {
  /** The user's own login, when InvoiceCloud has one that sees one of the accounts. */
  login: IcUser | undefined;
  missing: string[];
  unregistered: string[];
  own: string[];
  foreign: string[];
  /** Missing or unregistered, and unregistered by the user before: left as they are. */
  keptOut: string[];
  /** Every host-listed account but the foreign and kept-out ones: the user's once registered. */
  usable: string[];
}

/** The host's accounts, once each, in its order. */
function hostAccountsOf(user: HostUser): string[] {
  return [...new Set(user.accountNumbers)];
}

/** Retrieve Users for every account at once: one round trip however many accounts. */
function retrieveUsers(ic: InvoiceCloud, accountNumbers: string[]): Promise<AccountUsers[]> {
  return Promise.all(accountNumbers.map(async (accountNumber) => ({ accountNumber, ...(await ic.retrieveUsers(accountNumber)) })));
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Sorts Retrieve Users' answers into the four cases above, keeping out the
 * missing or unregistered accounts in `unregisteredByUser`. What InvoiceCloud
 * says comes first: an account the user's login sees again (they linked it
 * since) is their own, one another login has is foreign. Should two logins
 * answer to the email — one by username, another only by its email — the one
 * whose username it is wins (usernames are unique, emails need not be), and
 * accounts only the other sees are foreign.
 */
function classify(found: AccountUsers[], email: string, unregisteredByUser: readonly string[] = []): Standing {
  const answering = found.flatMap((f) => f.users).filter((u) => sameAddress(u.username, email) || sameAddress(u.email, email));
  const login = answering.find((u) => sameAddress(u.username, email)) ?? answering[0];
  const standing: Standing = { login, missing: [], unregistered: [], own: [], foreign: [], keptOut: [], usable: [] };
  for (const f of found) {
    const kind = !f.customerExists
      ? 'missing'
      : f.users.length === 0
        ? 'unregistered'
        : f.users.some((u) => u.loginGuid === login?.loginGuid)
          ? 'own'
          : 'foreign';
    if ((kind === 'missing' || kind === 'unregistered') && unregisteredByUser.includes(f.accountNumber)) {
      standing.keptOut.push(f.accountNumber);
      continue;
    }
    standing[kind].push(f.accountNumber);
    if (kind !== 'foreign') standing.usable.push(f.accountNumber);
  }
  return standing;
}

export interface Registration {
  loginGuid: string;
  username: string;
  icEmail: string;
  /** The CustomerGUID Create Customer Record gave the authentication account, when it made that one. */
  customerGuid: string | null;
  /** Register Accounts' answer: every account of the login, or `null` when nothing was registered. */
  accounts: SyncedAccount[] | null;
}

/**
 * Registers what needs it (seed: User Registration, per account): the
 * customer records InvoiceCloud lacks (concurrently), then one Register
 * Accounts (LoginTypeID 1) for those and every unregistered account — under
 * the user's login, or a new login named by their email when they have none.
 * Each step needs the one before it; nothing is called when all are their own.
 */
async function registerWhatNeedsIt(ic: InvoiceCloud, user: HostUser, standing: Standing, authAccount: string): Promise<Registration> {
  const { login } = standing;
  const toRegister = standing.usable.filter((n) => !standing.own.includes(n));
  if (login && toRegister.length === 0) {
    return { loginGuid: login.loginGuid, username: login.username, icEmail: login.email, customerGuid: null, accounts: null };
  }
  const { firstName, lastName } = splitName(user.name);
  const created = await Promise.all(
    standing.missing.map(async (accountNumber) => ({
      accountNumber,
      customerGuid: await ic.createCustomerRecord({ accountNumber, firstName, lastName, email: user.email }),
    })),
  );
  const username = login?.username ?? user.email;
  const registered = await ic.registerAccounts({ username, email: login?.email ?? user.email, accountNumbers: toRegister });
  return {
    loginGuid: registered.loginGuid,
    username,
    icEmail: login?.email ?? user.email,
    customerGuid: created.find((c) => c.accountNumber === authAccount)?.customerGuid ?? null,
    accounts: registered.accounts,
  };
}

/** Where both sign-in flows stand after their common first steps. */
export interface SignInStart {
  /** What every session names: the host's accounts, and those left out (another login's) or kept out (unregistered by the user). */
  common: Pick<Identity, 'hostAccounts' | 'leftOut' | 'keptOut'>;
  standing: Standing;
  /** The first host-listed account that is the user's: Remote Authentication uses it. */
  authAccount: string;
  registration: Registration;
}

/**
 * The steps User Access and User Registration share: Retrieve Users for every
 * host-listed account, sorting the answers (`classify`), and registering what
 * needs it. When none of the accounts can be the user's now (each another
 * login's, or unregistered by the user), the answer is instead the session
 * with nothing in it, and no call is made after Retrieve Users.
 */
export async function startSignIn(
  ic: InvoiceCloud,
  user: HostUser,
  unregisteredByUser: readonly string[],
): Promise<SignInStart | { withoutLogin: Identity }> {
  const hostAccounts = hostAccountsOf(user);
  const standing = classify(await retrieveUsers(ic, hostAccounts), user.email, unregisteredByUser);
  const common = { hostAccounts, leftOut: standing.foreign, keptOut: standing.keptOut };
  const authAccount = standing.usable[0];
  if (authAccount === undefined) return { withoutLogin: { ...common, login: null, accounts: [], methods: [], remoteAuth: null } };
  return { common, standing, authAccount, registration: await registerWhatNeedsIt(ic, user, standing, authAccount) };
}

/** The session's login from a registration and the account it authenticates with. */
export function icLogin(r: Registration, authAccount: string, customerGuid = r.customerGuid): IcLogin {
  return { username: r.username, icEmail: r.icEmail, loginGuid: r.loginGuid, customerGuid, authAccount };
}

export async function authenticate(ic: InvoiceCloud, username: string, accountNumber: string, now: number): Promise<RemoteAuth> {
  const ra = await ic.remoteAuthentication(username, accountNumber);
  return { token: ra.token, expiresAt: now + ra.expiresInSeconds * 1000 };
}

/** The last word is the last name, the rest the first: "Mary Ann Lee" → "Mary Ann" + "Lee". */
function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  const lastName = words.length > 1 ? words.pop()! : words[0]!;
  return { firstName: words.join(' ') || lastName, lastName };
}
