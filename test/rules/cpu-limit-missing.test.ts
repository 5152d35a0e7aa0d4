import rule from '../../rules/cpu-limit-missing.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

// The tester lints with no configuration, under which a rule off by default does not run: test it turned on.
const enabled = { ...rule, meta: { ...rule.meta, enabledByDefault: true } };

const missing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'missing', data: { container }, ...at(line, column, endColumn) });

ruleTester(enabled, {
  valid: [
    { name: 'limits on init, sidecar and app containers, flow-style CronJob, pod-level CPU limit, ephemeral container', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'init container with requests only, memory-only limits, flow-style limits, no resources, pod-level memory limit, empty cpu value',
      fixture: 'invalid.yaml',
      errors: [missing('migrate', 15, 11, 20), missing('api', 24, 13, 19), missing('shipper', 41, 31, 45), missing('reloader', 42, 11, 25), missing('app', 57, 7, 16), missing('cleanup', 76, 19, 22)],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [missing('web', 17, 21, 36)],
    },
  ],
});
