// The layering of src/ and rules/, checked by `npm test` (test/layers.test.ts). From the ground up:
// core → model → parse → engine → rules; report knows only core; load, render, drift, docs and cli sit on top.
/** Paths a layer may import from, besides node built-ins and npm packages. */
const LAYERS = {
  core: ['^src/core/'],
  model: ['^src/core/', '^src/model/'],
  parse: ['^src/core/', '^src/model/', '^src/parse/'],
  engine: ['^src/core/', '^src/model/', '^src/parse/', '^src/engine/'],
  // A rule sees the vocabulary, the model and the rule API, never the runner or the parser.
  rules: ['^src/core/', '^src/model/', '^src/engine/(rule|builtin-rule)\\.ts$', '^rules/'],
  report: ['^src/core/', '^src/report/'],
  load: ['^src/core/', '^src/load/'],
  // Running helm and kustomize, and placing findings on the templates and bases they rendered.
  render: ['^src/core/', '^src/model/', '^src/parse/', '^src/load/', '^src/render/'],
  // Comparing environments: models built by the engine, compared by drift rules of its own.
  drift: ['^src/core/', '^src/model/', '^src/parse/', '^src/engine/', '^src/drift/'],
  docs: ['^src/core/', '^src/model/', '^src/engine/', '^src/load/', '^src/docs/'],
  config: ['^src/core/', '^src/model/', '^src/engine/', '^src/config/', '^schemas/'],
};

/** Packages that hold only types (`@types/sarif` is imported as `sarif`), so nothing resolves them. */
const TYPE_ONLY_PACKAGES = ['^sarif$'];

const layerRule = (name, from) => ({
  name: `${name}-layer`,
  comment: `${name} may import only: ${LAYERS[name].join(', ')}`,
  severity: 'error',
  from: { path: from },
  to: { pathNot: [...LAYERS[name], '^node_modules/', '^node:', ...TYPE_ONLY_PACKAGES], dependencyTypesNot: ['core'] },
});

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true, pathNot: TYPE_ONLY_PACKAGES } },
    layerRule('core', '^src/core/'),
    layerRule('model', '^src/model/'),
    layerRule('parse', '^src/parse/'),
    layerRule('engine', '^src/engine/'),
    layerRule('rules', '^rules/'),
    layerRule('report', '^src/report/'),
    layerRule('load', '^src/load/'),
    layerRule('render', '^src/render/'),
    layerRule('drift', '^src/drift/'),
    layerRule('docs', '^src/docs/'),
    layerRule('config', '^src/config/'),
    {
      name: 'rules-are-independent',
      comment: 'a rule imports no other rule: what rules share lives in src/model, so one rule can change or go without breaking another; only rules/index.ts gathers them',
      severity: 'error',
      from: { path: '^rules/', pathNot: '^rules/index\\.ts$' },
      to: { path: '^rules/' },
    },
    {
      name: 'nothing-imports-the-top',
      comment: 'the CLI and the public entry are leaves of the import graph',
      severity: 'error',
      from: { pathNot: ['^src/cli/', '^src/index\\.ts$'] },
      to: { path: ['^src/cli/', '^src/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
