import type { Logger } from 'pino';
import type { InvoiceCloud } from '../invoicecloud/api.ts';
import type { Audit } from './audit.ts';
import type { PaymentLedger } from './ledger.ts';
import type { Mailer } from './mail.ts';
import type { SavedMethod } from '../contract/self-service.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import type { IcLogin, Session, SessionStore } from './sessions.ts';
import type { SyncedSession } from './sync.ts';
import type { UnregisteredAccounts } from './unregistered.ts';
import type { VerificationStore } from './verifications.ts';
import type { ResolvedOptions } from './options.ts';

/** What every route gets: built once by createBroker. */
export interface BrokerDeps {
  options: ResolvedOptions;
  ic: InvoiceCloud;
  ledger: PaymentLedger;
  /** A call to InvoiceCloud started longer ago than this has ended: its answer, if any, was lost with its process. */
  inFlightMs: number;
  audit: Audit;
  sessions: SessionStore;
  verifications: VerificationStore;
  /** What each host user unregistered: not registered again at sign-in. */
  unregistered: UnregisteredAccounts;
  mailer: Mailer;
  log: Logger;
  limits: {
    lookupPerIp: (key: string) => Promise<void>;
    lookupPerAccount: (key: string) => Promise<void>;
    paymentPerIp: (key: string) => Promise<void>;
    paymentPerToken: (key: string) => Promise<void>;
    attemptsPerLookup: (key: string) => Promise<void>;
    statusPerIp: (key: string) => Promise<void>;
    statusPerToken: (key: string) => Promise<void>;
  };
}

export interface BrokerEnv {
  Variables: {
    requestId: string;
    clientIp: string;
    // The rest are set by middleware (auth.ts, routing.ts) on the routes that need them: only those routes' handlers read them.
    session: Session;
    sessionToken: string;
    /** A guest payment's look-up token: the account it names, and its id. */
    lookup: { accountNumber: string; tokenId: string };
    /** ownAccount and ownMethod: the session as synced, and its login. */
    synced: SyncedSession;
    login: IcLogin;
    account: SyncedAccount;
    method: SavedMethod;
    idempotencyKey: string;
  };
}
