/**
 * Where the tests find real `helm` and `kustomize` (or `kubectl kustomize`). Rendering is tested
 * with the real binaries, never with stand-ins, because what matters is what they print.
 *
 * helm: `KUBEGATE_HELM`, else `helm` on PATH, else node_modules/.cache/kubegate/helm (where
 * `node scripts/fetch-helm.mjs` puts one). kustomize: `KUBEGATE_KUSTOMIZE`, else `kustomize` on
 * PATH, else `kubectl` on PATH, else node_modules/.cache/kubegate/kubectl (same script).
 *
 * In CI (`CI` set) a missing binary fails the suite with `requireTool`; elsewhere the tests that
 * need it skip, with the reason printed on stderr so nobody reads the skip as a pass.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'kubegate');

export const inCI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  return value !== undefined && value !== '' ? value : undefined;
}

/** An absolute path to a helm binary, or undefined. */
export const helmBinary: string | undefined = fromEnv('KUBEGATE_HELM') ?? onPath('helm') ?? (executable(path.join(CACHE, 'helm')) ? path.join(CACHE, 'helm') : undefined);

/** A kustomize or kubectl binary (kubegate tells them apart by name), or undefined. */
export const kustomizeBinary: string | undefined =
  fromEnv('KUBEGATE_KUSTOMIZE') ?? onPath('kustomize') ?? onPath('kubectl') ?? (executable(path.join(CACHE, 'kubectl')) ? path.join(CACHE, 'kubectl') : undefined);

const INSTALL = {
  helm: 'run `node scripts/fetch-helm.mjs`, install helm, or set KUBEGATE_HELM',
  kustomize: 'install kustomize or kubectl (`node scripts/fetch-helm.mjs` fetches kubectl), or set KUBEGATE_KUSTOMIZE',
};

/**
 * Whether the tests of `tool` can run. Outside CI a missing tool prints why its tests skip; in CI
 * the caller must fail instead (see `missingInCI`).
 */
export function available(tool: 'helm' | 'kustomize'): boolean {
  const found = tool === 'helm' ? helmBinary : kustomizeBinary;
  if (found === undefined && !inCI) console.warn(`kubegate render tests: ${tool} tests skipped because no ${tool} was found (${INSTALL[tool]})`);
  return found !== undefined;
}

/** The message a CI run fails with when a tool is missing. */
export function missingInCI(tool: 'helm' | 'kustomize'): string {
  return `no ${tool} binary was found, and CI must test rendering with the real one: ${INSTALL[tool]} (.ci/run does)`;
}

/** The environment that points kubegate at the binaries found here, whatever is on PATH. */
export function toolEnv(): Record<string, string> {
  return {
    ...(helmBinary ? { KUBEGATE_HELM: helmBinary } : {}),
    ...(kustomizeBinary ? { KUBEGATE_KUSTOMIZE: kustomizeBinary } : {}),
  };
}
