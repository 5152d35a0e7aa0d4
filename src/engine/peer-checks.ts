/**
 * What kubegate knows of kube-linter, Polaris and kube-score: every check each runs by default,
 * the kubegate rules that cover it or why none does, and the annotations their users already
 * write. The engine honours those annotations from this data (see `readAnnotations` in
 * directives.ts), and docs/migrating.md is generated from it, so the two cannot disagree.
 *
 * Check names are the tools' own, as their documentation spells them; the rest is kubegate's.
 */

export type PeerTool = 'kube-linter' | 'polaris' | 'kube-score';

/** Why a default check of another tool has no kubegate rule. */
export type UncoveredKind =
  /** kubegate answers the same question another way, named in the detail. */
  | 'elsewhere'
  /** A rule is wanted and not written yet. */
  | 'planned'
  /** kubegate leaves it out on purpose, for the reason in the detail. */
  | 'declined';

export interface Uncovered {
  kind: UncoveredKind;
  /** One sentence for the migration guide. */
  detail: string;
}

export interface PeerToolMapping {
  /** The tool's name as its users know it; justifications say `migrated from <name>`. */
  name: string;
  /** The annotations kubegate honours for it, as its documentation spells them. */
  annotations: readonly string[];
  /** What "default" means for this tool, and the version of its documentation the list was read from. */
  defaultsAre: string;
  /** Where the default checks were read. */
  sources: readonly string[];
  /** Every check the tool runs out of the box, in the order its documentation lists them. */
  defaults: readonly string[];
  /**
   * Each of the tool's checks that has a kubegate equivalent, with the kubegate rules it covers:
   * the default ones, and others whose annotations users may have written (renamed or optional checks).
   */
  checks: Readonly<Record<string, readonly string[]>>;
  /** Each default check without an equivalent, and why. */
  uncovered: Readonly<Record<string, Uncovered>>;
  /** How kubegate's rules differ from a mapped check, where a user switching would notice. */
  notes: Readonly<Record<string, string>>;
}

const PROBE_PORTS = ['probe-port-not-exposed', 'probe-port-undeclared'];
const PDB_MISSING: Uncovered = {
  kind: 'planned',
  detail: 'A multi-replica workload that no PodDisruptionBudget selects; kubegate already reports budgets that block every eviction (pdb-blocks-eviction) or select nothing (pdb-selector-no-match).',
};
const NETWORK_POLICY_MISSING: Uncovered = {
  kind: 'planned',
  detail: 'A pod that no NetworkPolicy selects, for complete runs only (policies often live in another repository); a policy that selects no pod is network-policy-selector-no-match.',
};
const HPA_ONE_REPLICA: Uncovered = {
  kind: 'planned',
  detail: 'An autoscaler whose minReplicas is 1, the autoscaled case of single-replica.',
};

/**
 * The other linters' checks and exemption annotations. Only checks with an equivalent kubegate
 * rule suppress anything, and a tool's "ignore everything" annotation covers the kubegate rules
 * mapped for that tool, not every kubegate rule. Annotations that match nothing are never reported:
 * they may still be there for the other tool.
 */
export const PEER_CHECKS: Readonly<Record<PeerTool, PeerToolMapping>> = {
  'kube-linter': {
    name: 'kube-linter',
    annotations: ['ignore-check.kube-linter.io/<check>: "<reason>"', 'kube-linter.io/ignore-all: "<reason>"'],
    defaultsAre: 'the checks its generated checks reference marks "Enabled by default: Yes", which are the set it runs without a configuration',
    sources: ['https://docs.kubelinter.io/#/generated/checks', 'https://github.com/stackrox/kube-linter/blob/main/docs/generated/checks.md'],
    defaults: [
      'dangling-service',
      'deprecated-service-account-field',
      'docker-sock',
      'drop-net-raw-capability',
      'duplicate-env-var',
      'env-var-secret',
      'host-ipc',
      'host-network',
      'host-pid',
      'invalid-target-ports',
      'latest-tag',
      'liveness-port',
      'mismatching-selector',
      'no-anti-affinity',
      'no-extensions-v1beta',
      'no-read-only-root-fs',
      'non-existent-service-account',
      'pdb-max-unavailable',
      'pdb-min-available',
      'pdb-unhealthy-pod-eviction-policy',
      'privilege-escalation-container',
      'privileged-container',
      'readiness-port',
      'run-as-non-root',
      'sensitive-host-mounts',
      'ssh-port',
      'startup-port',
      'unsafe-sysctls',
      'unset-cpu-requirements',
      'unset-memory-requirements',
    ],
    checks: {
      'dangling-service': ['service-selector-no-match'],
      'docker-sock': ['container-runtime-socket'],
      'drop-net-raw-capability': ['capabilities-not-dropped', 'capabilities-added'],
      'duplicate-env-var': ['duplicate-env-var'],
      'env-var-secret': ['secret-in-env-value'],
      'host-ipc': ['host-namespaces'],
      'host-network': ['host-namespaces'],
      'host-pid': ['host-namespaces'],
      'latest-tag': ['mutable-image-tag'],
      'liveness-port': PROBE_PORTS,
      'mismatching-selector': ['workload-selector-mismatch'],
      'no-anti-affinity': ['replicas-without-spread'],
      'no-extensions-v1beta': ['api-removed'],
      'no-read-only-root-fs': ['writable-root-filesystem'],
      'non-existent-service-account': ['service-account-not-found'],
      'pdb-max-unavailable': ['pdb-blocks-eviction'],
      'pdb-min-available': ['pdb-blocks-eviction', 'pdb-above-hpa-min'],
      'privilege-escalation-container': ['privilege-escalation-allowed'],
      'privileged-container': ['privileged-container'],
      'readiness-port': PROBE_PORTS,
      'run-as-non-root': ['run-as-root'],
      'sensitive-host-mounts': ['host-path-volume'],
      'startup-port': PROBE_PORTS,
      'unsafe-sysctls': ['unsafe-sysctls'],
      'unset-cpu-requirements': ['cpu-request-missing'],
      'unset-memory-requirements': ['memory-request-missing', 'memory-limit-missing'],
      // Off by default in kube-linter, or added after the default set above: annotations for them still count.
      'access-to-create-pods': ['rbac-pod-create'],
      'access-to-secrets': ['rbac-secrets-access'],
      'automount-service-account-token': ['service-account-token-automount'],
      'bind-verb-in-role': ['rbac-privilege-escalation'],
      'cluster-admin-role-binding': ['rbac-cluster-admin-binding'],
      'container-runtime-sock': ['container-runtime-socket'],
      'dangling-horizontalpodautoscaler': ['hpa-target-not-found'],
      'dangling-ingress': ['ingress-backend-not-found'],
      'dangling-networkpolicy': ['network-policy-selector-no-match'],
      'default-service-account': ['default-service-account'],
      'escalate-verb-in-role': ['rbac-privilege-escalation'],
      'exposed-services': ['service-externally-exposed'],
      'impersonate-without-resource-names': ['rbac-privilege-escalation'],
      'minimum-three-replicas': ['single-replica'],
      'no-liveness-probe': ['liveness-probe-missing'],
      'no-readiness-probe': ['readiness-probe-missing'],
      'no-rolling-update-strategy': ['recreate-strategy'],
      'unsafe-proc-mount': ['proc-mount-unmasked'],
      'use-namespace': ['default-namespace'],
      'wildcard-in-rules': ['rbac-wildcard'],
    },
    uncovered: {
      'deprecated-service-account-field': {
        kind: 'elsewhere',
        detail: 'The API server still copies `serviceAccount` into `serviceAccountName`; kubegate reads either and reports the ServiceAccount it names when it does not exist (service-account-not-found).',
      },
      'invalid-target-ports': {
        kind: 'planned',
        detail: 'Port names that break the IANA service-name syntax, which the API server rejects; a named targetPort that no selected container declares is already service-target-port-not-exposed.',
      },
      'pdb-unhealthy-pod-eviction-policy': {
        kind: 'declined',
        detail: 'Whether unhealthy pods may be evicted past the budget is the application\'s call (for a quorum it must not); kubegate reports budgets that block drains outright (pdb-blocks-eviction).',
      },
      'ssh-port': {
        kind: 'declined',
        detail: 'A container port numbered 22 says nothing certain about what listens on it; kubegate does not flag port numbers.',
      },
    },
    notes: {
      'drop-net-raw-capability': 'kubegate asks for `drop: [ALL]` rather than NET_RAW alone, and reports NET_RAW when it is added.',
      'no-anti-affinity': 'kubegate accepts topology spread constraints as well as anti-affinity, and checks workloads a Service sends traffic to.',
      'pdb-min-available': 'Also against the autoscaler\'s minReplicas when one scales the workload.',
      'privilege-escalation-container': 'Privileged containers and added SYS_ADMIN are privileged-container and capabilities-added.',
      'unset-memory-requirements': 'The request and the limit are two rules.',
    },
  },
  polaris: {
    name: 'Polaris',
    annotations: ['polaris.fairwinds.com/<check>-exempt: "true"', 'polaris.fairwinds.com/exempt: "true"'],
    defaultsAre: 'the checks its default configuration enables at severity `warning` or `danger`',
    sources: ['https://github.com/FairwindsOps/polaris/blob/master/pkg/config/default.yaml', 'https://polaris.docs.fairwinds.com/checks/security/', 'https://polaris.docs.fairwinds.com/checks/reliability/', 'https://polaris.docs.fairwinds.com/checks/efficiency/'],
    defaults: [
      'deploymentMissingReplicas',
      'priorityClassNotSet',
      'tagNotSpecified',
      'pullPolicyNotAlways',
      'readinessProbeMissing',
      'livenessProbeMissing',
      'metadataAndInstanceMismatched',
      'pdbDisruptionsIsZero',
      'missingPodDisruptionBudget',
      'topologySpreadConstraint',
      'hpaMaxAvailability',
      'hpaMinAvailability',
      'pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas',
      'cpuRequestsMissing',
      'cpuLimitsMissing',
      'memoryRequestsMissing',
      'memoryLimitsMissing',
      'automountServiceAccountToken',
      'hostIPCSet',
      'hostPathSet',
      'hostProcess',
      'hostPIDSet',
      'linuxHardening',
      'missingNetworkPolicy',
      'notReadOnlyRootFilesystem',
      'privilegeEscalationAllowed',
      'procMount',
      'runAsRootAllowed',
      'runAsPrivileged',
      'dangerousCapabilities',
      'insecureCapabilities',
      'hostNetworkSet',
      'hostPortSet',
      'tlsSettingsMissing',
      'sensitiveContainerEnvVar',
      'sensitiveConfigmapContent',
      'clusterrolePodExecAttach',
      'rolePodExecAttach',
      'clusterrolebindingPodExecAttach',
      'rolebindingClusterRolePodExecAttach',
      'rolebindingRolePodExecAttach',
      'clusterrolebindingClusterAdmin',
      'rolebindingClusterAdminClusterRole',
      'rolebindingClusterAdminRole',
    ],
    checks: {
      deploymentMissingReplicas: ['single-replica'],
      tagNotSpecified: ['mutable-image-tag'],
      pullPolicyNotAlways: ['pull-policy-not-always'],
      readinessProbeMissing: ['readiness-probe-missing'],
      livenessProbeMissing: ['liveness-probe-missing'],
      pdbDisruptionsIsZero: ['pdb-blocks-eviction'],
      topologySpreadConstraint: ['replicas-without-spread'],
      hpaMaxAvailability: ['hpa-min-above-max'],
      pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas: ['pdb-above-hpa-min'],
      cpuRequestsMissing: ['cpu-request-missing'],
      cpuLimitsMissing: ['cpu-limit-missing'],
      memoryRequestsMissing: ['memory-request-missing'],
      memoryLimitsMissing: ['memory-limit-missing'],
      automountServiceAccountToken: ['service-account-token-automount'],
      hostIPCSet: ['host-namespaces'],
      hostPathSet: ['host-path-volume'],
      hostProcess: ['host-process'],
      hostPIDSet: ['host-namespaces'],
      linuxHardening: ['seccomp-profile-missing', 'capabilities-not-dropped'],
      notReadOnlyRootFilesystem: ['writable-root-filesystem'],
      privilegeEscalationAllowed: ['privilege-escalation-allowed'],
      procMount: ['proc-mount-unmasked'],
      runAsRootAllowed: ['run-as-root'],
      runAsPrivileged: ['privileged-container'],
      dangerousCapabilities: ['capabilities-added'],
      insecureCapabilities: ['capabilities-not-dropped'],
      hostNetworkSet: ['host-namespaces'],
      hostPortSet: ['host-port'],
      tlsSettingsMissing: ['ingress-without-tls'],
      sensitiveContainerEnvVar: ['secret-in-env-value'],
      clusterrolePodExecAttach: ['rbac-pod-exec'],
      rolePodExecAttach: ['rbac-pod-exec'],
      clusterrolebindingPodExecAttach: ['rbac-pod-exec'],
      rolebindingClusterRolePodExecAttach: ['rbac-pod-exec'],
      rolebindingRolePodExecAttach: ['rbac-pod-exec'],
      clusterrolebindingClusterAdmin: ['rbac-cluster-admin-binding', 'rbac-wildcard'],
      rolebindingClusterAdminClusterRole: ['rbac-cluster-admin-binding', 'rbac-wildcard'],
      rolebindingClusterAdminRole: ['rbac-wildcard'],
      // Earlier names of checks above, still found in annotations written for older Polaris releases.
      multipleReplicasForDeployment: ['single-replica'],
      pdbMinAvailableGreaterThanHPAMinReplicas: ['pdb-above-hpa-min'],
    },
    uncovered: {
      priorityClassNotSet: {
        kind: 'declined',
        detail: 'Which pods need a PriorityClass is cluster policy; kubegate reports a priorityClassName that names no class (priority-class-not-found).',
      },
      metadataAndInstanceMismatched: {
        kind: 'declined',
        detail: 'Helm and Kustomize set `app.kubernetes.io/instance` to the release, which rightly differs from most objects\' names; the recommended labels themselves are recommended-labels-missing.',
      },
      missingPodDisruptionBudget: PDB_MISSING,
      hpaMinAvailability: HPA_ONE_REPLICA,
      missingNetworkPolicy: NETWORK_POLICY_MISSING,
      sensitiveConfigmapContent: {
        kind: 'planned',
        detail: 'A scan of ConfigMap data for secrets; credentials written into URLs are already credentials-in-url.',
      },
    },
    notes: {
      hpaMaxAvailability: 'kubegate reports minReplicas above maxReplicas (which the API server rejects), not the two being equal.',
      linuxHardening: 'kubegate asks for a seccomp profile and for `drop: [ALL]` each, where Polaris is content with any one hardening.',
      pdbDisruptionsIsZero: 'Polaris reads `status.disruptionsAllowed` from the cluster; kubegate works it out from the budget and the replicas it selects.',
      pullPolicyNotAlways: 'Only for images with a mutable tag: a pinned tag or digest needs no re-pull.',
      topologySpreadConstraint: 'kubegate accepts pod anti-affinity as well as spread constraints, and checks multi-replica workloads a Service sends traffic to.',
      clusterrolebindingPodExecAttach: 'kubegate reports the role that grants exec or attach, wherever it is bound.',
      rolebindingClusterRolePodExecAttach: 'kubegate reports the role that grants exec or attach, wherever it is bound.',
      rolebindingRolePodExecAttach: 'kubegate reports the role that grants exec or attach, wherever it is bound.',
    },
  },
  'kube-score': {
    name: 'kube-score',
    annotations: ['kube-score/ignore: "<check>,<check>"'],
    defaultsAre: 'the checks its list of checks marks `default` rather than `optional` (kube-score 1.20)',
    sources: ['https://github.com/zegl/kube-score/blob/master/README_CHECKS.md', 'https://raw.githubusercontent.com/zegl/kube-score/v1.20.0/README_CHECKS.md'],
    defaults: [
      'deployment-strategy',
      'deployment-replicas',
      'ingress-targets-service',
      'cronjob-has-deadline',
      'cronjob-restartpolicy',
      'container-resources',
      'container-image-tag',
      'container-image-pull-policy',
      'container-ephemeral-storage-request-and-limit',
      'environment-variable-key-duplication',
      'statefulset-has-poddisruptionbudget',
      'deployment-has-poddisruptionbudget',
      'poddisruptionbudget-has-policy',
      'pod-networkpolicy',
      'networkpolicy-targets-pod',
      'pod-probes',
      'pod-probes-identical',
      'container-security-context-user-group-id',
      'container-security-context-privileged',
      'container-security-context-readonlyrootfilesystem',
      'service-targets-pod',
      'service-type',
      'stable-version',
      'deployment-has-host-podantiaffinity',
      'statefulset-has-host-podantiaffinity',
      'deployment-targeted-by-hpa-does-not-have-replicas-configured',
      'statefulset-has-servicename',
      'deployment-pod-selector-labels-match-template-metadata-labels',
      'statefulset-pod-selector-labels-match-template-metadata-labels',
      'label-values',
      'horizontalpodautoscaler-has-target',
      'horizontalpodautoscaler-replicas',
      'pod-topology-spread-constraints',
    ],
    checks: {
      'deployment-strategy': ['recreate-strategy'],
      'deployment-replicas': ['single-replica'],
      'ingress-targets-service': ['ingress-backend-not-found'],
      'container-resources': ['cpu-request-missing', 'memory-request-missing', 'memory-limit-missing', 'cpu-limit-missing'],
      'container-image-tag': ['mutable-image-tag'],
      'container-image-pull-policy': ['pull-policy-not-always'],
      'environment-variable-key-duplication': ['duplicate-env-var'],
      'networkpolicy-targets-pod': ['network-policy-selector-no-match'],
      'pod-probes': ['readiness-probe-missing'],
      'pod-probes-identical': ['liveness-probe-same-as-readiness'],
      'container-security-context-user-group-id': ['run-as-root', 'run-as-root-group'],
      'container-security-context-privileged': ['privileged-container'],
      'container-security-context-readonlyrootfilesystem': ['writable-root-filesystem'],
      'service-targets-pod': ['service-selector-no-match'],
      'service-type': ['service-externally-exposed'],
      'stable-version': ['api-deprecated', 'api-removed'],
      'deployment-has-host-podantiaffinity': ['replicas-without-spread'],
      'statefulset-has-host-podantiaffinity': ['replicas-without-spread'],
      'deployment-targeted-by-hpa-does-not-have-replicas-configured': ['replicas-with-hpa'],
      'statefulset-has-servicename': ['statefulset-service-not-found'],
      'deployment-pod-selector-labels-match-template-metadata-labels': ['workload-selector-mismatch'],
      'statefulset-pod-selector-labels-match-template-metadata-labels': ['workload-selector-mismatch'],
      'horizontalpodautoscaler-has-target': ['hpa-target-not-found'],
      'pod-topology-spread-constraints': ['schema-missing-required', 'schema-invalid-enum'],
      // Optional in kube-score, or the single check older releases had before it was split.
      'container-seccomp-profile': ['seccomp-profile-missing'],
      'container-security-context': ['run-as-root', 'run-as-root-group', 'privileged-container', 'writable-root-filesystem'],
    },
    uncovered: {
      'cronjob-has-deadline': {
        kind: 'declined',
        detail: 'Without `startingDeadlineSeconds` a missed run starts late, which most CronJobs want; kubegate does not ask for it.',
      },
      'cronjob-restartpolicy': {
        kind: 'planned',
        detail: 'A Job or CronJob template with `restartPolicy: Always`, which the API server rejects.',
      },
      'container-ephemeral-storage-request-and-limit': {
        kind: 'declined',
        detail: 'Most containers write little to local disk, so asking every one for ephemeral-storage requests and limits is noise; values that are set are checked by invalid-quantity.',
      },
      'statefulset-has-poddisruptionbudget': PDB_MISSING,
      'deployment-has-poddisruptionbudget': PDB_MISSING,
      'poddisruptionbudget-has-policy': {
        kind: 'planned',
        detail: 'A PodDisruptionBudget that sets neither minAvailable nor maxUnavailable.',
      },
      'pod-networkpolicy': NETWORK_POLICY_MISSING,
      'label-values': {
        kind: 'planned',
        detail: 'Label values the API server rejects (longer than 63 characters, or with characters a label value cannot hold).',
      },
      'horizontalpodautoscaler-replicas': HPA_ONE_REPLICA,
    },
    notes: {
      'container-resources': 'The CPU limit is cpu-limit-missing, which many teams do without on purpose (kube-score drops it with --ignore-container-cpu-limit).',
      'container-security-context-user-group-id': 'kubegate reports a container that may run as root (no `runAsNonRoot: true`, or user or group 0), not IDs below 10000.',
      'container-image-pull-policy': 'Only for images with a mutable tag: a pinned tag or digest needs no re-pull.',
      'pod-probes': 'kube-score\'s missing liveness probe is a lesser finding of the same check; in kubegate it is liveness-probe-missing, which this annotation does not cover.',
      'pod-topology-spread-constraints': 'The required fields and allowed values of each constraint, as the API schema states them.',
      'service-type': 'kubegate reports NodePort and LoadBalancer Services, as information.',
      'deployment-has-host-podantiaffinity': 'kubegate accepts topology spread constraints as well as anti-affinity, and checks workloads a Service sends traffic to.',
      'statefulset-has-host-podantiaffinity': 'kubegate accepts topology spread constraints as well as anti-affinity, and checks workloads a Service sends traffic to.',
    },
  },
};
