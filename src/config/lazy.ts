import { createRequire } from 'node:module';

// Libraries only a run with a configuration file needs; the bundled CLI swaps each loader for a
// side bundle of its own, loaded with the code cache (scripts/bundle.mjs).
type Cosmiconfig = typeof import('cosmiconfig');
type Picomatch = typeof import('picomatch');

export function cosmiconfigLibrary(): Cosmiconfig {
  return createRequire(import.meta.url)('cosmiconfig') as Cosmiconfig;
}

export function picomatchLibrary(): Picomatch {
  return createRequire(import.meta.url)('picomatch') as Picomatch;
}
