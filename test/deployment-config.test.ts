import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/engine/lint.js';
import { podSpecPathOf, WORKLOAD_KINDS } from '../src/model/kinds.js';
import { readPlainSelector, readWorkloadSelector } from '../src/model/selector.js';
import { TemplateMatcher } from '../src/model/template-matcher.js';
import { modelOf } from './support/model.js';

/**
 * OpenShift's DeploymentConfig (apps.openshift.io/v1): a workload with a pod template, replicas
 * and a ReplicationController's plain-map selector, whose strategy (Rolling, Recreate, Custom with
 * rollingParams) is not a Deployment's.
 */

const deploymentConfig = (name: string, { labels = '{app: web}', spec = [] as string[], container = ['name: web', 'image: registry.example/web:1.4.2'] } = {}) =>
  [
    'apiVersion: apps.openshift.io/v1',
    'kind: DeploymentConfig',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    ...spec.map((line) => `  ${line}`),
    '  template:',
    `    metadata: {labels: ${labels}}`,
    '    spec:',
    '      containers:',
    ...container.map((line, index) => `${index === 0 ? '        - ' : '          '}${line}`),
    '',
  ].join('\n');

const service = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: ${selector}\n  ports: [{port: 80, targetPort: 8080}]\n`;

const ruleIds = (text: string) => lint([{ path: 'dc.yaml', text }], { rules }).findings.map((finding) => finding.ruleId);

describe('DeploymentConfig', () => {
  it('is a workload with its pod spec in spec.template.spec and a plain-map selector', () => {
    expect(WORKLOAD_KINDS).toContain('apps.openshift.io/DeploymentConfig');
    expect(podSpecPathOf('apps.openshift.io/DeploymentConfig')).toEqual(['spec', 'template', 'spec']);
    expect(readWorkloadSelector('apps.openshift.io/DeploymentConfig', { app: 'web' })).toEqual(readPlainSelector({ app: 'web' }));
    expect(readWorkloadSelector('apps.openshift.io/DeploymentConfig', { matchLabels: { app: 'web' } })).toBeUndefined();
    expect(readWorkloadSelector('apps/Deployment', { matchLabels: { app: 'web' } })).toEqual({ matchLabels: { app: 'web' }, expressions: [] });
  });

  it('gets the checks of a pod template: probes, resources, images', () => {
    const ids = ruleIds(`${deploymentConfig('web', { spec: ['replicas: 3', 'selector: {app: web}'], container: ['name: web', 'image: registry.example/web:latest', 'ports: [{containerPort: 8080}]'] })}---\n${service('{app: web}')}`);
    expect(ids).toEqual(expect.arrayContaining(['readiness-probe-missing', 'liveness-probe-missing', 'memory-request-missing', 'mutable-image-tag']));
  });

  it('is left alone by the Deployment rollout rules, whose strategy fields it does not share', () => {
    const rollout = ['recreate-strategy', 'rolling-update-all-unavailable', 'rolling-update-no-progress', 'revision-history-limit-zero', 'single-replica'];
    const strategies = [
      ['replicas: 1', 'revisionHistoryLimit: 0', 'strategy: {type: Recreate, recreateParams: {timeoutSeconds: 600}}'],
      ['replicas: 2', 'strategy: {type: Rolling, rollingParams: {maxSurge: 0, maxUnavailable: 0}}'],
      ['replicas: 2', 'strategy: {type: Rolling, rollingParams: {maxUnavailable: 100%}}'],
      ['replicas: 2', 'strategy: {type: Custom, customParams: {image: registry.example/deployer:1.0.0}, rollingParams: {maxUnavailable: 2}}'],
    ];
    for (const spec of strategies) {
      const ids = ruleIds(`${deploymentConfig('web', { spec })}---\n${service('{app: web}')}`);
      expect(ids.filter((id) => rollout.includes(id)), spec.join('; ')).toEqual([]);
    }
  });

  it('runs pods that Services select by the deploymentconfig label its controller adds', () => {
    const ids = ruleIds(`${deploymentConfig('web', { spec: ['replicas: 2'] })}---\n${service('{deploymentconfig: web}')}`);
    expect(ids).not.toContain('service-selector-no-match');
    expect(ruleIds(`${deploymentConfig('web', { spec: ['replicas: 2'] })}---\n${service('{deploymentconfig: api}')}`)).toContain('service-selector-no-match');
  });

  it('can be the target of an autoscaler', () => {
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps.openshift.io/v1, kind: DeploymentConfig, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n';
    expect(ruleIds(`${deploymentConfig('web')}---\n${hpa}`)).not.toContain('hpa-target-not-found');
  });
});

describe('the deploymentconfig label a DeploymentConfig\'s pods carry', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: api, deploymentconfig: api}}\n    spec: {containers: [{name: api, image: "api:1"}]}\n';
  const { index } = modelOf(`${deploymentConfig('web')}---\n${deployment}`);
  const matcher = new TemplateMatcher(index);
  const selected = (labels: Record<string, string>) => matcher.select('shop', readPlainSelector(labels)!).map((template) => template.resource.name);

  it('selects the DeploymentConfig of that name, whatever its template says', () => {
    expect(selected({ deploymentconfig: 'web' })).toEqual(['web']);
    expect(selected({ app: 'web', deploymentconfig: 'web' })).toEqual(['web']);
    expect(selected({ deploymentconfig: 'other' })).toEqual([]);
  });

  it('still selects a template that writes the label itself (a Deployment migrated from a DeploymentConfig)', () => {
    expect(selected({ deploymentconfig: 'api' })).toEqual(['api']);
  });
});
