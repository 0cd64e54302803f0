/**
 * What must never be written anywhere by a test run: the card and bank
 * account numbers the tests type (FIXTURES.md), as typed and as digits, and
 * the demo users' passwords. Security codes are too short to scan for; the
 * tests that send them check storage and logs for them directly (secrets.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CARDS = ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4000000000000002', '4000000000009995'];
const SECRETS = [
  ...CARDS,
  ...CARDS.map((c) => (c.length === 15 ? `${c.slice(0, 4)} ${c.slice(4, 10)} ${c.slice(10)}` : c.replace(/(\d{4})(?=\d)/g, '$1 '))),
  // The full bank account number of the test bank (only its last four may be kept).
  '123456789',
  'meter-demo-1',
  'meter-demo-2',
  'meter-demo-3',
  'john-new-pass-7',
  'maria-new-pass-7',
  // The password of the host user the register offer's e2e test signs up.
  'maria-g-pass-7',
  // The password of the host user who signs up with John's account number in the portal e2e.
  'impostor-pass-7',
];

/** Every secret found in `text`, as the names of what was found (never the secret itself). */
export function secretsIn(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s)).map((s) =>
    s.startsWith('meter') || s.includes('pass') ? 'a demo password' : `a number ending ${s.slice(-4)}`,
  );
}

/** Every file under `dir` that holds a secret, with what it holds. */
export function secretsInFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else for (const s of secretsIn(readFileSync(path).toString('latin1'))) found.push(`${path}: ${s}`);
    }
  };
  walk(dir);
  return found;
}
