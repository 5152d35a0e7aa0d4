import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads the bundled CLI's CommonJS files with V8's code cache. Node 20 has no compile cache of its
 * own (that came in 22), and a pre-commit run is mostly start-up: with the cache, compiling the
 * CLI and running its cold code costs about half as much. The cache is written after a warm-up
 * run at build time (`KUBEGATE_WRITE_CODE_CACHE`); V8 refuses a cache from another version or
 * other flags, and the file is then simply compiled as usual.
 */
const loaded = new Map<string, { script: Script; exports: unknown }>();

export function loadCached(file: string): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  // esbuild writes ASCII only (other characters escaped), and the build checks it: read as
  // latin1, the text is copied rather than decoded, which a pre-commit run notices.
  const code = readFileSync(file, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache yet: compile as usual.
  }
  // The bundles make no dynamic import(): a script compiled here has no module loader behind it.
  const script = new Script(wrap(code), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  loaded.set(file, { script, exports: module.exports });
  return module.exports;
}

/** Writes the code cache of every file loaded so far, with the functions this run compiled. */
export function writeCodeCaches(): void {
  for (const [file, { script }] of loaded) writeFileSync(`${file}.cache`, script.createCachedData());
}
