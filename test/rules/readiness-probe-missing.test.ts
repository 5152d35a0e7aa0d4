import rule from '../../rules/readiness-probe-missing.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const selected = (container: string, service: string, line: number, column: number, endColumn: number) => ({ messageId: 'selected', data: { container, service }, severity: 'error' as const, ...at(line, column, endColumn) });
const ports = (container: string, list: string, line: number, column: number, endColumn: number) => ({ messageId: 'ports', data: { container, ports: list }, severity: 'error' as const, ...at(line, column, endColumn) });
const notServing = (container: string, line: number, column: number, endColumn: number) => ({ messageId: 'notServing', data: { container }, severity: 'warning' as const, ...at(line, column, endColumn) });
const sidecar = (container: string, main: string, line: number, column: number, endColumn: number) => ({ messageId: 'sidecar', data: { container, main }, severity: 'warning' as const, ...at(line, column, endColumn) });

const rolloutOf = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "web:1.0.0", ports: [{containerPort: 80}]}]\n`;

ruleTester(rule, {
  valid: [
    { name: 'probed app container, init container, Job, CronJob, run-once Pod and Helm test hook', fixture: 'valid.yaml' },
    {
      name: 'StatefulSet with a probe',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.2\n          readinessProbe: {exec: {command: [pg_isready]}}\n',
    },
    { name: 'a Rollout of another group is not an Argo Rollout', code: rolloutOf('flagger.app/v1beta1') },
  ],
  invalid: [
    {
      name: 'selected by a Service, listening on ports, serving nothing, a sidecar beside a gated container, and a namesake in another namespace',
      fixture: 'invalid.yaml',
      errors: [selected('checkout', 'checkout', 13, 11, 25), ports('api', 'http, 9090', 38, 11, 20), notServing('manager', 56, 11, 24), sidecar('proxy', 'web', 71, 11, 22), notServing('checkout', 94, 11, 25)],
    },
    {
      name: 'a Service of another namespace does not make a pod serving',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: other}\nspec:\n  selector: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "web:1.0.0"}]\n',
      errors: [notServing('web', 14, 20, 51)],
    },
    {
      name: 'an Argo Rollout declaring a port',
      code: rolloutOf('argoproj.io/v1alpha1'),
      errors: [ports('web', '80', 7, 20, 81)],
    },
  ],
});
