import type { ResourceIndex } from './index.js';
import { WORKLOAD_KINDS } from './kinds.js';
import { NOT_NAME } from './names.js';
import { isObject, type Resource } from './resource.js';
import { containers, runsToCompletion } from './workload.js';

/*
 * Secrets and ConfigMaps that something in the set makes at run time, though no manifest defines
 * them: a Job told to create one, an operator naming one after its custom resource. The rules that
 * say such an object is missing (secret-not-found, configmap-not-found) must excuse the same ones.
 */

/** Init containers that make a Secret without naming it: Argo CD's `argocd admin redis-initial-password`. */
const WELL_KNOWN_MAKERS: readonly { argument: string; makes: string }[] = [{ argument: 'redis-initial-password', makes: 'argocd-redis' }];

/** API groups of custom resources whose controllers make no Secrets or ConfigMaps named after them. */
const NOT_MAKERS = /(^|\.)(monitoring\.coreos\.com|monitoring\.googleapis\.com|istio\.io|argoproj\.io|keda\.sh|fluxcd\.io|cert-manager\.io|litmuschaos\.io)$/;

/** A custom resource, as opposed to a kind Kubernetes itself serves (core, `apps`, `*.k8s.io`). */
function isCustomResource(resource: Resource): boolean {
  return resource.group.includes('.') && !/(^|\.)k8s\.io$/.test(resource.group) && !NOT_MAKERS.test(resource.group);
}

/**
 * An argument or variable about a Secret or ConfigMap (`--secret-name=…`, `kubectl create secret
 * tls …`, `CONFIGMAP=…`): only words near such a hint count as a name a Job makes, since Jobs
 * also wait for services (`until nc -z mysql 3306`) whose names often are Secret names too.
 */
const ABOUT_OBJECTS = /secret|config-?map|cert|tls/i;

/**
 * Whether something in the set makes a Secret or ConfigMap of this name at run time, though no
 * object defines it:
 * - a run-to-completion pod (a Helm hook Job such as kube-webhook-certgen's `--secret-name=…`)
 *   or an init container is given the name in an argument or variable about Secrets or
 *   ConfigMaps: that is how a chart makes an object it cannot render, typically a self-signed
 *   certificate;
 * - a well-known init container makes one without naming it;
 * - an operator's custom resource in the same namespace is named like a part of it: operators
 *   name what they make after the resource (CloudNativePG `<cluster>-app`, Zalando
 *   `<user>.<cluster>.credentials…`, Strimzi's KafkaUser `<user>`, ECK `<es>-es-elastic-user`).
 */
export function madeAtRunTime(index: ResourceIndex): (namespace: string, name: string) => boolean {
  let passed: Set<string> | undefined;
  let customResources: Set<string> | undefined;
  const words = (text: string, into: Set<string>): void => {
    for (const word of text.split(NOT_NAME)) into.add(word);
  };
  const build = (): void => {
    passed = new Set();
    customResources = new Set();
    for (const kind of WORKLOAD_KINDS) {
      for (const resource of index.ofKind(kind)) {
        const batch = runsToCompletion(resource);
        for (const { container, role } of containers(resource)) {
          if (!batch && role !== 'initContainer') continue;
          const argv = [container.command, container.args].flatMap((list) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []));
          argv.forEach((argument, position) => {
            // A flag and its value may be two arguments: `--secret-name`, `web-tls`.
            if (ABOUT_OBJECTS.test(argument) || (position > 0 && ABOUT_OBJECTS.test(argv[position - 1]!))) words(argument, passed!);
            for (const maker of WELL_KNOWN_MAKERS) if (argument === maker.argument) passed!.add(maker.makes);
          });
          for (const variable of Array.isArray(container.env) ? container.env : []) {
            if (!isObject(variable) || typeof variable.value !== 'string') continue;
            if (ABOUT_OBJECTS.test(variable.value) || (typeof variable.name === 'string' && ABOUT_OBJECTS.test(variable.name))) words(variable.value, passed);
          }
        }
      }
    }
    for (const resource of index.resources) {
      if (isCustomResource(resource)) customResources.add(`${index.namespaceOf(resource) ?? ''}\u0000${resource.name}`);
    }
  };
  return (namespace, name) => {
    if (!passed || !customResources) build();
    if (passed!.has(name)) return true;
    if (customResources!.size === 0) return false;
    // Every run of whole words of the name (split at `-` and `.`), as a custom resource might be called.
    const starts = [0];
    const ends: number[] = [];
    for (let i = 0; i < name.length; i++) {
      if (name[i] === '-' || name[i] === '.') {
        ends.push(i);
        starts.push(i + 1);
      }
    }
    ends.push(name.length);
    for (const start of starts) {
      for (const end of ends) {
        if (end > start && customResources!.has(`${namespace}\u0000${name.slice(start, end)}`)) return true;
      }
    }
    return false;
  };
}
