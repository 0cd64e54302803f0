/**
 * The demo users of FIXTURES.md, as a host backend describes them when it
 * opens a broker session, and the two logins of the sandbox's shared account
 * 100200306 (docs/sandbox.md; not demo sign-in users).
 */
export interface TestUser {
  userId: string;
  email: string;
  name: string;
  accountNumbers: string[];
}

export const USERS = {
  john: { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] },
  maria: { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] },
  alex: { userId: 'mymeter-alex', email: 'alex.lee@example.com', name: 'Alex Lee', accountNumbers: ['100200304'] },
  pat: { userId: 'mymeter-pat', email: 'pat.rivera@example.com', name: 'Pat Rivera', accountNumbers: ['100200306'] },
  sam: { userId: 'mymeter-sam', email: 'sam.rivera@example.com', name: 'Sam Rivera', accountNumbers: ['100200306'] },
} satisfies Record<string, TestUser>;
