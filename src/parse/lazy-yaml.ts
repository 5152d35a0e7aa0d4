import { createRequire } from 'node:module';

type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

/**
 * The `yaml` library takes ~35 ms to load, a third of a pre-commit run's budget, and a run only
 * needs it for documents the fast path cannot handle. Loading it on first use, synchronously, keeps
 * the position lookups synchronous without paying for it up front.
 */
export function yamlLibrary(): YamlLibrary {
  library ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return library;
}
