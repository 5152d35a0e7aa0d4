import { DIAGNOSTICS } from '../../src/engine/diagnostics.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

// These cases run no rule, only the input diagnostics, so the suppressions name those.
const FLAG = 'apiVersion: example.com/v1\nkind: FeatureFlag\nmetadata:\n  name: checkout\n';

ruleTester(DIAGNOSTICS['unused-suppression'], {
  valid: [
    { name: 'each suppression silences a finding; a block scalar’s text is not a directive', fixture: 'valid.yaml' },
    {
      name: 'a block for every rule that silences something, prose that only mentions kubegate-, other linters’ annotations that match nothing',
      code: `${FLAG}  annotations:\n    kube-linter.io/ignore-all: "legacy"\n    kube-score/ignore: container-resources\n# kubegate-specific settings follow\nspec:\n  # kubegate-disable -- generated from the operator's defaults\n  enabled: yes\n`,
    },
  ],
  invalid: [
    {
      name: 'a stale comment, a misspelt rule id, a directive after content, an enable with no disable',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'unused', data: { directive: 'kubegate-disable-next-line', rules: '"yaml-version-ambiguity"' }, ...at(7, 3, 95) },
        { messageId: 'unknownRule', data: { directive: 'kubegate-disable-next-line', rules: '"yaml-version-ambiguty"' }, ...at(9, 3, 94) },
        { messageId: 'trailing', ...at(11, 15, 66) },
        { messageId: 'strayEnable', data: { rules: '"yaml-version-ambiguity"' }, ...at(12, 3, 43) },
      ],
    },
    {
      name: 'only the rules of a comment that silenced nothing are named',
      code: `${FLAG}spec:\n  # kubegate-disable-next-line yaml-version-ambiguity, duplicate-key -- a boolean in the operator's schema\n  enabled: yes\n`,
      errors: [{ messageId: 'unused', data: { directive: 'kubegate-disable-next-line', rules: '"duplicate-key"' }, ...at(6, 3, 107) }],
    },
    {
      name: 'an annotation for every rule on a resource with no finding, and one that names no rule',
      code: `${FLAG}  annotations:\n    kubegate.io/ignore: "*"\n    kubegate.io/ignore-reason: "experimental"\n---\n${FLAG.replace('checkout', 'search')}  annotations:\n    kubegate.io/ignore: ", "\n`,
      errors: [{ messageId: 'unusedAll', data: { directive: 'kubegate.io/ignore' }, ...at(6, 5, 23) }, { messageId: 'noRules', ...at(14, 5, 23) }],
    },
    {
      name: 'a directive kubegate does not have, and a bare enable with nothing open',
      code: `${FLAG}spec:\n  # kubegate-disable-line yaml-version-ambiguity -- not a directive\n  enabled: yes\n  # kubegate-enable\n`,
      errors: [{ messageId: 'unknownDirective', data: { directive: 'kubegate-disable-line' }, ...at(6, 3, 68) }, { messageId: 'strayEnable', data: { rules: 'any rule' }, ...at(8, 3, 20) }],
    },
  ],
});
