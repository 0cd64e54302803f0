// `npm run analyze`: custom-elements.json from the elements' JSDoc (@summary,
// @fires, @csspart, @cssprop, @slot and each member's /** */). The shared base
// classes are read too, so inherited attributes (endpoint, token, lang) are listed.

/**
 * Elements are defined with `defineElement(tag, Class)` (a guarded
 * customElements.define: two bundle copies must not throw), which the analyzer
 * does not know: this marks each such class as the custom element of its tag.
 */
function guardedDefine() {
  return {
    name: 'ic-guarded-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, cls] = node.arguments;
      if (!tag || !cls || !ts.isStringLiteral(tag) || !ts.isIdentifier(cls)) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === cls.text);
      if (!declaration) return;
      declaration.customElement = true;
      declaration.tagName = tag.text;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: cls.text, module: moduleDoc.path } },
      ];
    },
  };
}

/** `emit(name, …)` in the base class reads as an event called "name": only the documented `ic-*` events are events. */
function documentedEventsOnly() {
  return {
    name: 'ic-documented-events-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) if (d.events) d.events = d.events.filter((e) => e.name?.startsWith('ic-'));
      }
    },
  };
}

/**
 * The analyzer reads the files in whatever order the file system answers, which
 * varies from run to run: sorting the modules by path makes the manifest the
 * same on every machine, so the staleness test compares like with like.
 */
function modulesByPath() {
  return {
    name: 'ic-modules-by-path',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: [
    'src/elements/**/*.ts',
    'src/base/ic-element.ts',
    'src/base/broker-element.ts',
    'src/base/signed-in-element.ts',
    'src/base/toggle.ts',
    'src/elements/ic-payment-method-form/ic-payment-method-form.ts',
  ],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [guardedDefine(), documentedEventsOnly(), modulesByPath()],
};
