import { bundledVersions } from './bundle.js';

/** `1.31`: how `--kubernetes-version` and `kubernetesVersion` name a Kubernetes release. */
export const KUBERNETES_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** The Kubernetes release a run checks against, and the bundled schema that stands for it. */
export interface TargetVersion {
  /** The release findings speak of: as asked for, or the newest bundled. */
  version: string;
  /** The bundled schema used, and its index in `bundledVersions()`. */
  schemaVersion: string;
  schemaIndex: number;
  /**
   * Older than every bundled schema: the oldest schema checks fields, and only the deprecation
   * table says which APIs are served (the bundle cannot tell what such a release lacked).
   */
  older: boolean;
  /** Newer than every bundled schema: the newest one stands for it. */
  newer: boolean;
}

const cache = new Map<string, TargetVersion>();

/** Resolves a requested version (already checked against KUBERNETES_VERSION) or, undefined, the newest bundled. */
export function targetVersion(requested: string | undefined): TargetVersion {
  const key = requested ?? '';
  let target = cache.get(key);
  if (target) return target;
  const versions = bundledVersions();
  const oldest = versions[0]!;
  const newest = versions[versions.length - 1]!;
  const version = requested ?? newest;
  const older = compareVersions(version, oldest) < 0;
  const newer = compareVersions(version, newest) > 0;
  const schemaVersion = older ? oldest : newer ? newest : versions.find((candidate) => compareVersions(candidate, version) === 0) ?? newest;
  target = { version, schemaVersion, schemaIndex: versions.indexOf(schemaVersion), older, newer };
  cache.set(key, target);
  return target;
}

/** What the CLI and the configuration say about a version they were given; undefined when it is fine. */
export function versionProblem(text: string): { kind: 'malformed' | 'newer'; message: string } | undefined {
  const versions = bundledVersions();
  const range = `${versions[0]} to ${versions[versions.length - 1]}`;
  if (!KUBERNETES_VERSION.test(text)) return { kind: 'malformed', message: `must be a Kubernetes version as major.minor, such as ${versions[versions.length - 1]} (schemas are bundled for ${range}; older versions use the ${versions[0]} schema and the deprecation table) (got "${text}")` };
  const newest = versions[versions.length - 1]!;
  if (compareVersions(text, newest) > 0) return { kind: 'newer', message: `Kubernetes ${text} is newer than the bundled schemas (${range}); checking against ${newest}` };
  return undefined;
}
