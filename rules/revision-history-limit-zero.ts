import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';

/**
 * Deployments and Argo Rollouts keep old ReplicaSets, StatefulSets and DaemonSets keep
 * ControllerRevisions; with a limit of 0 the controller deletes every one but the current, and
 * the undo commands find no revision to return to.
 */
const UNDO_COMMAND: Record<string, string> = {
  Deployment: 'kubectl rollout undo',
  StatefulSet: 'kubectl rollout undo',
  DaemonSet: 'kubectl rollout undo',
  Rollout: 'kubectl argo rollouts undo',
};

export default createRule({
  meta: {
    id: 'revision-history-limit-zero',
    category: 'rollout',
    severity: 'warning',
    precision: 'high',
    description: '`spec.revisionHistoryLimit: 0` keeps no earlier revision to roll back to.',
    rationale: 'A Deployment or Argo Rollout rolls back by scaling an old ReplicaSet up again, a StatefulSet or DaemonSet by reapplying an old ControllerRevision. With `revisionHistoryLimit: 0` the controller deletes them all after each rollout, so when a release goes bad `kubectl rollout undo` fails with nothing to return to, and the previous version has to be reconstructed by hand under pressure.',
    remediation: 'Remove `revisionHistoryLimit` (the default keeps 10 revisions) or set it to a small positive number such as 3.',
    messages: {
      zero: 'revisionHistoryLimit: 0 keeps no earlier revision of this {{kind}}, so `{{undo}}` has nothing to roll back to. Remove the field (the default keeps 10) or keep a few revisions, e.g. 3.',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'extensions/DaemonSet', 'argoproj.io/Rollout'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec) || spec.revisionHistoryLimit !== 0) return;
    context.report({
      messageId: 'zero',
      data: { kind: resource.kind, undo: UNDO_COMMAND[resource.kind]! },
      path: ['spec', 'revisionHistoryLimit'],
      on: 'key',
    });
  },
});
