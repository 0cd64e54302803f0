// Run by Node in the host's folder: importing the package on a server (SSR)
// must not throw, and every entry the package names must resolve.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tags = [
  'ic-autopay-toggle',
  'ic-bills',
  'ic-linked-accounts',
  'ic-one-time-pay',
  'ic-paperless-toggle',
  'ic-payment-method-form',
  'ic-payment-methods',
  'ic-provider',
  'ic-sso-frame',
];
const widgets = await import('ic-widgets');
for (const tag of tags) await import(`ic-widgets/elements/${tag}`);
const contract = await import('ic-widgets/contract');
const broker = await import('ic-widgets/broker');
const sandbox = await import('ic-widgets/sandbox');
const file = (specifier) => fileURLToPath(import.meta.resolve(specifier));
const manifest = JSON.parse(readFileSync(file('ic-widgets/custom-elements.json'), 'utf8'));
const openapi = JSON.parse(readFileSync(file('ic-widgets/openapi.json'), 'utf8'));
const cdn = file('ic-widgets/ic-widgets.min.js');
const pkg = JSON.parse(readFileSync(file('ic-widgets/package.json'), 'utf8'));

console.log(
  JSON.stringify({
    classes: Object.keys(widgets)
      .filter((k) => /^Ic[A-Z]/.test(k))
      .sort(),
    // lit's Node build provides the registry the elements define themselves in.
    defined: tags.filter((t) => globalThis.customElements.get(t)),
    registerTerms: typeof widgets.registerTerms,
    brokerClient: typeof widgets.BrokerClient,
    contractSchemas: Object.keys(contract).length > 0,
    createBroker: typeof broker.createBroker,
    startSandbox: typeof sandbox.startSandbox,
    manifestTags: manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .filter((d) => d.tagName)
      .map((d) => d.tagName)
      .sort(),
    openapi: openapi.openapi,
    cdnBytes: readFileSync(cdn).length,
    customElementsField: pkg.customElements,
    readme: existsSync(file('ic-widgets/package.json').replace(/package\.json$/, 'README.md')),
    changelog: existsSync(file('ic-widgets/package.json').replace(/package\.json$/, 'CHANGELOG.md')),
  }),
);
