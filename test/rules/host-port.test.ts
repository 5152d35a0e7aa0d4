import rule from '../../rules/host-port.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const hostPort = (container: string, port: number, containerPort: number | string, line: number, column: number) => ({
  messageId: 'hostPort',
  data: { container, hostPort: port, containerPort },
  ...at(line, column, column + String(port).length),
});

ruleTester(rule, {
  valid: [
    { name: 'ports behind a Service, hostPort 0, and a host-network DaemonSet whose ports are the node\'s anyway', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'an ingress controller on the node\'s ports, init and regular containers of a Pod, and a CronJob that writes hostNetwork: false',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'hostPort', data: { container: 'controller', hostPort: 80, containerPort: 80 }, line: 19, column: 25, endLine: 19, endColumn: 27, severity: 'warning' },
        hostPort('controller', 8443, 443, 22, 25),
        hostPort('warmup', 7000, 7000, 35, 47),
        hostPort('tomcat', 8001, 8080, 39, 47),
        hostPort('probe', 5353, 53, 57, 29),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [hostPort('web', 80, 8080, 17, 25)] },
    {
      name: 'a port without containerPort still names the host port',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      ports: [{hostPort: 9000}]\n',
      errors: [hostPort('app', 9000, '?', 8, 26)],
    },
  ],
});
