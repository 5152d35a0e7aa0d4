import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** How a binary renders an overlay: `kustomize build <dir>`, or kubectl's built-in `kubectl kustomize <dir>`. */
export type KustomizeFlavor = 'kustomize' | 'kubectl';

export interface Tool {
  /** What runs: an absolute path, or a path relative to the working directory as given. */
  binary: string;
  /** How the report names the command (`helm`, `kustomize build`, `kubectl kustomize`). */
  command: string;
  flavor?: KustomizeFlavor;
}

/** A binary the run needs and cannot use: the run stops with exit 2 and this message. */
export class MissingToolError extends Error {}

const INSTALL = {
  helm: 'install helm (https://helm.sh/docs/intro/install/), or name it with --helm-binary or KUBEGATE_HELM',
  kustomize: 'install kubectl, which renders overlays as `kubectl kustomize` (https://kubernetes.io/docs/tasks/tools/), or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/), or name one with --kustomize-binary or KUBEGATE_KUSTOMIZE',
};

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Names a command may have on this platform: `helm`, and on Windows `helm.exe` and the like. */
function candidates(name: string, env: Readonly<Record<string, string | undefined>>): string[] {
  if (process.platform !== 'win32' || path.extname(name) !== '') return [name];
  const extensions = (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  return [name, ...extensions.map((extension) => name + extension.toLowerCase())];
}

/** Where a command is on PATH, looked up here so a missing one is named before anything runs. */
export function findOnPath(name: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const candidate of candidates(name, env)) {
      const full = path.join(dir, candidate);
      if (isExecutable(full)) return full;
    }
  }
  return undefined;
}

/**
 * A binary as the user named it: a bare name is looked for on PATH, anything with a slash is a
 * path from the working directory. `from` names where the choice came from, for the error.
 */
function named(binary: string, from: string, cwd: string, env: Readonly<Record<string, string | undefined>>, tool: 'helm' | 'kustomize'): string {
  if (binary.includes('/') || binary.includes(path.sep)) {
    const full = path.resolve(cwd, binary);
    if (isExecutable(full)) return full;
    throw new MissingToolError(`${binary} (${from}) is not an executable file; ${INSTALL[tool]}`);
  }
  const found = findOnPath(binary, env);
  if (found === undefined) throw new MissingToolError(`${binary} (${from}) was not found on PATH; ${INSTALL[tool]}`);
  return found;
}

export interface ToolChoice {
  /** The binary the user chose, and where the choice came from (`--helm-binary`, `KUBEGATE_HELM`, the configuration). */
  binary?: string;
  from?: string;
}

/**
 * The helm to run, or MissingToolError naming the charts that need it. The binary is found before
 * any chart renders, so a machine without helm is told once, with how to install it.
 */
export function findHelm(choice: ToolChoice, cwd: string, env: Readonly<Record<string, string | undefined>>, needed: string): Tool {
  if (choice.binary !== undefined) return { binary: named(choice.binary, choice.from ?? 'as given', cwd, env, 'helm'), command: 'helm' };
  const found = findOnPath('helm', env);
  if (found === undefined) throw new MissingToolError(`helm is needed to render ${needed}, and it was not found on PATH; ${INSTALL.helm}`);
  return { binary: found, command: 'helm' };
}

/** kubectl is told apart from kustomize by its name: the two take different arguments. */
function flavorOf(binary: string): KustomizeFlavor {
  return /^kubectl/i.test(path.basename(binary)) ? 'kubectl' : 'kustomize';
}

/** The kustomize to run, or kubectl when only kubectl is installed; MissingToolError when neither is. */
export function findKustomize(choice: ToolChoice, cwd: string, env: Readonly<Record<string, string | undefined>>, needed: string): Tool {
  let binary: string | undefined;
  if (choice.binary !== undefined) binary = named(choice.binary, choice.from ?? 'as given', cwd, env, 'kustomize');
  else binary = findOnPath('kustomize', env) ?? findOnPath('kubectl', env);
  if (binary === undefined) throw new MissingToolError(`kustomize is needed to render ${needed}, and neither kustomize nor kubectl was found on PATH; ${INSTALL.kustomize}`);
  const flavor = flavorOf(binary);
  return { binary, command: flavor === 'kubectl' ? 'kubectl kustomize' : 'kustomize build', flavor };
}
