/**
 * The import rules of `npm run lint` (eslint.config.js) bite: each kind of
 * import the layout forbids, planted in a real file's place, is an error of
 * the rule that forbids it. (Without its resolver settings the cycle rule
 * passes everything in silence: this is what would notice.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The rules `code` breaks when it stands at `filePath`. */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries (npm run lint)', () => {
  it('shared browser code may not import an element', async () => {
    assert.deepEqual(await broken('src/payments/method-label.ts', "import '../elements/ic-sso-frame/ic-sso-frame.ts';\n"), [
      'boundaries/dependencies',
    ]);
  });

  it('server code, the contract and the shared validators may not import browser code', async () => {
    assert.deepEqual(await broken('src/broker/logger.ts', "import '../i18n/money.ts';\n"), ['boundaries/dependencies']);
    assert.deepEqual(await broken('src/contract/limits.ts', "import '../styles/form-styles.ts';\n"), ['boundaries/dependencies']);
    assert.deepEqual(await broken('src/shared/card-brand.ts', "import '../i18n/money.ts';\n"), ['boundaries/dependencies']);
  });

  it('browser code may not import a server', async () => {
    assert.deepEqual(await broken('src/templates/field.ts', "import '../broker/app.ts';\n"), ['boundaries/dependencies']);
  });

  it('no import cycle', async () => {
    // localize.ts imports money.ts: money.ts importing it back closes a cycle.
    assert.deepEqual(await broken('src/i18n/money.ts', "import * as localize from './localize.ts';\nexport const again = localize;\n"), [
      'import-x/no-cycle',
    ]);
  });

  it('what the layout allows passes', async () => {
    assert.deepEqual(
      await broken('src/elements/ic-bills/bill-steps.ts', "import '../../payments/pay-flow.ts';\nimport '../../shared/validators.ts';\n"),
      [],
    );
  });
});
