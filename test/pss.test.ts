import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lint } from '../src/engine/lint.js';

/**
 * The Pod Security Standards levels table, one row per control: a pod spec the control forbids and
 * the level that forbids it. A pod that passes every row's restricted form must pass both presets;
 * each violation must fail the presets of its level and above, and no lower one.
 */
const HARDENED_CONTAINER = {
  name: 'app',
  image: 'registry.example/app:1.0.0',
  securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] } },
};

type Pod = { spec: Record<string, unknown>; metadata?: Record<string, unknown> };

function pod(change: (pod: Pod) => void): string {
  const value: Pod = { spec: { containers: [structuredClone(HARDENED_CONTAINER)], volumes: [{ name: 'tmp', emptyDir: {} }] } };
  change(value);
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', ...value.metadata }, spec: value.spec });
}

const container = (pod: Pod) => (pod.spec.containers as Record<string, any>[])[0]!;

const TABLE: readonly { control: string; level: 'baseline' | 'restricted'; violation: (pod: Pod) => void }[] = [
  { control: 'HostProcess', level: 'baseline', violation: (p) => (p.spec.securityContext = { windowsOptions: { hostProcess: true } }) },
  { control: 'Host Namespaces: hostNetwork', level: 'baseline', violation: (p) => (p.spec.hostNetwork = true) },
  { control: 'Host Namespaces: hostPID', level: 'baseline', violation: (p) => (p.spec.hostPID = true) },
  { control: 'Host Namespaces: hostIPC', level: 'baseline', violation: (p) => (p.spec.hostIPC = true) },
  { control: 'Privileged Containers', level: 'baseline', violation: (p) => (container(p).securityContext.privileged = true) },
  { control: 'Capabilities (baseline)', level: 'baseline', violation: (p) => (container(p).securityContext.capabilities.add = ['NET_ADMIN']) },
  { control: 'HostPath Volumes', level: 'baseline', violation: (p) => (p.spec.volumes = [{ name: 'h', hostPath: { path: '/data' } }]) },
  { control: 'Host Ports', level: 'baseline', violation: (p) => (container(p).ports = [{ containerPort: 80, hostPort: 80 }]) },
  { control: 'AppArmor', level: 'baseline', violation: (p) => (container(p).securityContext.appArmorProfile = { type: 'Unconfined' }) },
  { control: 'SELinux', level: 'baseline', violation: (p) => (container(p).securityContext.seLinuxOptions = { type: 'spc_t' }) },
  { control: '/proc Mount Type', level: 'baseline', violation: (p) => (container(p).securityContext.procMount = 'Unmasked') },
  { control: 'Seccomp (baseline)', level: 'baseline', violation: (p) => (container(p).securityContext.seccompProfile = { type: 'Unconfined' }) },
  { control: 'Sysctls', level: 'baseline', violation: (p) => (p.spec.securityContext = { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }) },
  { control: 'Volume Types', level: 'restricted', violation: (p) => (p.spec.volumes = [{ name: 'n', nfs: { server: 'nfs.example', path: '/x' } }]) },
  { control: 'Privilege Escalation', level: 'restricted', violation: (p) => delete container(p).securityContext.allowPrivilegeEscalation },
  { control: 'Running as Non-root', level: 'restricted', violation: (p) => delete container(p).securityContext.runAsNonRoot },
  { control: 'Running as Non-root user', level: 'restricted', violation: (p) => (container(p).securityContext.runAsUser = 0) },
  { control: 'Seccomp (restricted)', level: 'restricted', violation: (p) => delete container(p).securityContext.seccompProfile },
  { control: 'Capabilities (restricted): drop ALL', level: 'restricted', violation: (p) => (container(p).securityContext.capabilities = { drop: ['NET_RAW'] }) },
  { control: 'Capabilities (restricted): add only NET_BIND_SERVICE', level: 'restricted', violation: (p) => (container(p).securityContext.capabilities.add = ['CHOWN']) },
];

function presetFindings(preset: 'kubegate:pss-baseline' | 'kubegate:pss-restricted', text: string) {
  const { settings } = resolveConfig({ extends: preset }, '/x/.kubegaterc.yaml', '/x', rules);
  return lint([{ path: 'pod.json', text }], { rules, settings }).findings.filter((finding) => !finding.ruleId.startsWith('schema-') && finding.ruleId !== 'incomplete-resource');
}

describe('Pod Security Standards presets against the levels table', () => {
  it('admit a pod that meets every restricted control', () => {
    const compliant = pod(() => undefined);
    expect(presetFindings('kubegate:pss-baseline', compliant)).toEqual([]);
    expect(presetFindings('kubegate:pss-restricted', compliant)).toEqual([]);
  });

  it.each(TABLE.map((row) => [row.control, row] as const))('%s: fails the presets of its level and above only', (_, row) => {
    const text = pod(row.violation);
    const baseline = presetFindings('kubegate:pss-baseline', text);
    const restricted = presetFindings('kubegate:pss-restricted', text);
    expect(restricted.length, `restricted preset on ${row.control}`).toBeGreaterThan(0);
    if (row.level === 'baseline') expect(baseline.length, `baseline preset on ${row.control}`).toBeGreaterThan(0);
    else expect(baseline, `baseline preset must admit ${row.control}`).toEqual([]);
    // Every finding of a preset is at error, from a rule that checks a control of that level.
    for (const finding of [...baseline, ...restricted]) expect(finding.severity).toBe('error');
  });

  it('select exactly the rules that declare a control, restricted including baseline', () => {
    const withLevel = (level: string) => rules.filter((rule) => rule.meta.podSecurity?.level === level).map((rule) => rule.meta.id).sort();
    const enabled = (preset: 'kubegate:pss-baseline' | 'kubegate:pss-restricted') => {
      const { settings } = resolveConfig({ extends: preset }, '/x/.kubegaterc.yaml', '/x', rules);
      return Object.entries(settings).filter(([id, severity]) => severity !== 'off' && rules.some((rule) => rule.meta.id === id)).map(([id]) => id).sort();
    };
    expect(enabled('kubegate:pss-baseline')).toEqual(withLevel('baseline'));
    expect(enabled('kubegate:pss-restricted')).toEqual([...withLevel('baseline'), ...withLevel('restricted')].sort());
    expect(withLevel('baseline').length).toBeGreaterThanOrEqual(12);
  });
});
