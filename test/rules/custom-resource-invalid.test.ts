import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/custom-resource-invalid.js';
import { lint } from '../../src/engine/lint.js';
import { buildModel } from '../../src/engine/model.js';
import { fixturePath, ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const CRD = 'backups.example.com';
const report = (expected: { messageId: string; data: Record<string, string> }, line: number, column: number, endColumn: number) => ({ messageId: expected.messageId, data: { ...expected.data, crd: CRD }, ...at(line, column, endColumn) });
const schemaInvalid = (where: string, problem: string, line: number, column: number, endColumn: number) => ({ messageId: 'schemaInvalid', data: { version: 'v1', where, problem, kind: 'Widget' }, ...at(line, column, endColumn) });

const crd = readFileSync(fixturePath('custom-resource-invalid', 'crd.yaml'), 'utf8');
const backup = (spec: string) => `${crd}---\napiVersion: example.com/v1\nkind: Backup\nmetadata: {name: b}\nspec:\n${spec}`;
const crdLines = crd.split('\n').length;

ruleTester(rule, {
  valid: [
    { name: 'a resource that satisfies its CRD: int-or-string, preserved unknown fields, embedded resources, status', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a v1beta1 CRD keeps unknown fields unless preserveUnknownFields is false, and its schema need not be structural',
      code: 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: olds.example.com}\nspec:\n  group: example.com\n  version: v1\n  names: {kind: Old, plural: olds}\n  validation:\n    openAPIV3Schema:\n      properties:\n        spec: {properties: {size: {type: integer}}}\n---\napiVersion: example.com/v1\nkind: Old\nmetadata: {name: o}\nspec: {size: 3, extra: kept}\n',
    },
  ],
  invalid: [
    {
      name: 'pattern, type, enum, int-or-string, required, preserved fields still typed, embedded resources, a typo; versions not served or not defined; a kind the group nearly defines; a CRD the API server rejects',
      fixture: 'invalid.yaml',
      errors: [
        report({ messageId: 'invalidValue', data: { field: 'spec.schedule', reason: 'must match the pattern ^(@(hourly|daily|weekly)|(\\S+\\s+){4}\\S+)$', actual: 'the string "every night"' } }, 56, 13, 24),
        report({ messageId: 'invalidType', data: { field: 'spec.retention', expected: 'an integer', actual: 'the string "30"' } }, 57, 14, 18),
        report({ messageId: 'invalidEnum', data: { field: 'spec.mode', value: '"full"', allowed: '"Full", "Incremental"' } }, 58, 9, 13),
        report({ messageId: 'invalidType', data: { field: 'spec.port', expected: 'an integer or a string', actual: 'the number 1.5' } }, 59, 9, 12),
        report({ messageId: 'missingRequired', data: { parent: 'spec.target', fields: '"name"' } }, 60, 3, 9),
        report({ messageId: 'invalidType', data: { field: 'spec.options.compress', expected: 'true or false', actual: 'the string "yes"' } }, 61, 23, 28),
        report({ messageId: 'missingRequired', data: { parent: 'spec.hooks[0]', fields: '"apiVersion" and "kind"' } }, 63, 7, 30),
        report({ messageId: 'didYouMean', data: { parent: 'spec', field: 'retension', suggestion: 'retention' } }, 64, 3, 12),
        report({ messageId: 'versionNotServed', data: { version: 'v1beta1', kind: 'Backup' } }, 66, 13, 32),
        report({ messageId: 'versionUnknown', data: { version: 'v2', kind: 'Backup', versions: 'v1, v1beta1' } }, 72, 13, 27),
        { messageId: 'unknownKind', data: { kind: 'Bakup', group: 'example.com', suggestion: 'Backup', crd: CRD }, ...at(78, 7, 12) },
        schemaInvalid('openAPIV3Schema.properties.spec', 'type is missing (every field needs one, unless it is int-or-string or preserves unknown fields)', 98, 13, 17),
        schemaInvalid('openAPIV3Schema.properties.spec.additionalProperties', 'additionalProperties and properties are mutually exclusive', 101, 15, 35),
        schemaInvalid('openAPIV3Schema.properties.tags.uniqueItems', 'uniqueItems cannot be true (its cost is quadratic)', 102, 33, 44),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [report({ messageId: 'didYouMean', data: { parent: 'spec', field: 'retension', suggestion: 'retention' } }, 30, 3, 12)],
    },
    {
      name: 'a value below the minimum, a field the schema does not know, and one misspelled at the top of the resource',
      code: backup('  schedule: "@daily"\n  target: {name: orders}\n  retention: 0\n  compression: gzip\nspc: {}\n'),
      errors: [
        report({ messageId: 'invalidValue', data: { field: 'spec.retention', reason: 'must be at least 1', actual: 'the number 0' } }, crdLines + 7, 14, 15),
        report({ messageId: 'unknownField', data: { parent: 'spec', field: 'compression' } }, crdLines + 8, 3, 14),
        report({ messageId: 'didYouMean', data: { parent: 'the Backup', field: 'spc', suggestion: 'spec' } }, crdLines + 9, 1, 4),
      ],
    },
    {
      name: 'metadata is the API server\'s ObjectMeta, whatever the CRD says of it',
      code: `${crd}---\napiVersion: example.com/v1\nkind: Backup\nmetadata: {name: b, labels: {tier: 1}}\nspec: {schedule: "@daily", target: {name: orders}}\n`,
      errors: [report({ messageId: 'invalidType', data: { field: 'metadata.labels.tier', expected: 'a string', actual: 'the number 1' } }, crdLines + 3, 36, 37)],
    },
  ],
});

describe('custom-resource-invalid with CRDs given apart from the input (--crds)', () => {
  const given = buildModel([{ path: 'crds/backup.yaml', text: crd }]).resources;
  const run = (text: string) => lint([{ path: 'backup.yaml', text }], { rules: [rule], world: { customResourceDefinitions: given } }).findings;

  it('validates custom resources against them', () => {
    const findings = run('apiVersion: example.com/v1\nkind: Backup\nmetadata: {name: b}\nspec: {schedule: "@daily", target: {name: orders}, mode: full}\n');
    expect(findings.map((finding) => [finding.messageId, finding.file, finding.range.line, finding.range.column])).toEqual([['invalidEnum', 'backup.yaml', 4, 58]]);
  });

  it('reports a broken one on its own file, once', () => {
    const broken = buildModel([{ path: 'crds/widget.yaml', text: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {type: object, properties: {spec: {$ref: "#/definitions/Spec"}}}\n' }]).resources;
    const findings = lint([{ path: 'widget.yaml', text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: big}\n' }], { rules: [rule], world: { customResourceDefinitions: broken } }).findings;
    expect(findings.map((finding) => [finding.messageId, finding.file, finding.range.line, finding.data?.problem])).toEqual([
      ['schemaInvalid', 'crds/widget.yaml', 13, 'type is missing (every field needs one, unless it is int-or-string or preserves unknown fields)'],
      ['schemaInvalid', 'crds/widget.yaml', 13, '$ref is not supported'],
    ]);
  });

  it('leaves a custom resource whose CRD nobody gave alone', () => {
    expect(run('apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {endpoints: [{intervall: 30s}]}\n')).toEqual([]);
  });
});
