/**
 * The host typings compile against real usage: the React and Vue example pages
 * and plain TypeScript, with misuses each marked as an expected error — so a
 * typing that stops checking (props or event details becoming `any`) fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

function compile(command: string, project: string): void {
  const run = spawnSync('npx', [command, '--noEmit', '-p', project], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${command} -p ${project}:\n${run.stdout}${run.stderr}`);
}

describe('host typings', () => {
  it('type-check the React 19 example, and reject the misuses, with ic-widgets/react and the tag and event maps', () => {
    compile('tsc', 'test/types/tsconfig.react.json');
  });

  it('type-check the Vue 3 example, and reject the misuses, with ic-widgets/vue (GlobalComponents)', () => {
    compile('vue-tsc', 'demo/vue/tsconfig.json');
  });
});
