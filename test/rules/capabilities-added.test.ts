import rule from '../../rules/capabilities-added.js';
import { ruleTester } from '../rule-tester.js';
import { at } from '../support/rule-cases.js';

const SYS_ADMIN = 'lets it mount filesystems and reach most kernel administration interfaces, the usual way out of a container';
const nodeLevel = (container: string, capability: string, effect: string, line: number, column: number) => ({ messageId: 'nodeLevel', data: { container, capability, effect }, severity: 'error' as const, ...at(line, column, column + capability.length) });
const added = (container: string, capability: string, line: number, column: number) => ({ messageId: 'added', data: { container, capability }, severity: 'warning' as const, ...at(line, column, column + capability.length) });
const spelling = (container: string, capability: string, canonical: string, line: number, column: number) => ({ messageId: 'spelling', data: { container, capability, canonical }, severity: 'warning' as const, ...at(line, column, column + capability.length) });
const unknown = (container: string, capability: string, line: number, column: number) => ({ messageId: 'unknown', data: { container, capability }, severity: 'warning' as const, ...at(line, column, column + capability.length) });

const withCapabilities = (add: string, podFields = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${podFields}  containers:\n    - name: app\n      image: registry.example/app:1.0.0\n      securityContext:\n        capabilities: {add: ${add}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'default capabilities on init, regular and ephemeral containers, a null list, a privileged container', fixture: 'valid.yaml' },
    { name: 'every capability of the default set, as written', code: withCapabilities('[AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]') },
  ],
  invalid: [
    {
      name: 'node-level capabilities with and without host namespaces, other capabilities, a prefixed or lowercase default one, a typo',
      fixture: 'invalid.yaml',
      errors: [
        nodeLevel('agent', 'NET_ADMIN', "with hostNetwork lets it reconfigure the node's interfaces, routes and firewall", 20, 19),
        added('agent', 'NET_RAW', 21, 19),
        nodeLevel('agent', 'SYS_ADMIN', SYS_ADMIN, 22, 19),
        added('cache', 'IPC_LOCK', 42, 21),
        added('cache', 'CAP_SYS_PTRACE', 42, 31),
        spelling('cache', 'cap_chown', 'CHOWN', 42, 47),
        added('cache', 'NET_ADMIN', 42, 58),
        unknown('cache', 'SYS_TIMEE', 42, 69),
        nodeLevel('attach', 'SYS_PTRACE', 'with hostPID lets it trace and inject code into any process of the node', 55, 17),
        nodeLevel('debugger', 'all', 'grants every capability, nearly what privileged: true grants', 63, 30),
        nodeLevel('trace', 'BPF', "lets it load eBPF programs into the node's kernel (with PERFMON they can read the memory of any process on the node), and the eBPF verifier is a known way to kernel privileges", 81, 25),
        added('trace', 'PERFMON', 81, 30),
      ],
    },
    {
      name: 'a CAP_ prefix does not hide a node-level capability',
      code: withCapabilities('[CAP_SYS_ADMIN, Cap_Net_Bind_Service]'),
      errors: [nodeLevel('app', 'CAP_SYS_ADMIN', SYS_ADMIN, 9, 30), spelling('app', 'Cap_Net_Bind_Service', 'NET_BIND_SERVICE', 9, 45)],
    },
    {
      name: 'NET_ADMIN reaches the node only with hostNetwork: true',
      code: withCapabilities('[NET_ADMIN]', '  hostNetwork: false\n'),
      errors: [added('app', 'NET_ADMIN', 10, 30)],
    },
  ],
});
