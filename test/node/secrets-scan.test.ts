/** The scan `npm test` ends with (and every e2e demo runs on its data): it must find what it looks for. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { secretsIn, secretsInFiles } from '../support/secrets.ts';

describe('the secrets scan', () => {
  it('finds card numbers as typed and as digits, the bank account number and passwords, and names them without repeating them', () => {
    assert.deepEqual(secretsIn('paid with 4111 1111 1111 1111'), ['a number ending 1111']);
    assert.deepEqual(secretsIn('{"number":"378282246310005"}'), ['a number ending 0005']);
    assert.deepEqual(secretsIn('amex 3782 822463 10005'), ['a number ending 0005']);
    assert.deepEqual(secretsIn('account=123456789'), ['a number ending 6789']);
    assert.deepEqual(secretsIn('password meter-demo-2'), ['a demo password']);
    assert.deepEqual(secretsIn('Visa ending in 1111, checking ending in 6789'), []);
  });

  it('looks inside every file of a folder, binary ones too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-scan-'));
    try {
      writeFileSync(join(dir, 'clean.db'), Buffer.from([0, 1, 2, ...Buffer.from('last4 1111')]));
      writeFileSync(join(dir, 'leak.db'), Buffer.from([0, 255, ...Buffer.from('5555555555554444'), 0]));
      assert.deepEqual(secretsInFiles(dir), [`${join(dir, 'leak.db')}: a number ending 4444`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
