import type { ResourceIndex } from '../model/index.js';
import type { Resource } from '../model/resource.js';
import { kindSchema } from './bundle.js';
import { validate, type SchemaProblem } from './validate.js';
import { targetVersion, type TargetVersion } from './version.js';

interface Checked {
  version: string;
  problems: SchemaProblem[] | undefined;
}

const checked = new WeakMap<Resource, Checked>();

/**
 * A built-in resource's problems against the bundled schema of the run's target release, or
 * undefined when no bundled schema covers its apiVersion and kind (a custom resource, an API the
 * release does not serve). Validated once per resource however many rules ask: each schema rule
 * reports its own kind of problem from the same walk.
 */
export function builtinProblems(resource: Resource, index: ResourceIndex): SchemaProblem[] | undefined {
  const target = targetOf(index);
  const cached = checked.get(resource);
  if (cached && cached.version === target.schemaVersion) return cached.problems;
  const schema = kindSchema(resource.apiVersion, resource.kind, target.schemaIndex);
  const problems = schema ? validate(schema, resource.object) : undefined;
  checked.set(resource, { version: target.schemaVersion, problems });
  return problems;
}

/** The release a run checks against: its world's `kubernetesVersion`, else the newest bundled. */
export function targetOf(index: ResourceIndex): TargetVersion {
  return targetVersion(index.kubernetesVersion);
}
