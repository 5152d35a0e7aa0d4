import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Source } from '../core/types.js';
import { decodeSource } from './decode.js';
import { globLibrary } from './lazy-glob.js';

export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_MAGIC = /[*?[\]{}]/;

export const STDIN_PATH = '<stdin>';

export interface LoadOptions {
  cwd: string;
  /** Reads all of standard input; injected so tests need no real stdin. */
  readStdin: () => Promise<Uint8Array>;
}

export interface LoadResult {
  sources: Source[];
  /** Inputs that could not be used at all (a missing path, an unreadable file): the run exits 2. */
  errors: string[];
  /** Facts worth telling the user that are not failures (an empty folder, empty stdin). */
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

/** Files under `directory` with a manifest extension, depth first in name order so runs are repeatable. */
function walk(directory: string, found: string[], errors: string[], cwd: string): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push(`cannot read directory ${displayPath(cwd, directory)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found, errors, cwd);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isManifestName(entry.name)) {
      found.push(full);
    }
  }
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await globLibrary();
  const matches = await glob(pattern, { cwd, absolute: true, nodir: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  return matches.sort();
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Resolves the command line's inputs (files, folders, glob patterns, `-` for stdin) into sources.
 * Problems with one input are collected and the others still load.
 */
export async function loadSources(inputs: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { sources: [], errors: [], notices: [] };
  const files: string[] = [];
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      const bytes = await options.readStdin();
      if (bytes.length === 0) result.notices.push('standard input is empty: nothing to check');
      else result.sources.push(decodeSource(STDIN_PATH, bytes));
      continue;
    }
    const absolute = path.resolve(options.cwd, input);
    const stats = statOrUndefined(absolute);
    if (!stats) {
      if (GLOB_MAGIC.test(input)) {
        const matches = await expandGlob(input, options.cwd);
        if (matches.length === 0) result.errors.push(`no files match the pattern ${input}`);
        files.push(...matches);
      } else {
        result.errors.push(`path not found: ${input}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      const before = files.length;
      walk(absolute, files, result.errors, options.cwd);
      if (files.length === before) result.notices.push(`no manifests (${MANIFEST_EXTENSIONS.join(', ')}) found in ${input}`);
    } else {
      files.push(absolute);
    }
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    const shown = displayPath(options.cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      result.errors.push(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    result.sources.push(decodeSource(shown, bytes));
  }
  return result;
}
