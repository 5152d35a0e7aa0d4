import { describe, expect, it } from 'vitest';
import rule from '../../rules/crd-not-found.js';
import { lint } from '../../src/engine/lint.js';
import { buildModel } from '../../src/engine/model.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

// The tester lints with no configuration, under which a rule off by default does not run: test it turned on.
const enabled = { ...rule, meta: { ...rule.meta, enabledByDefault: true } };

const missing = (kind: string, apiVersion: string, line: number) => ({ messageId: 'missing', data: { kind, apiVersion }, ...at(line, 7, 7 + kind.length) });

ruleTester(enabled, {
  valid: [
    { name: 'a custom resource with its CRD in the input, built-in kinds, a removed built-in API', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'custom resources of operators whose CRDs are not given',
      fixture: 'invalid.yaml',
      errors: [missing('Certificate', 'cert-manager.io/v1', 2), missing('ServiceMonitor', 'monitoring.coreos.com/v1', 11)],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [missing('Certificate', 'cert-manager.io/v1', 2)] },
  ],
});

describe('crd-not-found', () => {
  const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web-tls}\nspec: {secretName: web-tls}\n';

  it('is off unless a configuration turns it on', () => {
    expect(rule.meta.enabledByDefault).toBe(false);
    expect(lint([{ path: 'c.yaml', text: certificate }], { rules: [rule] }).findings).toEqual([]);
  });

  it('counts a CRD given with --crds', () => {
    const given = buildModel([{ path: 'crds/cert-manager.yaml', text: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: certificates.cert-manager.io}\nspec:\n  group: cert-manager.io\n  scope: Namespaced\n  names: {kind: Certificate, plural: certificates}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]\n' }]).resources;
    const run = (world: { customResourceDefinitions?: typeof given }) => lint([{ path: 'c.yaml', text: certificate }], { rules: [rule], settings: { 'crd-not-found': 'info' }, world }).findings.length;
    expect(run({})).toBe(1);
    expect(run({ customResourceDefinitions: given })).toBe(0);
  });
});
