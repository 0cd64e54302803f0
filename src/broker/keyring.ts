import { hkdfSync } from 'node:crypto';

/**
 * What a key is for. Each purpose has its own key, derived from the secret,
 * so a value made for one purpose (a request fingerprint) can never pass for
 * another (a look-up token's signature).
 */
export type KeyPurpose = 'lookup-token' | 'request-fingerprint' | 'closed-payment-key' | 'session-seal';

/** One secret of the ring, named so that what it sealed can say which one it was. */
export interface RingSecret {
  id: string;
  secret: string;
}

export interface RingKey {
  id: string;
  key: Buffer;
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The broker's secrets, newest first. The first makes every new token, seal
 * and fingerprint; every one still checks and opens those made before. To
 * rotate, add a new secret second on every instance (so that each can check
 * what the others will make with it), then put it first, and drop the old one
 * once what it made has expired (look-up tokens: minutes; sessions: at most
 * `SESSION_MAX_SECONDS`).
 */
export class Keyring {
  readonly #secrets: readonly RingSecret[];
  readonly #keys = new Map<KeyPurpose, RingKey[]>();

  constructor(secrets: readonly RingSecret[]) {
    if (secrets.length === 0) throw new Error('BROKER_SECRETS: give at least one secret');
    for (const { id, secret } of secrets) {
      if (!ID.test(id)) throw new Error(`BROKER_SECRETS: a secret's id is 1 to 32 letters, digits, "-" or "_" (not "${id}")`);
      if (secret.length < 32) throw new Error(`BROKER_SECRETS: the secret "${id}" must be at least 32 characters`);
    }
    const ids = secrets.map((s) => s.id);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated !== undefined) throw new Error(`BROKER_SECRETS: the id "${repeated}" names two secrets`);
    this.#secrets = secrets;
  }

  /** The key new values of `purpose` are made with. */
  current(purpose: KeyPurpose): RingKey {
    return this.all(purpose)[0]!;
  }

  /** Every key of `purpose`, the current one first: what checks values made before a rotation. */
  all(purpose: KeyPurpose): RingKey[] {
    let keys = this.#keys.get(purpose);
    if (!keys) {
      keys = this.#secrets.map(({ id, secret }) => ({
        id,
        key: Buffer.from(hkdfSync('sha256', secret, 'ic-widgets broker', purpose, 32)),
      }));
      this.#keys.set(purpose, keys);
    }
    return keys;
  }

  /** The key `id` names, if it is still in the ring. */
  find(purpose: KeyPurpose, id: string): RingKey | undefined {
    return this.all(purpose).find((k) => k.id === id);
  }
}
