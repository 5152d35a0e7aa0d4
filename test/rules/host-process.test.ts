import rule from '../../rules/host-process.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const hostProcess = (container: string, line: number, column: number) => ({ messageId: 'hostProcess', data: { container }, severity: 'error' as const, ...at(line, column, column + 'hostProcess'.length) });
const hostProcessPod = (workload: string, line: number, column: number) => ({ messageId: 'hostProcessPod', data: { workload }, severity: 'error' as const, ...at(line, column, column + 'hostProcess'.length) });

ruleTester(rule, {
  valid: [
    { name: 'Windows pods with a user name, hostProcess: false, an ephemeral container', fixture: 'valid.yaml' },
    {
      name: 'a string is not the boolean the API accepts',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  securityContext: {windowsOptions: {hostProcess: "true"}}\n  containers:\n    - {name: app, image: "registry.example/win-app:1.0.0"}\n',
    },
  ],
  invalid: [
    {
      name: 'on the pod, on init and regular containers, on both the pod and a container of a CronJob',
      fixture: 'invalid.yaml',
      errors: [hostProcessPod('DaemonSet csi-proxy', 17, 11), hostProcess('setup', 40, 30), hostProcess('shipper', 46, 15), hostProcessPod('CronJob windows-update-check', 63, 30), hostProcess('check', 68, 34)],
    },
    {
      name: 'an ephemeral container of a bare Pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  hostNetwork: true\n  containers:\n    - {name: app, image: "registry.example/win-app:1.0.0"}\n  ephemeralContainers:\n    - name: debugger\n      image: registry.example/win-toolbox:1.0.0\n      securityContext:\n        windowsOptions:\n          hostProcess: true\n',
      errors: [hostProcess('debugger', 14, 11)],
    },
  ],
});
