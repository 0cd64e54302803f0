/**
 * Steps shared by the seed's User Access and User Registration flows. Each
 * flow file spells out its own decision tree with these; none of them knows
 * HTTP.
 */
import type { IcUser, InvoiceCloud } from '../../invoicecloud/api.ts';
import type { RemoteAuth, SessionData } from '../sessions.ts';

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
export type Identity = Omit<SessionData, 'userId' | 'email' | 'name'> & { remoteAuth: RemoteAuth };

export interface AccountUsers {
  accountNumber: string;
  customerExists: boolean;
  users: IcUser[];
}

/** Retrieve Users for every account at once: one round trip however many accounts. */
export function retrieveUsers(ic: InvoiceCloud, accountNumbers: string[]): Promise<AccountUsers[]> {
  return Promise.all(accountNumbers.map(async (accountNumber) => ({ accountNumber, ...(await ic.retrieveUsers(accountNumber)) })));
}

/** The login to use when some account is registered: the one with the user's email, else the first found. */
export function registeredLogin(found: AccountUsers[], email: string): { login: IcUser; accountNumber: string } | undefined {
  const all = found.flatMap((f) => f.users.map((login) => ({ login, accountNumber: f.accountNumber })));
  return all.find((x) => x.login.email.toLowerCase() === email.toLowerCase()) ?? all[0];
}

export async function authenticate(ic: InvoiceCloud, username: string, accountNumber: string, now: number): Promise<RemoteAuth> {
  const ra = await ic.remoteAuthentication(username, accountNumber);
  return { token: ra.token, expiresAt: now + ra.expiresInSeconds * 1000 };
}

/**
 * No account registered yet: create the customer records InvoiceCloud lacks
 * (concurrently), register every account under one login named by the
 * user's email, then authenticate. Each step needs the one before it.
 */
export async function registerAndAuthenticate(ic: InvoiceCloud, user: HostUser, found: AccountUsers[], now: () => number): Promise<Identity> {
  const { firstName, lastName } = splitName(user.name);
  const created = await Promise.all(
    found
      .filter((f) => !f.customerExists)
      .map((f) => ic.createCustomerRecord({ accountNumber: f.accountNumber, firstName, lastName, email: user.email })),
  );
  const registered = await ic.registerAccounts({ username: user.email, email: user.email, accountNumbers: user.accountNumbers });
  const authAccount = user.accountNumbers[0]!;
  return {
    username: user.email,
    icEmail: user.email,
    loginGuid: registered.loginGuid,
    customerGuid: created[0] ?? null,
    authAccount,
    accounts: registered.accounts,
    // The login may be older than this registration: its methods are fetched when first needed.
    methods: null,
    remoteAuth: await authenticate(ic, user.email, authAccount, now()),
  };
}

/** The last word is the last name, the rest the first: "Mary Ann Lee" → "Mary Ann" + "Lee". */
function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  const lastName = words.length > 1 ? words.pop()! : words[0]!;
  return { firstName: words.join(' ') || lastName, lastName };
}
