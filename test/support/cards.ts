/**
 * The sandbox's approving test card and bank account (FIXTURES.md), as a
 * payment request carries them; `over` replaces fields (another number, a
 * bad expiry). Node tests, browser tests and the load benchmark share them.
 */
const VISA = {
  kind: 'card',
  number: '4111111111111111',
  expMonth: 12,
  expYear: 2030,
  securityCode: '123',
  name: 'Jane Doe',
  postalCode: '62701',
} as const;

const CHECKING = {
  kind: 'ach',
  routingNumber: '011000015',
  accountNumber: '123456789',
  accountType: 'checking',
  name: 'Jane Doe',
} as const;

export const visa = <O extends object = object>(over?: O) => ({ ...VISA, ...over });
export const bank = <O extends object = object>(over?: O) => ({ ...CHECKING, ...over });
