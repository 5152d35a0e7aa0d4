/**
 * A Deployment whose one problem is a warning (`revisionHistoryLimit: 0`, line 5): complete and
 * hardened, so no schema, security or resource rule adds anything, for tests of thresholds and
 * exit codes.
 */
export const WARNING_ONLY_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: w}
spec:
  revisionHistoryLimit: 0
  selector: {matchLabels: {app: w}}
  template:
    metadata: {labels: {app: w}}
    spec:
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: w
          image: w:1.0.0
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}
          livenessProbe: {tcpSocket: {port: 8080}}
          readinessProbe: {httpGet: {path: /ready, port: 8080}}
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;
