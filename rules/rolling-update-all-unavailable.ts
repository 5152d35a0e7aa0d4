import { createRule } from '../src/engine/builtin-rule.js';
import { isObject } from '../src/model/resource.js';
import { intOrPercent, isLiteralZero, podsOf, type IntOrPercent } from '../src/model/rollout.js';

const DEFAULT_DEPLOYMENT_AMOUNT: IntOrPercent = { percent: true, value: 25 };

export default createRule({
  meta: {
    id: 'rolling-update-all-unavailable',
    category: 'rollout',
    severity: 'error',
    precision: 'very-high',
    description: 'A rolling update\'s `maxUnavailable` lets every replica (or every node\'s daemon pod) go down at once.',
    rationale: 'A rolling update protects availability only while some old pods keep serving until new ones pass their readiness checks. When `maxUnavailable` covers every replica, the controller may stop them all at the start, so a broken image or a missing config value replaces every healthy pod and the service is down until someone notices. Kubernetes rounds a Deployment\'s percentage down, so only 100% or more is certain without `spec.replicas`; with `maxSurge` also resolving to 0 it raises `maxUnavailable` to 1, which is every pod of a single-replica Deployment.',
    remediation: 'Keep `maxUnavailable` below the replica count (the default 25% does) and let `maxSurge` start new pods first; for a single replica use `maxUnavailable: 0` with `maxSurge: 1`. For a DaemonSet use a small number or percentage such as 1 or 10%.',
    messages: {
      percent: 'maxUnavailable {{value}} lets a rolling update take every replica of this Deployment down at once, so a broken release replaces them all before any readiness check can stop it. Lower maxUnavailable (e.g. 25%) and let maxSurge start new pods first.',
      count: 'maxUnavailable {{value}} is not below spec.replicas ({{replicas}}), so a rolling update can take every replica down at once and a broken release replaces them all. Lower maxUnavailable below {{replicas}}, or use maxUnavailable 0 with maxSurge 1.',
      raisedToOne: 'maxUnavailable {{value}} rounds down to 0 for 1 replica, and with maxSurge {{surge}} Kubernetes raises it to 1: every rollout stops the only pod before its replacement is ready. Use maxUnavailable 0 with maxSurge 1.',
      daemonSet: 'maxUnavailable {{value}} lets a DaemonSet update stop its pod on every node at once, so a broken release takes the daemon down across the cluster. Lower maxUnavailable to a small number or percentage (e.g. 1 or 10%).',
    },
    appliesTo: ['apps/Deployment', 'extensions/Deployment', 'apps/DaemonSet', 'extensions/DaemonSet'],
  },
  check(resource, context) {
    const spec = resource.object.spec;
    if (!isObject(spec)) return;
    const strategyField = resource.kind === 'DaemonSet' ? 'updateStrategy' : 'strategy';
    const strategy = isObject(spec[strategyField]) ? spec[strategyField] : {};
    // An absent type means RollingUpdate; Recreate and OnDelete have no maxUnavailable to weigh.
    if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') return;
    const rolling = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const path = ['spec', strategyField, 'rollingUpdate', 'maxUnavailable'];
    const rawUnavailable = rolling.maxUnavailable;

    if (resource.kind === 'DaemonSet') {
      // Without the node count only a whole-fleet percentage is certain.
      const unavailable = intOrPercent(rawUnavailable);
      if (unavailable?.percent && unavailable.value >= 100) {
        context.report({ messageId: 'daemonSet', data: { value: `${unavailable.value}%` }, path });
      }
      return;
    }

    const rawSurge = rolling.maxSurge;
    // Both zero is rejected by the API server; rolling-update-no-progress reports it.
    if (isLiteralZero(rawUnavailable) && isLiteralZero(rawSurge)) return;
    const unavailable = rawUnavailable === undefined ? DEFAULT_DEPLOYMENT_AMOUNT : intOrPercent(rawUnavailable);
    if (!unavailable) return;
    const value = unavailable.percent ? `${unavailable.value}%` : String(unavailable.value);

    if (unavailable.percent && unavailable.value >= 100) {
      context.report({ messageId: 'percent', data: { value }, path });
      return;
    }

    // Without spec.replicas the count is the HPA's or the default's, neither known here.
    const replicas = spec.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 1) return;
    const surge = rawSurge === undefined ? DEFAULT_DEPLOYMENT_AMOUNT : intOrPercent(rawSurge);
    if (!surge) return;
    const surgePods = podsOf(surge, replicas, true);
    const unavailablePods = podsOf(unavailable, replicas, false);
    if (surgePods === 0 && unavailablePods === 0) {
      if (replicas === 1) {
        const shown = rawUnavailable === undefined ? `${value} (the default)` : value;
        context.report({ messageId: 'raisedToOne', data: { value: shown, surge: String(rawSurge) }, path });
      }
      return;
    }
    if (unavailablePods >= replicas) {
      context.report({ messageId: 'count', data: { value, replicas }, path });
    }
  },
});
