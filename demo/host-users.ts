/**
 * The demo host's own users (a stand-in for MyMeter's user store), with
 * scrypt password hashes. Changes (sign-ups, email, password, accounts
 * unregistered and added back) are kept in the data folder so they survive a
 * restart, as a real host's would.
 */
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface HostUser {
  userId: string;
  email: string;
  name: string;
  /** The accounts the host sends the broker at sign-in: the user's accounts in online billing. */
  accountNumbers: string[];
  /**
   * The user's accounts they unregistered online (seed: Manage Accounts):
   * still theirs here, no longer sent at sign-in, and the only ones the user
   * may add back without the host checking anew that they are theirs.
   */
  unregisteredAccounts?: string[];
  passwordHash: string;
}

// FIXTURES.md demo sign-in: meter-demo-1, meter-demo-2, meter-demo-3.
const SEED: HostUser[] = [
  {
    userId: 'mymeter-john',
    email: 'john.smith@example.com',
    name: 'John Smith',
    accountNumbers: ['100200301', '100200302'],
    passwordHash: 'scrypt$XrHj5DB1bZ3wn2Y-uMX0Aw$Oe1MDPnXaKo7sRcq7xYybKz5e2iabXGi4uBbZClPc7M',
  },
  {
    userId: 'mymeter-maria',
    email: 'maria.garcia@example.com',
    name: 'Maria Garcia',
    accountNumbers: ['100200303'],
    passwordHash: 'scrypt$VNf7ugFRrPazBFj4K29ntw$m7Wd1LVbjEI13fw0WtuOr7eFxt1xGoGqT0_7l_8aKyE',
  },
  {
    userId: 'mymeter-alex',
    email: 'alex.lee@example.com',
    name: 'Alex Lee',
    accountNumbers: ['100200304'],
    passwordHash: 'scrypt$dyPiaD8dCwNpmu_-Qb8f5A$FQPMb771fW9m570NOT8Sq7BJp45tYH75qDEs27UQCyY',
  },
];

export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('base64url');
  return `scrypt$${salt}$${scryptSync(password, salt, 32).toString('base64url')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [, salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, salt, 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export class HostUsers {
  private users: HostUser[];
  constructor(private readonly file: string) {
    this.users = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HostUser[]) : structuredClone(SEED);
  }

  byEmail(email: string): HostUser | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
  }

  byId(userId: string): HostUser | undefined {
    return this.users.find((u) => u.userId === userId);
  }

  update(userId: string, change: { email?: string; password?: string }): void {
    const user = this.byId(userId);
    if (!user) return;
    if (change.email) user.email = change.email;
    if (change.password) user.passwordHash = hashPassword(change.password);
    this.save();
  }

  /** A sign-up: a new user with one account; `undefined` when the email is taken. */
  create(input: { email: string; name: string; password: string; accountNumber: string }): HostUser | undefined {
    if (this.byEmail(input.email)) return undefined;
    const user: HostUser = {
      userId: `mymeter-${randomUUID()}`,
      email: input.email.trim(),
      name: input.name.trim(),
      accountNumbers: [input.accountNumber],
      passwordHash: hashPassword(input.password),
    };
    this.users.push(user);
    this.save();
    return user;
  }

  /**
   * The user unregistered these accounts online: they leave the list sent at
   * sign-in. Only accounts that were on it are kept aside for adding back; a
   * linked account the host never listed was never the host's to vouch for.
   */
  dropAccounts(userId: string, accountNumbers: string[]): void {
    const user = this.byId(userId);
    if (!user) return;
    const dropped = user.accountNumbers.filter((n) => accountNumbers.includes(n));
    if (dropped.length === 0) return;
    user.accountNumbers = user.accountNumbers.filter((n) => !dropped.includes(n));
    user.unregisteredAccounts = [...new Set([...(user.unregisteredAccounts ?? []), ...dropped])];
    this.save();
  }

  /** Puts an account the user unregistered back on their list; false when it is not one of those. */
  addBack(userId: string, accountNumber: string): boolean {
    const user = this.byId(userId);
    if (!user?.unregisteredAccounts?.includes(accountNumber)) return false;
    user.unregisteredAccounts = user.unregisteredAccounts.filter((n) => n !== accountNumber);
    user.accountNumbers = [...user.accountNumbers, accountNumber];
    this.save();
    return true;
  }

  private save(): void {
    writeFileSync(this.file, JSON.stringify(this.users, null, 2), { mode: 0o600 });
  }
}
