import { readSource } from '../engine/model.js';
import { loadSources } from '../load/sources.js';
import type { Resource } from '../model/resource.js';
import { CRD_KIND } from '../schema/crd.js';

/** A --crds input that cannot be used: exit 2, like a path that does not exist. */
export class CrdLoadError extends Error {}

/** Input problems that mean a file's CRDs were not all read. */
const UNREADABLE = new Set(['yaml-syntax-error', 'unrendered-template', 'invalid-encoding', 'file-too-large', 'internal-error']);

/**
 * The CustomResourceDefinitions in files and folders given apart from the input (`--crds`, or
 * `crds` in the configuration), read as manifests are: folders searched for YAML and JSON, charts
 * and overlays not rendered (a chart's `crds/` folder is given as a folder). Other objects in
 * those files are ignored; a file that cannot be read, or inputs that hold no CRD at all, stop
 * the run, since custom resources would then go unchecked without anyone knowing.
 */
export async function loadCrds(paths: readonly string[], cwd: string, label = '--crds'): Promise<Resource[]> {
  const loaded = await loadSources(paths, { cwd, readStdin: async () => new Uint8Array() });
  if (loaded.errors.length > 0) throw new CrdLoadError(`${label}: ${loaded.errors.join('; ')}`);
  const crds: Resource[] = [];
  for (const source of loaded.sources) {
    for (const piece of readSource(source)) {
      const problem = piece.diagnostics.find((diagnostic) => UNREADABLE.has(diagnostic.id));
      if (problem) throw new CrdLoadError(`${label}: ${problem.file}:${problem.range.line}:${problem.range.column}: cannot be read as a manifest (${problem.id})`);
      for (const resource of piece.resources) if (resource.groupKind === CRD_KIND) crds.push(resource);
    }
  }
  if (crds.length === 0) throw new CrdLoadError(`${label}: no CustomResourceDefinition in ${paths.join(', ')}`);
  return crds;
}
