import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicate-resource.js';
import { lint } from '../../src/engine/lint.js';
import { ruleTester } from '../rule-tester.js';
import { docsExample } from '../support/rule-cases.js';

const duplicate = (kind: string, name: string, where: string, first: string, line: number, firstLine: number) => ({
  messageId: 'duplicate',
  data: { kind, name, where, first },
  line,
  column: 9,
  endLine: line,
  endColumn: 9 + name.length,
  related: [{ line: firstLine, column: 9, message: `first definition of ${kind} "${name}"` }],
});

const configMap = (name: string, namespace?: string) =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'data: {LOG_LEVEL: info}', ''].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'other namespaces, other kinds, a Knative Service beside a core one, Role and ClusterRole, generateName', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a second and third copy, apps and extensions, no namespace and default, cluster-scoped, extensions and networking Ingress',
      fixture: 'invalid.yaml',
      errors: [
        duplicate('ConfigMap', 'app-config', 'in namespace "shop"', 'at line 4', 13, 4),
        duplicate('Deployment', 'web', 'in namespace "shop"', 'at line 22 (as apps/v1)', 39, 22),
        duplicate('Service', 'api', 'in namespace "default"', 'at line 54', 63, 54),
        duplicate('ClusterRole', 'reader', '(cluster-scoped)', 'at line 74', 83, 74),
        duplicate('Ingress', 'web', 'in namespace "shop"', 'at line 93 (as extensions/v1beta1)', 103, 93),
        duplicate('ConfigMap', 'app-config', 'in namespace "shop"', 'at line 4', 115, 4),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [duplicate('ConfigMap', 'app-config', 'in namespace "default"', 'at line 4', 11, 4)] },
    {
      name: 'both definitions are in hand in a partial run too',
      code: `${configMap('app-config', 'shop')}---\n${configMap('app-config', 'shop')}`,
      world: { complete: false },
      errors: [duplicate('ConfigMap', 'app-config', 'in namespace "shop"', 'at line 4', 11, 4)],
    },
    {
      name: 'the run\'s default namespace is where objects without one land',
      code: `${configMap('app-config')}---\n${configMap('app-config', 'shop')}`,
      world: { defaultNamespace: 'shop' },
      errors: [duplicate('ConfigMap', 'app-config', 'in namespace "shop"', 'at line 4', 10, 4)],
    },
  ],
});

/** Lints several files together with this rule alone. */
function findings(files: Record<string, string>) {
  const result = lint(Object.entries(files).map(([path, text]) => ({ path, text })), { rules: [rule] });
  return result.findings.filter((finding) => finding.ruleId === rule.meta.id).map((finding) => ({ file: finding.file, line: finding.range.line, severity: finding.severity, first: finding.data?.first }));
}

const deployment = (name: string, namespace = 'shop') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    `    spec: {containers: [{name: ${name}, image: "registry.example/${name}:1.0.0"}]}`,
    '',
  ].join('\n');

describe('duplicate-resource across files', () => {
  it('reports a stray copy in another file of the folder one severity lower', () => {
    expect(
      findings({
        'k8s/web.yaml': `${configMap('app-config', 'shop')}---\n${deployment('web')}`,
        'k8s/worker.yaml': `${deployment('worker')}---\n${deployment('scheduler')}---\n${configMap('app-config', 'shop')}`,
      }),
    ).toEqual([{ file: 'k8s/worker.yaml', line: 22, severity: 'warning', first: 'in k8s/web.yaml:4' }]);
  });

  it('takes two files of a folder that repeat each other\'s objects for alternatives, whatever their namespaces', () => {
    expect(
      findings({
        'install/cluster.yaml': `${configMap('app-config', 'shop')}---\n${deployment('web')}`,
        'install/namespaced.yaml': `${configMap('app-config', 'shop')}---\n${deployment('web', 'tenant')}`,
      }),
    ).toEqual([]);
  });

  it('leaves files of different folders alone: environments and kustomize patches', () => {
    expect(findings({ 'overlays/dev/web.yaml': deployment('web'), 'overlays/prod/web.yaml': deployment('web'), 'base/web.yaml': deployment('web') })).toEqual([]);
  });

  it('leaves objects without a namespace in two files alone: kubectl apply -n may send them to two namespaces', () => {
    expect(
      findings({
        'mirror/source.yaml': `${configMap('nsswitch')}---\n${deployment('source')}---\n${deployment('source-exporter')}`,
        'mirror/target.yaml': `${configMap('nsswitch')}---\n${deployment('target')}---\n${deployment('target-exporter')}`,
      }),
    ).toEqual([]);
  });
});
