import rule from '../../rules/proc-mount-unmasked.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const unmasked = (container: string, value: string, line: number, column: number) => ({ messageId: 'unmasked', data: { container, value }, severity: 'error' as const, ...at(line, column, column + 'procMount'.length) });
const userNamespace = (container: string, value: string, line: number, column: number) => ({ messageId: 'userNamespace', data: { container, value }, severity: 'warning' as const, ...at(line, column, column + 'procMount'.length) });

ruleTester(rule, {
  valid: [
    { name: 'Default, null and unset on init, regular and ephemeral containers, in a user namespace too', fixture: 'valid.yaml' },
    {
      name: 'a StatefulSet that says Default',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  serviceName: s\n  template:\n    spec:\n      containers:\n        - {name: app, image: "registry.example/app:1.0.0", securityContext: {procMount: Default}}\n',
    },
  ],
  invalid: [
    {
      name: 'Unmasked on an init container, in a user namespace (one severity lower), on an ephemeral container',
      fixture: 'invalid.yaml',
      errors: [unmasked('prepare', 'Unmasked', 16, 13), userNamespace('buildkit', 'Unmasked', 40, 17), unmasked('debugger', 'Unmasked', 54, 25)],
    },
    {
      name: 'any value but Default is forbidden, whatever its case; hostUsers: true is the node\'s user namespace',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: true\n  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n      securityContext:\n        procMount: unmasked\n',
      errors: [unmasked('app', 'unmasked', 10, 9)],
    },
  ],
});
