import type { SavedMethod } from '../contract/self-service.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import type { BrokerDeps } from './context.ts';
import type { Session } from './sessions.ts';

export type SyncedSession = Session & { accounts: SyncedAccount[]; methods: SavedMethod[] };

/**
 * The session's copy of the user's InvoiceCloud accounts and saved methods.
 * Reads are served from it; one Retrieve User Accounts fills it when a flow
 * did not, and refreshes it after every change the user makes.
 */
export async function synced(deps: BrokerDeps, token: string, session: Session, refresh = false): Promise<SyncedSession> {
  if (!refresh && session.accounts && session.methods) return session as SyncedSession;
  // No login (every account is another login's): nothing in InvoiceCloud is this session's.
  if (!session.login) return { ...session, accounts: [], methods: [] };
  const { accounts, methods } = await deps.ic.retrieveUserAccounts(session.login.loginGuid);
  const next = { ...session, accounts, methods };
  await deps.sessions.update(token, next);
  return next;
}
