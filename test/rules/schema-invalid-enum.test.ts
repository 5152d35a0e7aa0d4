import rule from '../../rules/schema-invalid-enum.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const didYouMean = (field: string, value: string, suggestion: string, allowed: string, line: number, column: number) => ({ messageId: 'didYouMean', data: { field, value: JSON.stringify(value), suggestion, allowed }, ...at(line, column, column + value.length) });
const invalid = (field: string, value: string, allowed: string, line: number, column: number) => ({ messageId: 'invalid', data: { field, value: JSON.stringify(value), allowed }, ...at(line, column, column + value.length) });

const PROTOCOLS = '"TCP", "UDP", "SCTP"';
const tolerationLt = 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers: [{name: app, image: "app:1.0.0"}]\n  tolerations:\n    - {key: gpu-count, operator: Lt, value: "4"}\n';

ruleTester(rule, {
  valid: [
    { name: 'allowed values, and the empty string that leaves a field to its default', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a value added in a later release is allowed from that release on (Toleration Lt, 1.36)', code: tolerationLt },
  ],
  invalid: [
    {
      name: 'misspelled, miscapitalized and invented values, in a list too',
      fixture: 'invalid.yaml',
      errors: [
        invalid('spec.strategy.type', 'Rolling', '"Recreate", "RollingUpdate"', 9, 11),
        didYouMean('spec.template.spec.restartPolicy', 'always', 'Always', '"Always", "OnFailure", "Never"', 14, 22),
        invalid('spec.template.spec.dnsPolicy', 'ClusterFirstWithHostNetwork', '"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"', 15, 18),
        didYouMean('spec.template.spec.containers[0].imagePullPolicy', 'IfNotPresnt', 'IfNotPresent', '"Always", "Never", "IfNotPresent"', 19, 28),
        didYouMean('spec.template.spec.containers[0].ports[0].protocol', 'tcp', 'TCP', PROTOCOLS, 21, 47),
        didYouMean('spec.template.spec.tolerations[0].operator', 'Equals', 'Equal', '"Exists", "Equal", "Lt", "Gt"', 23, 38),
        didYouMean('spec.type', 'Loadbalancer', 'LoadBalancer', '"ExternalName", "ClusterIP", "NodePort", "LoadBalancer"', 30, 9),
        invalid('spec.ports[0].protocol', 'HTTP', PROTOCOLS, 33, 46),
        didYouMean('spec.policyTypes[1]', 'egress', 'Egress', '"Ingress", "Egress"', 41, 26),
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [didYouMean('spec.containers[0].imagePullPolicy', 'always', 'Always', '"Always", "Never", "IfNotPresent"', 9, 24)],
    },
    {
      name: 'the same value before the release that added it',
      code: tolerationLt,
      world: { kubernetesVersion: '1.29' },
      errors: [invalid('spec.tolerations[0].operator', 'Lt', '"Exists", "Equal"', 7, 34)],
    },
  ],
});
