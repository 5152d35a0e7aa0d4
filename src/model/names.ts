import { metadataMap, type Resource } from './resource.js';

const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Whether a reference holds an object name (a lowercase DNS subdomain). Manifests waiting for
 * envsubst or a reader carry placeholders where a name goes (`$SA_NAME`, `<KSA_NAME>`,
 * `KSA_NAME`); a rule that looked those up would report a missing object for every unrendered
 * template, so the "not found" rules look up names only.
 */
export function isObjectName(name: string): boolean {
  return OBJECT_NAME.test(name);
}

/**
 * Where a name ends inside free text (an argument, an annotation, a variable): object names are
 * DNS labels and subdomains, so anything but letters, digits, `.`, `_` and `-` separates them.
 * The index and the run-time producers both split text into candidate names, and must agree on
 * what a word is.
 */
export const NOT_NAME = /[^A-Za-z0-9._-]+/;

/** A name pattern as users write shell globs: `*` for any run of characters, `?` for one. */
function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** Labels matching one of `key` (any value) or `key=value`. A value that is not a string is no valid label, and matches no `key=value`. */
function hasIgnoredLabel(labels: Readonly<Record<string, unknown>>, ignoreLabels: readonly string[]): boolean {
  return ignoreLabels.some((entry) => {
    const equals = entry.indexOf('=');
    if (equals === -1) return Object.hasOwn(labels, entry);
    return labels[entry.slice(0, equals)] === entry.slice(equals + 1);
  });
}

/** The options by which users exempt objects from a rule that kubegate cannot see used. */
export interface IgnoreOptions {
  /** Name patterns (`app-*-token`). */
  ignore: readonly string[];
  /** Labels of objects found by label rather than by name (Grafana's sidecar, Argo CD's repository Secrets). */
  ignoreLabels: readonly string[];
}

/**
 * Whether the user exempted an object by name or by label. unused-secret and unused-configmap
 * take the same two options and must read them alike; the patterns are compiled once per run.
 */
export function ignoredBy(options: IgnoreOptions): (resource: Resource) => boolean {
  const patterns = options.ignore.map(globToRegExp);
  return (resource) => hasIgnoredLabel(metadataMap(resource, 'labels'), options.ignoreLabels) || patterns.some((pattern) => pattern.test(resource.name));
}
