import { expect } from '@open-wc/testing';

/** Asserts that `value` (an event's detail) survives a JSON round trip unchanged: plain data, no elements or class instances. */
export const isPlainJson = (value: unknown) => expect(JSON.parse(JSON.stringify(value))).to.deep.equal(value);
