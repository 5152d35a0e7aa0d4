import rule from '../../rules/service-externally-exposed.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

ruleTester(rule, {
  valid: [
    { name: 'ClusterIP, internal load balancer, source ranges in the field and the annotation, headless, ExternalName', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    { name: 'a NodePort Service without ports opens nothing', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  type: NodePort\n' },
  ],
  invalid: [
    {
      name: 'public load balancer, NodePort with a fixed node port and UDP, load balancer open to 0.0.0.0/0',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'loadBalancer', data: { service: 'shop', ports: '80/TCP, 443/TCP' }, ...at(6, 9, 21) },
        { messageId: 'nodePort', data: { service: 'admin', ports: '8080/TCP (node port 30080), 5353/UDP' }, ...at(21, 9, 17) },
        { messageId: 'loadBalancer', data: { service: 'db', ports: '5432/TCP' }, ...at(35, 9, 23) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'loadBalancer', data: { service: 'admin', ports: '80/TCP' }, ...at(6, 9, 21) }],
    },
  ],
});
