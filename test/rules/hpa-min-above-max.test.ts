import rule from '../../rules/hpa-min-above-max.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const minAboveMax = (min: number, max: number, where: [number, number, number], related: [number, number]) => ({ messageId: 'minAboveMax', data: { min, max }, ...at(...where), related: [{ line: related[0], column: related[1] }] });
const hpa = (lines: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${lines}`;

ruleTester(rule, {
  valid: [
    { name: 'equal bounds, the default minimum, a range', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'values a template left unrendered are not compared', code: hpa('  minReplicas: "6"\n  maxReplicas: 3\n') },
  ],
  invalid: [
    {
      name: 'minimum above maximum, a zero maximum, flow style',
      fixture: 'invalid.yaml',
      errors: [minAboveMax(6, 3, [9, 16, 17], [10, 16]), { messageId: 'maxBelowOne', data: { max: 0 }, ...at(18, 16, 17) }, minAboveMax(2, 1, [24, 92, 93], [24, 108])],
    },
    { name: 'a zero maximum with a zero minimum', code: hpa('  minReplicas: 0\n  maxReplicas: 0\n'), errors: [{ messageId: 'maxBelowOne', data: { max: 0 }, ...at(7, 16, 17) }] },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [minAboveMax(6, 3, [7, 16, 17], [8, 16])] },
  ],
});
