import { createRequire } from 'node:module';
import { formatPath } from './format.js';
import type { Finding } from './types.js';

/**
 * node:crypto costs a pre-commit run about 8 ms to load, and only runs that write fingerprints
 * (JSON, SARIF, a baseline) need it.
 */
function sha256(): import('node:crypto').Hash {
  return (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256');
}

/** What tells one problem from another, whatever form an identity is written in. */
export interface IdentityParts {
  resource?: { kind: string; namespace: string; name: string; path: string };
  /** Sorted by key; given when the finding has no path into a resource, as a parse problem has. */
  data?: [string, string | number][];
}

/**
 * Which problem a finding is, across runs: message id, resource and path. Never the message text
 * (rewording a message must not reopen every alert) and never a line number (an edit above a
 * finding must not close it and open a new one). `apiVersion` is left out, so migrating an object
 * to a newer API keeps its alerts. Without a path (a parse problem, even one that names its
 * resource) the data (the duplicated key, the syntax error) tells problems apart.
 */
export function identityParts(finding: Finding): IdentityParts {
  const parts: IdentityParts = {};
  if (finding.resource) {
    const { kind, namespace, name } = finding.resource;
    parts.resource = { kind, namespace: namespace ?? '', name, path: formatPath(finding.path ?? []) };
  }
  if ((!finding.resource || !finding.path) && finding.data) {
    const data = finding.data;
    parts.data = Object.keys(data).sort().map((key) => [key, data[key]!]);
  }
  return parts;
}

/** The identity of a finding in one string, with its rule and file. */
export function findingIdentity(finding: Finding, file: string = finding.file): string {
  const { resource, data } = identityParts(finding);
  const parts: (string | number)[] = [finding.ruleId, finding.messageId, file];
  if (resource) parts.push(resource.kind, resource.namespace, resource.name, resource.path);
  for (const [key, value] of data ?? []) parts.push(`${key}=${value}`);
  return parts.join('\u0000');
}

/**
 * Stable fingerprints for a run's findings, in order. Findings that share an identity (a resource
 * defined twice in one file) are told apart by their order of occurrence.
 */
export function fingerprinter(): (finding: Finding, file?: string) => string {
  const seen = new Map<string, number>();
  return (finding, file) => {
    const identity = findingIdentity(finding, file);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return sha256().update(`${identity}\u0000${occurrence}`).digest('hex');
  };
}
