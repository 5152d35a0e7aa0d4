/**
 * Rendering a Kustomize overlay so that every object says which file it came from.
 *
 * The overlay is built through a wrapper kustomization in a temporary folder, never by editing the
 * user's files:
 *
 *     resources: [<the overlay, relative to the wrapper>]
 *     buildMetadata: [originAnnotations]
 *
 * No `--load-restrictor LoadRestrictionsNone` is needed: kustomize lets a kustomization list a
 * folder anywhere (only files are held to its root), and the overlay is then built under its own
 * root and restrictions, as `kustomize build <overlay>` would build it.
 *
 * kustomize then annotates each object with `config.kubernetes.io/origin`, a small YAML document:
 * `path: <file>` for an object read from a file, `configuredIn: <kustomization>` (with
 * `configuredBy:`) for one a generator made, and `repo:`/`ref:` beside `path:` for a remote base.
 *
 * What the paths are relative to (checked with kustomize 5.5, as `kubectl kustomize` 1.32 embeds
 * it): the folder of the kustomization the build started from, whatever kustomization lists the
 * file. Here that is the wrapper, which is gone once the build ends, and which sits in the
 * temporary folder, so its paths climb out of it (`../../home/me/app/base/deployment.yaml`).
 * `rewriteOrigins` therefore rewrites the local `path:` and `configuredIn:` values to be relative
 * to the overlay folder (`Source.origin.input`) instead: exactly what `kustomize build` of the
 * overlay itself with `buildMetadata: [originAnnotations]` prints (`../../base/deployment.yaml`,
 * `kustomization.yaml`), so an origin resolves as `path.resolve(input, origin)`. Nothing else of
 * the output changes, and no line moves: the rendered text and its line numbers are kustomize's.
 * Remote origins (with `repo:`) are left as they are, relative to their repository.
 *
 * A field set by a patch carries no mark of the patch (kustomize's `transformerAnnotations` name
 * only the kustomization that applied it): the patch files are those the overlay's `patches:`
 * (and the older `patchesStrategicMerge:`) list.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { yamlLibrary } from '../parse/lazy-yaml.js';
import type { KustomizationReader } from '../load/sources.js';
import type { RenderFailure } from './failures.js';
import type { KustomizeFlavor } from './tools.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder, if it has one, as kustomize picks it. */
export function kustomizationFile(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    try {
      if (statSync(path.join(dir, name)).isFile()) return path.join(dir, name);
    } catch {
      // Not this name.
    }
  }
  return undefined;
}

export interface Wrapper {
  /** The temporary folder holding the wrapper kustomization, by its real path. */
  dir: string;
  /** The overlay as the wrapper lists it. */
  reference: string;
  /** The overlay's real path. */
  overlay: string;
  remove(): void;
}

/**
 * Writes the wrapper for one overlay. Real paths on both sides, because kustomize resolves links
 * (a temporary folder under /var on macOS is really under /private/var) before it relates them.
 */
export function writeWrapper(overlayDir: string): Wrapper {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'kubegate-kustomize-')));
  const overlay = realpathSync(overlayDir);
  // kustomize takes no absolute path for a folder to build from; a relative one may climb anywhere.
  const reference = path.relative(dir, overlay).split(path.sep).join('/');
  const text = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', `  - ${JSON.stringify(reference)}`, 'buildMetadata: [originAnnotations]', ''].join('\n');
  writeFileSync(path.join(dir, 'kustomization.yaml'), text);
  return { dir, reference, overlay, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function kustomizeArguments(flavor: KustomizeFlavor, wrapperDir: string): string[] {
  return flavor === 'kubectl' ? ['kustomize', wrapperDir] : ['build', wrapperDir];
}

/** The value of a plain or quoted scalar as kustomize writes it inside the annotation. */
function scalar(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
    try {
      const value: unknown = yamlLibrary().parse(trimmed);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return trimmed;
}

/** A path written back as a plain scalar when YAML reads it back unchanged, else double-quoted. */
function writeScalar(value: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$/.test(value) ? value : JSON.stringify(value);
}

const ORIGIN_HEADER = /^(\s*)config\.kubernetes\.io\/origin:\s*\|[-+]?\s*$/;
const ORIGIN_FIELD = /^(\s+)(path|configuredIn): (.*)$/;

/**
 * The output with each local origin made relative to the overlay instead of the wrapper (see the
 * comment at the top of this file). Lines are rewritten in place, never added or removed.
 */
export function rewriteOrigins(text: string, wrapper: Pick<Wrapper, 'dir' | 'overlay'>): string {
  if (!text.includes('config.kubernetes.io/origin')) return text;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = ORIGIN_HEADER.exec(lines[index]!);
    if (!header) continue;
    const indent = header[1]!.length;
    // The annotation's block: the lines indented deeper than its key.
    let end = index + 1;
    while (end < lines.length && lines[end]!.trim() !== '' && lines[end]!.length - lines[end]!.trimStart().length > indent) end++;
    const block = lines.slice(index + 1, end);
    const fieldIndent = block.length > 0 ? block[0]!.length - block[0]!.trimStart().length : 0;
    const remote = block.some((line) => /^\s+repo:/.test(line));
    if (!remote) {
      for (let offset = 0; offset < block.length; offset++) {
        const field = ORIGIN_FIELD.exec(block[offset]!);
        if (!field || field[1]!.length !== fieldIndent) continue;
        const value = scalar(field[3]!);
        if (value === undefined || path.isAbsolute(value)) continue;
        const relative = path.relative(wrapper.overlay, path.resolve(wrapper.dir, value)).split(path.sep).join('/');
        lines[index + 1 + offset] = `${field[1]}${field[2]}: ${writeScalar(relative)}`;
      }
    }
    index = end - 1;
  }
  return lines.join('\n');
}

/**
 * kustomize's error as a sentence: `Error: …` from kustomize, or from kubectl a klog line
 * (`E1130 … "command failed" err="…"`, or `err=<` and the message on the lines below).
 */
export function kustomizeErrorText(stderr: string): string {
  const quoted = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted) {
    try {
      return (JSON.parse(`"${quoted[1]}"`) as string).trim();
    } catch {
      return quoted[1]!.trim();
    }
  }
  const block = /"command failed" err=<\n([\s\S]*?)\n\s*>\s*$/m.exec(stderr);
  if (block) {
    return block[1]!
      .split('\n')
      .map((line) => line.replace(/^\t/, '').trim())
      .filter(Boolean)
      .join(' ');
  }
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/^Error: /, '');
}

/** The line and column where a kustomization lists `entry`, if it does. */
function lineListing(kustomization: string, entry: string): { line: number; column: number } | undefined {
  let text: string;
  try {
    text = readFileSync(kustomization, 'utf8');
  } catch {
    return undefined;
  }
  const variants = new Set([entry, `./${entry}`, `${entry}/`, `./${entry}/`]);
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\s+#.*$/, '');
    const match = /^(\s*(?:-\s*)?(?:path\s*:\s*)?)(["']?)(.+?)\2\s*$/.exec(line);
    if (match && variants.has(match[3]!)) return { line: index + 1, column: match[1]!.length + 1 };
  }
  return undefined;
}

/**
 * A failed build as a finding. A file or folder that does not exist is the common case: the
 * finding is placed on the line of the kustomization that lists it (the overlay's or a base's),
 * with a short message; anything else gets kustomize's own message on the overlay's kustomization.
 */
export function kustomizeFailure(stderr: string, code: number, wrapper: Wrapper, overlayDir: string, input: string, shown: (file: string) => string): RenderFailure {
  let detail = kustomizeErrorText(stderr) || `kustomize exited with code ${code} and printed nothing to say why`;
  // The wrapper is kubegate's: name the overlay as the user knows it.
  detail = detail.split(`'${wrapper.reference}'`).join(`'${input}'`).split(wrapper.dir).join(input);
  const own = kustomizationFile(overlayDir) ?? path.join(overlayDir, 'kustomization.yaml');
  // A remote base or resource: the refused connection (see OFFLINE in index.ts) is no news to the user.
  const remote = [...detail.matchAll(/accumulating resources from '([^']+)'/g)].map((match) => match[1]!).find((entry) => /^(https?|git|ssh|oci):\/\/|^git@|^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(entry));
  if (remote !== undefined && /127\.0\.0\.1:9|transport '[a-z]+' not allowed/.test(detail)) {
    for (const kustomization of [own, ...[...detail.matchAll(/recursed accumulation of path '([^']+)'/g)].map((match) => kustomizationFile(match[1]!))]) {
      const at = kustomization && lineListing(kustomization, remote);
      if (at) return { file: shown(kustomization), line: at.line, column: at.column, messageId: 'remoteResource', data: { input, url: remote } };
    }
    return { file: shown(own), line: 1, column: 1, messageId: 'remoteResource', data: { input, url: remote } };
  }
  const missing = [...detail.matchAll(/lstat ([^:'"]+): no such file or directory/g)].map((match) => match[1]!).pop();
  if (missing !== undefined) {
    const realOverlay = wrapper.overlay;
    // Where it is listed: the kustomization kustomize was reading, else the one beside the missing file's folder.
    const recursed = [...detail.matchAll(/recursed accumulation of path '([^']+)'/g)].map((match) => match[1]!);
    const folders = [...recursed.reverse(), path.dirname(missing), realOverlay];
    for (const folder of folders) {
      const kustomization = kustomizationFile(folder);
      if (kustomization === undefined) continue;
      const at = lineListing(kustomization, path.relative(folder, missing).split(path.sep).join('/'));
      if (!at) continue;
      const file = folder === realOverlay ? own : kustomization;
      return { file: shown(file), line: at.line, column: at.column, messageId: 'missingFile', data: { input, file: shown(missing) } };
    }
  }
  return { file: shown(own), line: 1, column: 1, messageId: 'kustomize', data: { input, detail } };
}

function readKustomization(dir: string): Record<string, unknown> | undefined {
  const file = kustomizationFile(dir);
  if (file === undefined) return undefined;
  try {
    const value: unknown = yamlLibrary().parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // kustomize reads it too, and says what is wrong with it when the overlay renders.
    return undefined;
  }
}

/** The local folders a kustomization lists as resources, bases or components. */
function listedFolders(dir: string): string[] {
  const kustomization = readKustomization(dir);
  if (!kustomization) return [];
  const entries = ['resources', 'bases', 'components'].flatMap((key) => (Array.isArray(kustomization[key]) ? (kustomization[key] as unknown[]) : []));
  // A remote base resolves to no folder of the run, so it needs no telling apart.
  return entries.filter((entry): entry is string => typeof entry === 'string').map((entry) => path.resolve(dir, entry));
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) yield* strings(item);
}

/**
 * What the loader needs to know of kustomizations. The files one names are found by every string
 * in it, wherever it stands (resources, patches, generator `files:` as `key=path`, configurations,
 * replacements...): kustomize has many such keys, and a string that names a file of the folder by
 * chance costs only that the file is not read on its own.
 */
export const kustomizationReader: KustomizationReader = {
  listed(dirs) {
    const given = new Set(dirs);
    const listed = new Set<string>();
    for (const dir of dirs) for (const folder of listedFolders(dir)) if (folder !== dir && given.has(folder)) listed.add(folder);
    return listed;
  },
  named(dir) {
    const named = new Set<string>();
    for (const text of strings(readKustomization(dir))) {
      for (const candidate of [text, text.slice(text.indexOf('=') + 1)]) if (candidate !== '') named.add(path.resolve(dir, candidate));
    }
    return named;
  },
};
