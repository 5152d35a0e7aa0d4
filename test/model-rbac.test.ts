import { describe, expect, it } from 'vitest';
import {
  AccountBindings,
  bindingSubjects,
  coversGroup,
  describeGroups,
  describeSubject,
  granting,
  grantingAny,
  grantingResource,
  grantsEverything,
  isAggregated,
  isBootstrapPolicy,
  policyRules,
  reviewedPolicyRules,
  roleRef,
  type RuleEntry,
} from '../src/model/rbac.js';
import { modelOf } from './support/model.js';

const entries = (...values: string[]): RuleEntry[] => values.map((value, index) => ({ value, path: ['rules', 0, 'resources', index] }));

const role = (rules: string, extra = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r${extra}}\nrules: ${rules}\n`;

describe('PolicyRules', () => {
  it('are read with the path of each list item, skipping what is not a string', () => {
    const { resources } = modelOf(role('[{apiGroups: ["", apps], resources: [pods, 7], verbs: [get], resourceNames: [web]}, {nonResourceURLs: [/metrics], verbs: [get]}, "junk"]'));
    const [first, second] = policyRules(resources[0]!);
    expect(first!.path).toEqual(['rules', 0]);
    expect(first!.apiGroups).toEqual([
      { value: '', path: ['rules', 0, 'apiGroups', 0] },
      { value: 'apps', path: ['rules', 0, 'apiGroups', 1] },
    ]);
    expect(first!.resources).toEqual([{ value: 'pods', path: ['rules', 0, 'resources', 0] }]);
    expect(first!.resourceNames.map((entry) => entry.value)).toEqual(['web']);
    expect(second!.resources).toEqual([]);
    expect(second!.nonResourceURLs.map((entry) => entry.value)).toEqual(['/metrics']);
    expect(policyRules(modelOf(role('"none"')).resources[0]!)).toEqual([]);
  });

  it('of aggregated ClusterRoles and of the API server\'s own roles are not reviewed; a chart\'s system: role is', () => {
    const { resources } = modelOf(
      [
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {team: monitoring}}]}\nrules: [{apiGroups: [""], resources: ["*"], verbs: ["*"]}]\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cluster-admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:metrics-server"}\nrules: [{apiGroups: [""], resources: [nodes/metrics], verbs: [get]}]\n',
      ].join('---\n'),
    );
    const [aggregated, builtIn, chart] = resources;
    expect([isAggregated(aggregated!), isBootstrapPolicy(aggregated!)]).toEqual([true, false]);
    expect([isAggregated(builtIn!), isBootstrapPolicy(builtIn!)]).toEqual([false, true]);
    expect(reviewedPolicyRules(aggregated!)).toEqual([]);
    expect(reviewedPolicyRules(builtIn!)).toEqual([]);
    expect(reviewedPolicyRules(chart!)).toHaveLength(1);
  });
});

describe('matching as the authorizer does', () => {
  it('finds `*` before the exact value, and only what is written', () => {
    expect(granting(entries('get', '*'), 'list')?.value).toBe('*');
    expect(granting(entries('get', 'list'), 'list')?.value).toBe('list');
    expect(granting(entries('Get'), 'get')).toBeUndefined();
    expect(grantingAny(entries('watch', 'get', 'create'), ['get', 'list', 'watch']).map((entry) => entry.value)).toEqual(['watch', 'get']);
    expect(grantingAny(entries('get', '*'), ['list']).map((entry) => entry.value)).toEqual(['*']);
  });

  it('grants a subresource through its own name, `*` or `*/sub`, never through its parent', () => {
    expect(grantingResource(entries('pods'), 'pods/exec')).toBeUndefined();
    expect(grantingResource(entries('pods/*'), 'pods/exec')).toBeUndefined();
    expect(grantingResource(entries('pods', 'pods/exec'), 'pods/exec')?.value).toBe('pods/exec');
    expect(grantingResource(entries('*/exec'), 'pods/exec')?.value).toBe('*/exec');
    expect(grantingResource(entries('*/exec'), 'pods')).toBeUndefined();
    expect(grantingResource(entries('*/attach'), 'pods/exec')).toBeUndefined();
    expect(grantingResource(entries('secrets', '*'), 'secrets')?.value).toBe('*');
  });

  it('reads API groups with the core group as the empty string', () => {
    const [rule] = policyRules(modelOf(role('[{apiGroups: ["", apps], resources: ["*"], verbs: ["*"]}]')).resources[0]!);
    expect([coversGroup(rule!, ''), coversGroup(rule!, 'apps'), coversGroup(rule!, 'batch')]).toEqual([true, true, false]);
    expect(grantsEverything(rule!)).toBe(true);
    expect(describeGroups(rule!)).toBe('the core group, "apps"');
    const [any] = policyRules(modelOf(role('[{apiGroups: ["*"], resources: [pods], verbs: [get, "*"]}]')).resources[0]!);
    expect([coversGroup(any!, 'batch'), grantsEverything(any!), describeGroups(any!)]).toEqual([true, false, 'every API group']);
  });
});

describe('bindings', () => {
  it('read their role and subjects, and name a ServiceAccount with its namespace', () => {
    const { resources } = modelOf(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: app, namespace: shop}, {kind: Group, name: "system:authenticated"}, {kind: User}]\n',
    );
    const binding = resources[0]!;
    expect(roleRef(binding)).toEqual({ kind: 'ClusterRole', name: 'view', path: ['roleRef', 'name'] });
    expect(bindingSubjects(binding).map(describeSubject)).toEqual(['ServiceAccount "shop/app"', 'Group "system:authenticated"']);
  });

  it('grant ServiceAccounts by name (in the RoleBinding\'s namespace when the subject has none) and through their groups', () => {
    const binding = (kind: string, name: string, namespace: string | undefined, subjects: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: ${subjects}\n`;
    const { index } = modelOf(
      [
        binding('RoleBinding', 'api', 'shop', '[{kind: ServiceAccount, name: api}]'),
        binding('ClusterRoleBinding', 'workers', undefined, '[{kind: ServiceAccount, name: worker, namespace: jobs}, {kind: ServiceAccount, name: orphan}]'),
        binding('RoleBinding', 'ops', 'ops', '[{kind: Group, name: "system:serviceaccounts:ops"}]'),
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: "system:basic-user", labels: {kubernetes.io/bootstrapping: rbac-defaults}}\nroleRef: {kind: ClusterRole, name: "system:basic-user"}\nsubjects: [{kind: Group, name: "system:serviceaccounts"}]\n',
      ].join('---\n'),
    );
    const bindings = new AccountBindings(index);
    expect(bindings.naming('shop', 'api').map(({ binding }) => binding.kind)).toEqual(['RoleBinding']);
    expect(bindings.naming('default', 'api')).toEqual([]);
    expect(bindings.naming('jobs', 'worker')).toHaveLength(1);
    // A ClusterRoleBinding's ServiceAccount subject needs a namespace: the API server refuses one without.
    expect(bindings.granting('default', 'orphan')).toEqual([]);
    expect(bindings.naming('ops', 'anyone')).toEqual([]);
    expect(bindings.granting('ops', 'anyone').map(({ subject }) => subject.name)).toEqual(['system:serviceaccounts:ops']);
    // The built-in binding of every ServiceAccount to basic-user grants nothing worth a token.
    expect(bindings.granting('shop', 'web')).toEqual([]);
  });

  it('count a group binding of every ServiceAccount written in the input', () => {
    const { index } = modelOf('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: all}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: Group, name: "system:serviceaccounts"}]\n');
    expect(new AccountBindings(index).granting('anywhere', 'anyone')).toHaveLength(1);
  });
});
