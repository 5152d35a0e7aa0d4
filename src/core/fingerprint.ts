import { createHash } from 'node:crypto';
import { formatPath } from './format.js';
import type { Finding } from './types.js';

/**
 * Which problem a finding is, across runs: rule, message id, file, resource and path. Never the
 * message text (rewording a message must not reopen every alert) and never a line number (an edit
 * above a finding must not close it and open a new one). `apiVersion` is left out, so migrating
 * an object to a newer API keeps its alerts. Parse findings have no resource; their data (the
 * duplicated key, the syntax error) tells them apart instead.
 */
export function findingIdentity(finding: Finding, file: string = finding.file): string {
  const parts = [finding.ruleId, finding.messageId, file];
  if (finding.resource) {
    const { kind, namespace, name } = finding.resource;
    parts.push(kind, namespace ?? '', name, formatPath(finding.path ?? []));
  }
  // Without a path (a parse problem, even one that names its resource) the data tells problems apart.
  if ((!finding.resource || !finding.path) && finding.data) {
    for (const key of Object.keys(finding.data).sort()) parts.push(`${key}=${finding.data[key]}`);
  }
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
    return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex');
  };
}
