import { buildModel } from '../../src/engine/model.js';
import type { IndexOptions } from '../../src/model/index.js';
import type { Resource } from '../../src/model/resource.js';

/** The model of one file's text, as a run over that file builds it: what the model tests check helpers against. */
export const modelOf = (text: string, world?: IndexOptions) => buildModel([{ path: 'set.yaml', text }], world);

/** The resource of a kind and name in a model, failing the test when it is not there exactly once. */
export function resourceNamed(resources: readonly Resource[], kind: string, name: string): Resource {
  const found = resources.filter((resource) => resource.kind === kind && resource.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} "${name}", found ${found.length}`);
  return found[0]!;
}
