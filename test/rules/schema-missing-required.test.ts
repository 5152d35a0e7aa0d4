import rule from '../../rules/schema-missing-required.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const missing = (parent: string, fields: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { parent, fields }, ...at(line, column, endColumn) });

ruleTester(rule, {
  valid: [
    { name: 'every required field given', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'on the object that lacks them: the spec, a container, a port, an env var, a null value, a subject',
      fixture: 'invalid.yaml',
      errors: [
        missing('spec', '"selector"', 5, 1, 5),
        missing('spec.template.spec.containers[0]', '"name"', 11, 11, 44),
        missing('spec.template.spec.containers[0].ports[0]', '"containerPort"', 13, 15, 25),
        missing('spec.template.spec.containers[0].env[0]', '"name"', 15, 15, 25),
        missing('spec', '"maxReplicas"', 21, 1, 5),
        missing('subjects[0]', '"name"', 34, 5, 25),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('spec', '"selector"', 5, 1, 5), missing('spec.template.spec.containers[0]', '"name"', 11, 11, 44)],
    },
    {
      name: 'several fields missing from one object are one finding, and the object itself is named by its kind',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read}\nsubjects:\n  - {kind: User}\n',
      errors: [missing('the RoleBinding', '"roleRef"', 1, 1, 41), missing('subjects[0]', '"name"', 5, 5, 17)],
    },
  ],
});
