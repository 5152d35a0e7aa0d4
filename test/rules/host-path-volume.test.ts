import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import runtimeSocket from '../../rules/container-runtime-socket.js';
import rule from '../../rules/host-path-volume.js';
import { lint } from '../../src/engine/lint.js';
import { apiGroupOf, groupKind, podSpecPathOf } from '../../src/model/kinds.js';
import { fixturePath, ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const NO_MOUNT = 'declared, though no container mounts it yet';
const ROOT = 'the node\'s whole filesystem';

const hostPath = (volume: string, path: string, access: string, line: number, column: number, width = path.length) => ({
  messageId: 'hostPath',
  data: { volume, path, access },
  severity: 'warning' as const,
  ...at(line, column, column + width),
});
const credentials = (volume: string, path: string, what: string, access: string, line: number, column: number) => ({
  messageId: 'credentials',
  data: { volume, path, what, access },
  severity: 'error' as const,
  ...at(line, column, column + path.length),
});
const systemWritable = (volume: string, path: string, what: string, access: string, line: number, column: number) => ({
  messageId: 'systemWritable',
  data: { volume, path, what, access },
  severity: 'error' as const,
  ...at(line, column, column + path.length),
});

ruleTester(rule, {
  valid: [
    { name: 'configMap, emptyDir, projected and claimed storage, a hostPath PersistentVolume, and a runtime socket left to container-runtime-socket', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a node exporter, a log collector, a CSI node plugin, a CNI installer, a node shell Pod with an ephemeral container, an etcd backup CronJob and a Windows path',
      fixture: 'invalid.yaml',
      errors: [
        hostPath('proc', '/proc', 'mounted read-only by container "node-exporter"', 28, 28),
        hostPath('sys', '/sys', 'mounted read-only by container "node-exporter"', 30, 28),
        {
          messageId: 'credentialsReadOnly',
          data: { volume: 'root', path: '/', what: ROOT, access: 'mounted read-only by container "node-exporter"' },
          severity: 'warning',
          ...at(32, 28, 29),
        },
        hostPath('varlog', '/var/log', 'mounted writable by container "fluentd"', 56, 19),
        hostPath('containers', '/var/lib/docker/containers', 'mounted read-only by container "fluentd"', 59, 19),
        credentials('kubelet-dir', '/var/lib/kubelet', 'the kubelet\'s credentials and every pod\'s volumes, Secrets included', 'mounted writable by container "csi-driver"', 85, 19),
        hostPath('plugin-dir', '/var/lib/kubelet/plugins/csi.example.com/', 'mounted writable by container "csi-driver"', 89, 19),
        hostPath('device-dir', '/dev', 'mounted writable by container "csi-driver"', 93, 19),
        systemWritable('kernel', '/proc/sys/kernel', 'the node\'s /proc, with kernel settings such as core_pattern and every process\'s root directory', 'mounted writable by container "enable-coredumps"', 123, 28),
        systemWritable('cni-bin', '/opt/cni/bin', 'the CNI plugins the container runtime runs as root', 'mounted writable by container "install-cni"', 125, 28),
        hostPath('cni-conf', '/etc/cni/net.d', 'mounted writable by container "install-cni"', 127, 28),
        credentials('host-root', '/', ROOT, 'mounted writable by container "shell"', 149, 24),
        credentials('pki', '/etc/kubernetes/pki', 'the kubeconfigs and certificates of the kubelet and control plane', 'mounted read-only by containers "shell", "debugger"', 151, 24),
        hostPath('unused-root', '/', NO_MOUNT, 153, 24),
        credentials('etcd-data', '/var/lib/etcd/', 'the etcd data, every Secret of the cluster included', 'mounted read-only by container "backup"', 175, 23),
        // The quoted YAML scalar is two characters wider than its value.
        hostPath('logs', 'C:\\var\\log', 'mounted read-only by container "collector"', 195, 19, 12),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [hostPath('cache', '/srv/web-cache', 'mounted writable by container "web"', 21, 19)] },
    {
      name: 'read-only system paths are plain hostPaths, writable ones are errors, dot segments are resolved first, and a directory holding a sensitive path counts as that path',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {runAsUser: 1000}',
        '  containers:',
        '    - name: app',
        '      image: app:1.0.0',
        '      volumeMounts:',
        '        - {name: modules, mountPath: /lib/modules, readOnly: true}',
        '        - {name: units, mountPath: /units}',
        '        - {name: shadow, mountPath: /shadow, readOnly: true}',
        '        - {name: kubelet, mountPath: /kubelet, readOnly: true}',
        '  volumes:',
        '    - {name: modules, hostPath: {path: /lib/modules}}',
        '    - {name: units, hostPath: {path: /etc/./systemd/system/}}',
        '    - {name: shadow, hostPath: {path: /etc/shadow}}',
        '    - {name: kubelet, hostPath: {path: //var/lib/kubelet/pods/../pki}}',
        '    - {name: broken, hostPath: {}}',
        '---',
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: d}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: agent',
        '          image: agent:1.0.0',
        '          volumeMounts: [{name: lib, mountPath: /host/var/lib, readOnly: true}, {name: fs, mountPath: /sys/fs}]',
        '      volumes:',
        '        - {name: lib, hostPath: {path: /var/lib}}',
        '        - {name: fs, hostPath: {path: /sys/fs}}',
        '',
      ].join('\n'),
      errors: [
        hostPath('modules', '/lib/modules', 'mounted read-only by container "app"', 15, 40),
        systemWritable('units', '/etc/./systemd/system/', 'files the node executes or trusts as root', 'mounted writable by container "app"', 16, 38),
        {
          messageId: 'credentialsReadOnly',
          data: { volume: 'shadow', path: '/etc/shadow', what: 'the node\'s password hashes', access: 'mounted read-only by container "app"' },
          severity: 'warning',
          ...at(17, 39, 50),
        },
        {
          messageId: 'credentialsReadOnly',
          data: { volume: 'kubelet', path: '//var/lib/kubelet/pods/../pki', what: 'the kubelet\'s certificates and private keys', access: 'mounted read-only by container "app"' },
          severity: 'warning',
          ...at(18, 40, 69),
        },
        // No path to point at: the finding falls back to the hostPath itself.
        hostPath('broken', '(no path)', NO_MOUNT, 19, 32, 2),
        // A directory holding a sensitive one hands it over too.
        credentials('lib', '/var/lib', 'the directory holding /var/lib/kubelet, the kubelet\'s credentials and every pod\'s volumes, Secrets included', 'mounted read-only by container "agent"', 32, 40),
        systemWritable('fs', '/sys/fs', 'the directory holding /sys/fs/cgroup, the node\'s cgroups, whose release_agent the kernel runs as root', 'mounted writable by container "agent"', 33, 39),
      ],
    },
  ],
});

/** Every hostPath volume of the workloads in a fixture, as `line of its path`. */
function hostPathLines(file: string): number[] {
  const text = readFileSync(file, 'utf8');
  const lines: number[] = [];
  for (const document of parseAllDocuments(text)) {
    const object = document.toJS() as Record<string, unknown> | null;
    if (!object || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
    const specPath = podSpecPathOf(groupKind(apiGroupOf(object.apiVersion), object.kind));
    if (!specPath) continue;
    const volumes = document.getIn([...specPath, 'volumes']) as { items?: unknown[] } | undefined;
    (volumes?.items ?? []).forEach((_item, index) => {
      const node = document.getIn([...specPath, 'volumes', index, 'hostPath', 'path'], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) lines.push(text.slice(0, node.range[0]).split('\n').length);
    });
  }
  return lines.sort((a, b) => a - b);
}

describe('host-path-volume and container-runtime-socket', () => {
  it('report every hostPath volume of their fixtures exactly once between them', () => {
    for (const ruleId of ['host-path-volume', 'container-runtime-socket']) {
      for (const name of ['valid.yaml', 'invalid.yaml']) {
        const file = fixturePath(ruleId, name);
        const findings = lint([{ path: file, text: readFileSync(file, 'utf8') }], { rules: [rule, runtimeSocket] }).findings;
        expect(findings.map((finding) => finding.range.line).sort((a, b) => a - b), `${ruleId}/${name}`).toEqual(hostPathLines(file));
      }
    }
  });
});
