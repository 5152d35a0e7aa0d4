// Bundles the CLI into one CommonJS file, dist/cli/kubegate.cjs. Start-up is the pre-commit case:
// Node resolves and compiles one file instead of fifty, and CommonJS loads faster than ES modules
// on Node 20 (measured: 1.35× `node -e 0` against 1.47× for a split ESM bundle). Libraries that
// only some runs need (yaml, glob, ajv) stay external and load on first use.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/cli/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/cli/kubegate.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  external: ['yaml', 'glob', 'ajv'],
  // The sources find their package and lazy libraries from import.meta.url, which CommonJS lacks.
  define: { 'import.meta.url': '__kubegateModuleUrl' },
  banner: { js: 'var __kubegateModuleUrl=require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
