import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Source } from '../core/types.js';
import { decodeSource } from './decode.js';
import { globLibrary } from './lazy-glob.js';
import { patternRoot, planShard, type Shard } from './shard.js';

export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_MAGIC = /[*?[\]{}]/;

export const STDIN_PATH = '<stdin>';

/** Large enough for real rendered output (the biggest chart renders we have seen are a few MB). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface LoadOptions {
  cwd: string;
  /** Reads standard input, stopping once it has more than `maxBytes`; injected so tests need no real stdin. */
  readStdin: (maxBytes: number) => Promise<Uint8Array>;
  /** Files larger than this are reported, not read. */
  maxFileBytes?: number;
  /** Follow symbolic links that lead out of the folder being walked (never followed by default). */
  followSymlinks?: boolean;
  /** The name standard input's findings carry (a path relative to `cwd`), instead of `<stdin>`. */
  stdinPath?: string;
  /** Lint only this shard of the inputs, split by application (`--shard 2/4`). */
  shard?: Shard;
}

export interface LoadResult {
  sources: Source[];
  /** Inputs that could not be used at all (a missing path, an unreadable file): the run exits 2. */
  errors: string[];
  /** Facts worth telling the user that are not failures (an empty folder, a skipped FIFO). */
  notices: string[];
}

/** Paths as the user would type them from the working directory, `../` included; absolute only across roots. */
function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === '' ? '.' : path.isAbsolute(relative) ? absolute : relative;
}

function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function statOrUndefined(file: string, follow = true): Stats | undefined {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch {
    return undefined;
  }
}

/** What kind of thing a path is, in words, for a notice about skipping it. */
function describeSpecial(stats: Stats | undefined): string {
  if (!stats) return 'not a regular file';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

interface Walk {
  root: string;
  options: LoadOptions;
  found: string[];
  result: LoadResult;
  /** Real paths of the folders entered, so a link back up cannot loop. */
  entered: Set<string>;
}

/**
 * Files under a folder with a manifest extension, depth first in name order so runs are
 * repeatable. Only regular files are taken: a pipe or device found by walking would hang or
 * never end. A symbolic link is followed only while it stays inside the folder being walked,
 * unless the user asked otherwise: a link added in a pull request must not read the CI user's files.
 */
function walk(directory: string, state: Walk): void {
  const { result, options } = state;
  let real: string;
  let entries;
  try {
    real = realpathSync(directory);
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    result.errors.push(`cannot read directory ${displayPath(options.cwd, directory)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  if (state.entered.has(real)) return;
  state.entered.add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    const shown = displayPath(options.cwd, full);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, state);
      continue;
    }
    if (entry.isSymbolicLink()) {
      const target = statOrUndefined(full);
      let targetPath: string | undefined;
      try {
        targetPath = realpathSync(full);
      } catch {
        targetPath = undefined;
      }
      if (!target || targetPath === undefined) {
        if (isManifestName(entry.name)) result.notices.push(`skipped ${shown}: a symbolic link to nothing`);
        continue;
      }
      if (!options.followSymlinks && !isInside(targetPath, state.root)) {
        if (target.isDirectory() || isManifestName(entry.name)) result.notices.push(`skipped ${shown}: a symbolic link out of ${displayPath(options.cwd, state.root)} (use --follow-symlinks to read it)`);
        continue;
      }
      if (target.isDirectory()) {
        if (options.followSymlinks && !SKIPPED_DIRECTORIES.has(entry.name)) walk(full, state);
        continue;
      }
      if (!isManifestName(entry.name)) continue;
      if (target.isFile()) state.found.push(full);
      else result.notices.push(`skipped ${shown}: ${describeSpecial(target)}`);
      continue;
    }
    if (!isManifestName(entry.name)) continue;
    if (entry.isFile()) state.found.push(full);
    else result.notices.push(`skipped ${shown}: ${describeSpecial(statOrUndefined(full, false))}`);
  }
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await globLibrary();
  const matches = await glob(pattern, { cwd, absolute: true, nodir: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  return matches.sort();
}

/**
 * Reads at most `limit + 1` bytes, so a stream that never ends (a device, a pipe fed by `yes`)
 * costs no more than the limit. Returns the bytes and whether there was more.
 */
function readCapped(file: string, limit: number): { bytes: Uint8Array; truncated: boolean } {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
      if (read === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
      if (total > limit) return { bytes: new Uint8Array(), truncated: true };
    }
    return { bytes: Buffer.concat(chunks, total), truncated: false };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(shown: string, limit: number, size?: number): Source {
  return size === undefined ? { path: shown, text: '', sizeLimit: { limit } } : { path: shown, text: '', sizeLimit: { limit, size } };
}

/** Inputs resolved to what will be read: `sources` reads each file only when it is iterated. */
export interface OpenedSources {
  sources: Iterable<Source>;
  /** Grows while `sources` is iterated: a file that turns out unreadable is reported here. */
  errors: string[];
  notices: string[];
  /**
   * Whether every input was a file named on its own, as pre-commit and lint-staged pass changed
   * files: such a run sees part of an application, not the whole of it.
   */
  onlyNamedFiles: boolean;
}

/**
 * Resolves the command line's inputs (files, folders, glob patterns, `-` for stdin) and returns
 * the sources to lint, each file read only when the linter reaches it, so a run that lints file
 * by file never holds every file's text at once. Problems with one input are collected and the
 * others still load.
 */
export async function openSources(inputs: readonly string[], options: LoadOptions): Promise<OpenedSources> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const result: LoadResult = { sources: [], errors: [], notices: [] };
  /** Files found by walking or globbing are read only if regular; files named explicitly are read whatever they are. */
  const files: { file: string; named: boolean; root: string }[] = [];
  let stdin: Source | undefined;
  let stdinRead = false;
  let onlyNamedFiles = true;
  for (const input of inputs) {
    if (input === '-') {
      onlyNamedFiles = false;
      if (stdinRead) continue;
      stdinRead = true;
      const bytes = await options.readStdin(limit);
      const name = options.stdinPath === undefined ? STDIN_PATH : displayPath(options.cwd, path.resolve(options.cwd, options.stdinPath));
      if (bytes.length > limit) stdin = tooLarge(name, limit);
      else if (bytes.length === 0) result.notices.push('standard input is empty: nothing to check');
      else stdin = decodeSource(name, bytes);
      continue;
    }
    const absolute = path.resolve(options.cwd, input);
    const stats = statOrUndefined(absolute);
    if (!stats) {
      if (GLOB_MAGIC.test(input)) {
        onlyNamedFiles = false;
        const matches = await expandGlob(input, options.cwd);
        if (matches.length === 0) result.errors.push(`no files match the pattern ${input}`);
        const root = patternRoot(input, options.cwd);
        for (const match of matches) files.push({ file: match, named: false, root });
      } else {
        result.errors.push(`path not found: ${input}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      onlyNamedFiles = false;
      const state: Walk = { root: realpathSync(absolute), options, found: [], result, entered: new Set() };
      walk(absolute, state);
      if (state.found.length === 0) result.notices.push(`no manifests (${MANIFEST_EXTENSIONS.join(', ')}) found in ${input}`);
      for (const file of state.found) files.push({ file, named: false, root: absolute });
    } else {
      // A file named on its own belongs with its chart, overlay or top-level folder, found from the working directory.
      files.push({ file: absolute, named: true, root: isInside(absolute, options.cwd) ? path.resolve(options.cwd) : path.dirname(absolute) });
    }
  }
  if (options.shard) {
    const plan = planShard(files, options.shard);
    files.splice(0, files.length, ...plan.kept);
    // Standard input is one unit, and the first shard's.
    if (options.shard.index !== 1) stdin = undefined;
    result.notices.push(`shard ${options.shard.index}/${options.shard.count}: ${plan.units} of ${plan.totalUnits} unit${plan.totalUnits === 1 ? '' : 's'} (charts, overlays or top-level folders)`);
  }
  const cwdReal = realpathSync(options.cwd);
  function* read(): Generator<Source> {
    if (stdin) yield stdin;
    const seen = new Set<string>();
    for (const { file, named } of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readOne(file, named);
      if (source) yield source;
    }
  }
  function readOne(file: string, named: boolean): Source | undefined {
    const shown = displayPath(options.cwd, file);
    try {
      // A pattern's matches follow the same rule as a walked folder, with the working directory as the tree.
      if (!named && !options.followSymlinks && lstatSync(file).isSymbolicLink() && !isInside(realpathSync(file), cwdReal)) {
        result.notices.push(`skipped ${shown}: a symbolic link out of the working directory (use --follow-symlinks to read it)`);
        return undefined;
      }
      const stats = statSync(file);
      if (!stats.isFile() && !named) {
        result.notices.push(`skipped ${shown}: ${describeSpecial(stats)}`);
        return undefined;
      }
      if (stats.isFile() && stats.size > limit) return tooLarge(shown, limit, stats.size);
      const { bytes, truncated } = readCapped(file, limit);
      return truncated ? tooLarge(shown, limit) : decodeSource(shown, bytes);
    } catch (error) {
      result.errors.push(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return undefined;
    }
  }
  return { sources: read(), errors: result.errors, notices: result.notices, onlyNamedFiles };
}

/** Every source read at once, for callers that want them all in hand (tests, the benchmark). */
export async function loadSources(inputs: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const opened = await openSources(inputs, options);
  const sources = [...opened.sources];
  return { sources, errors: opened.errors, notices: opened.notices };
}
