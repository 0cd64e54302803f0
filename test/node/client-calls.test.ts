/**
 * Every element imported on its own has every client call its code makes:
 * the calls are put on BrokerClient by the modules that make them
 * (`useCalls`, so an element alone carries only its own), and one left out
 * would break only where the element is used without the package entry.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { everyCall } from '../../src/client/broker-client.ts';
import { elementEntries, moduleGraph } from '../support/module-graph.ts';

const CLIENT = resolve('src/client/broker-client.ts');
const calls = Object.keys(everyCall);

/** The calls `entry` alone has on BrokerClient, asked in a fresh Node with nothing else imported. */
function callsAlone(entry: string): string[] {
  const script = `
    await import(${JSON.stringify(pathToFileURL(resolve(entry)).href)});
    const { BrokerClient } = await import(${JSON.stringify(pathToFileURL(CLIENT).href)});
    console.log(JSON.stringify(${JSON.stringify(calls)}.filter((c) => typeof BrokerClient.prototype[c] === 'function')));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}

describe('client calls', () => {
  for (const entry of elementEntries()) {
    it(`${entry.split('/').at(-1)} imported alone has every call its code makes`, () => {
      const code = [...moduleGraph(resolve(entry))].filter((f) => f !== CLIENT).map((f) => readFileSync(f, 'utf8')).join('\n');
      const made = calls.filter((c) => new RegExp(`\\.${c}\\(`).test(code));
      const present = callsAlone(entry);
      assert.deepEqual(made.filter((c) => !present.includes(c)), [], `calls ${entry} makes but does not put on the client`);
    });
  }

  it('the package entry puts every call on the client', () => {
    assert.deepEqual(callsAlone('src/client/index.ts'), calls);
  });
});
