import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { InputDescription, Source } from '../core/types.js';
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
  /**
   * Find Helm charts and Kustomize overlays and return them to be rendered, instead of reading
   * their files as manifests. Off, every file is read as it is (what a library caller that renders
   * nothing, or lints rendered output, wants).
   */
  renderables?: boolean;
  /** What kustomizations say, for deciding what an overlay covers; the render layer reads them, the loader only asks. */
  kustomizations?: KustomizationReader;
}

export interface KustomizationReader {
  /**
   * Of these overlay folders, those another one lists as a resource or component: bases, rendered
   * through the overlays that list them and not on their own, unless named on the command line.
   */
  listed(dirs: readonly string[]): ReadonlySet<string>;
  /**
   * The files a kustomization names (resources, patches, generator inputs, configurations),
   * absolute. A manifest in an overlay's folder that its kustomization does not name is not part
   * of what it renders, so it is read as a file of its own.
   */
  named(dir: string): ReadonlySet<string>;
}

/** A Helm chart or Kustomize overlay: rendered as a whole, its files never read on their own. */
export interface Renderable {
  renderer: 'helm' | 'kustomize';
  /** Absolute. */
  dir: string;
  /** As the user would type it from the working directory. */
  path: string;
  /** The directory itself was given on the command line (not found by walking, nor through a file in it). */
  named: boolean;
}

export interface LoadResult {
  sources: Source[];
  /** Charts and overlays to render, when asked for (`renderables`); in the order found. */
  renderables: Renderable[];
  /** Each input as given, and how it is read: a file, a folder, a pattern or standard input. */
  inputs: InputDescription[];
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
  /** Files among `found` reached through a symbolic link: only they need looking at again before they are read. */
  links: Set<string>;
  result: LoadResult;
  /** Real paths of the folders entered, so a link back up cannot loop. */
  entered: Set<string>;
  /** Charts and overlays found, when the run renders them. */
  units: Renderables | undefined;
}

/** The files whose presence makes a folder a chart or an overlay, as helm and kustomize look for them. */
const CHART_FILE = 'Chart.yaml';
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * What a folder is to kubegate. A library chart and a Kustomize Component cannot be rendered on
 * their own (helm and kustomize refuse them): they are checked through the charts and overlays
 * that use them, so their files are not read either.
 */
type FolderKind = 'helm' | 'kustomize' | 'library' | 'component';

/** About what linting a 64 KiB manifest file costs, for balancing shards: a render is a process whatever the chart's size. */
const RENDER_SHARD_WEIGHT = 64 * 1024;

/** Marker files are a few hundred bytes; a larger one is read no further than this for its `type:` or `kind:`. */
const MARKER_READ_LIMIT = 256 * 1024;

function readMarker(file: string): string {
  try {
    const { bytes } = readCapped(file, MARKER_READ_LIMIT);
    return Buffer.from(bytes).toString('utf8');
  } catch {
    // Unreadable here, unreadable to helm or kustomize too: rendering reports it.
    return '';
  }
}

/** `names` are the folder's entries when the caller has listed it already, saving a stat per marker. */
function folderKind(dir: string, names?: ReadonlySet<string>): FolderKind | undefined {
  const has = (name: string) => (names ? names.has(name) : statOrUndefined(path.join(dir, name))?.isFile() === true);
  if (has(CHART_FILE)) return /^type:\s*["']?library["']?\s*(#.*)?$/m.test(readMarker(path.join(dir, CHART_FILE))) ? 'library' : 'helm';
  const kustomization = KUSTOMIZATION_FILES.find(has);
  if (kustomization === undefined) return undefined;
  return /^kind:\s*["']?Component["']?\s*(#.*)?$/m.test(readMarker(path.join(dir, kustomization))) ? 'component' : 'kustomize';
}

/** The charts and overlays a run renders, each once, with the folder kinds seen on the way. */
class Renderables {
  readonly found: Renderable[] = [];
  private readonly byDir = new Map<string, Renderable>();
  private readonly kinds = new Map<string, FolderKind | undefined>();
  private readonly namedFiles = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly cwd: string,
    private readonly kustomizations: KustomizationReader | undefined,
  ) {}

  /** Whether a file in an overlay's (or a Component's) folder is the overlay's: its kustomization itself, or a file it names. */
  partOf(overlayDir: string, file: string): boolean {
    if (path.dirname(file) === overlayDir && KUSTOMIZATION_FILES.includes(path.basename(file))) return true;
    if (!this.kustomizations) return true;
    let named = this.namedFiles.get(overlayDir);
    if (!named) {
      named = this.kustomizations.named(overlayDir);
      this.namedFiles.set(overlayDir, named);
    }
    return named.has(file);
  }

  kindOf(dir: string, names?: ReadonlySet<string>): FolderKind | undefined {
    if (!this.kinds.has(dir)) this.kinds.set(dir, folderKind(dir, names));
    return this.kinds.get(dir);
  }

  add(renderer: Renderable['renderer'], dir: string, named: boolean): void {
    const known = this.byDir.get(dir);
    if (known) {
      known.named ||= named;
      return;
    }
    const unit: Renderable = { renderer, dir, path: displayPath(this.cwd, dir), named };
    this.byDir.set(dir, unit);
    this.found.push(unit);
  }

  /**
   * The chart or overlay a file or folder lies in, if any: the nearest folder above it (itself
   * included) that is one. A chart inside another chart's `charts/` is part of that chart, which
   * renders it with its own values.
   */
  enclosing(start: string): { kind: FolderKind; dir: string } | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const kind = this.kindOf(dir);
      if (kind !== undefined) {
        let chart = dir;
        while ((kind === 'helm' || kind === 'library') && path.basename(path.dirname(chart)) === 'charts') {
          const parent = path.dirname(path.dirname(chart));
          const parentKind = this.kindOf(parent);
          if (parentKind !== 'helm' && parentKind !== 'library') break;
          chart = parent;
        }
        return { kind: chart === dir ? kind : this.kindOf(chart)!, dir: chart };
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * Files under a folder with a manifest extension, depth first in name order so runs are
 * repeatable. Only regular files are taken: a pipe or device found by walking would hang or
 * never end. A symbolic link is followed only while it stays inside the folder being walked,
 * unless the user asked otherwise: a link added in a pull request must not read the CI user's files.
 */
function walk(directory: string, state: Walk, named = false, overlay?: string, knownReal?: string): void {
  const { result, options } = state;
  let real: string;
  let entries;
  try {
    // A folder entered through no link is its parent's real path and its name: one system call
    // per folder fewer than asking.
    real = knownReal ?? realpathSync.native(directory);
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    result.errors.push(`cannot read directory ${displayPath(options.cwd, directory)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  if (state.entered.has(real)) return;
  state.entered.add(real);
  if (state.units) {
    const kind = state.units.kindOf(directory, new Set(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)));
    // A chart's folders are its own (templates, subcharts, CRDs, files it reads): nothing below is
    // read or rendered on its own. Below an overlay, the files its kustomization names are its
    // resources and patches, while a folder may hold an overlay of its own (app/overlays/prod
    // beside the app's base); a chart there is one the overlay inflates.
    if (kind === 'helm' && overlay === undefined) state.units.add('helm', directory, named);
    if (kind === 'helm' || kind === 'library') return;
    if (kind === 'kustomize') state.units.add('kustomize', directory, named);
    if (kind !== undefined) overlay = directory;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    const shown = displayPath(options.cwd, full);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, state, false, overlay, path.join(real, entry.name));
      continue;
    }
    if (overlay !== undefined && state.units?.partOf(overlay, full)) continue;
    if (entry.isSymbolicLink()) {
      const target = statOrUndefined(full);
      let targetPath: string | undefined;
      try {
        targetPath = realpathSync.native(full);
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
        if (options.followSymlinks && !SKIPPED_DIRECTORIES.has(entry.name)) walk(full, state, false, overlay);
        continue;
      }
      if (!isManifestName(entry.name)) continue;
      if (target.isFile()) {
        state.found.push(full);
        state.links.add(full);
      } else result.notices.push(`skipped ${shown}: ${describeSpecial(target)}`);
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
function readCapped(file: string, limit: number): { bytes: Uint8Array; truncated: boolean; size?: number } {
  const fd = openSync(file, 'r');
  try {
    // A regular file is read into one buffer of its size (one more byte shows whether it grew
    // meanwhile); a device or pipe reports size 0 and is read in chunks until the limit.
    const expected = fstatSync(fd).size;
    if (expected > limit) return { bytes: new Uint8Array(), truncated: true, size: expected };
    let buffer = Buffer.allocUnsafe(Math.min(expected > 0 ? expected + 1 : 64 * 1024, limit + 1));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > limit) return { bytes: new Uint8Array(), truncated: true };
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const read = readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    if (total > limit) return { bytes: new Uint8Array(), truncated: true };
    return { bytes: buffer.subarray(0, total), truncated: false };
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
  /** Charts and overlays to render, when the options ask for them. */
  renderables: Renderable[];
  inputs: InputDescription[];
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
  const result: LoadResult = { sources: [], renderables: [], inputs: [], errors: [], notices: [] };
  /** Files found by walking or globbing are read only if regular; files named explicitly are read whatever they are. */
  /** `regular`: the walk saw a regular file there, not a link, so it is read without being looked at again. */
  const files: { file: string; named: boolean; root: string; regular?: boolean }[] = [];
  const units = options.renderables ? new Renderables(options.cwd, options.kustomizations) : undefined;
  /** The folder each chart or overlay was found under, for the shard plan. */
  const unitRoots = new Map<string, string>();
  const noteUnits = (from: number, root: string) => {
    for (const unit of units!.found.slice(from)) if (!unitRoots.has(unit.dir)) unitRoots.set(unit.dir, root);
  };
  /**
   * A file inside a chart or overlay is not a manifest of its own: its chart or overlay is rendered
   * instead (once, however many of its files are given, as pre-commit passes changed files).
   * Returns whether the file was taken that way.
   */
  const takenByUnit = (file: string, root: string, named: boolean): boolean => {
    const around = units?.enclosing(path.dirname(file));
    if (!around) return false;
    // A file beside an overlay that its kustomization does not name is a manifest of its own.
    if ((around.kind === 'kustomize' || around.kind === 'component') && !units!.partOf(around.dir, file)) return false;
    if (around.kind === 'helm' || around.kind === 'kustomize') {
      const before = units!.found.length;
      units!.add(around.kind, around.dir, false);
      noteUnits(before, root);
    } else if (named) {
      const what = around.kind === 'library' ? ['library chart', 'charts that depend on it'] : ['Kustomize Component', 'overlays that use it'];
      result.notices.push(`skipped ${displayPath(options.cwd, file)}: part of the ${what[0]} ${displayPath(options.cwd, around.dir)}, checked through the ${what[1]}`);
    }
    return true;
  };
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
      result.inputs.push({ path: name, how: 'stdin' });
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
        result.inputs.push({ path: input, how: 'pattern' });
        const matches = await expandGlob(input, options.cwd);
        if (matches.length === 0) result.errors.push(`no files match the pattern ${input}`);
        const root = patternRoot(input, options.cwd);
        for (const match of matches) if (!takenByUnit(match, root, false)) files.push({ file: match, named: false, root });
      } else {
        result.errors.push(`path not found: ${input}`);
      }
      continue;
    }
    if (stats.isDirectory()) {
      onlyNamedFiles = false;
      result.inputs.push({ path: input, how: 'folder' });
      const state: Walk = { root: realpathSync.native(absolute), options, found: [], links: new Set(), result, entered: new Set(), units };
      const before = units?.found.length ?? 0;
      const around = units?.enclosing(absolute);
      if (!around || around.dir === absolute) {
        walk(absolute, state, true);
      } else if (around.kind === 'helm' || around.kind === 'library') {
        // A folder of a chart (its templates, say) is the chart.
        if (around.kind === 'helm') units!.add('helm', around.dir, false);
      } else {
        // A folder inside an overlay may hold overlays of its own (app/overlays below the app's
        // base); when it holds none, it is part of the overlay around it.
        walk(absolute, state, false, around.dir);
        if (units!.found.length === before && around.kind === 'kustomize') units!.add('kustomize', around.dir, false);
      }
      if (units) noteUnits(before, absolute);
      if (state.found.length === 0 && (units?.found.length ?? 0) === before) result.notices.push(`no manifests (${MANIFEST_EXTENSIONS.join(', ')}) found in ${input}`);
      for (const file of state.found) files.push({ file, named: false, root: absolute, regular: !state.links.has(file) });
    } else {
      result.inputs.push({ path: input, how: 'file' });
      // A file named on its own belongs with its chart, overlay or top-level folder, found from the working directory.
      const root = isInside(absolute, options.cwd) ? path.resolve(options.cwd) : path.dirname(absolute);
      if (!takenByUnit(absolute, root, true)) files.push({ file: absolute, named: true, root });
    }
  }
  let renderables = units?.found ?? [];
  if (options.kustomizations && renderables.length > 1) {
    // A base is deployed through its overlays: rendered on its own too, it would repeat their
    // findings, and report what only an overlay completes (a generated ConfigMap, a namespace).
    const listed = options.kustomizations.listed(renderables.filter((unit) => unit.renderer === 'kustomize').map((unit) => unit.dir));
    renderables = renderables.filter((unit) => unit.named || unit.renderer !== 'kustomize' || !listed.has(unit.dir));
  }
  if (options.shard) {
    const planned = [
      ...files.map((entry) => ({ ...entry, unit: undefined })),
      ...renderables.map((unit) => ({ file: path.join(unit.dir, unit.renderer === 'helm' ? CHART_FILE : KUSTOMIZATION_FILES[0]!), named: false, root: unitRoots.get(unit.dir) ?? unit.dir, weight: RENDER_SHARD_WEIGHT, unit })),
    ];
    const plan = planShard(planned, options.shard);
    files.splice(0, files.length, ...plan.kept.filter((entry) => entry.unit === undefined));
    const kept = new Set(plan.kept.map((entry) => entry.unit));
    renderables = renderables.filter((unit) => kept.has(unit));
    // Standard input is one unit, and the first shard's.
    if (options.shard.index !== 1) stdin = undefined;
    result.notices.push(`shard ${options.shard.index}/${options.shard.count}: ${plan.units} of ${plan.totalUnits} unit${plan.totalUnits === 1 ? '' : 's'} (charts, overlays or top-level folders)`);
  }
  result.renderables = renderables;
  const cwdReal = realpathSync.native(options.cwd);
  function* read(): Generator<Source> {
    if (stdin) yield stdin;
    const seen = new Set<string>();
    for (const { file, named, regular } of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const source = regular ? readRegular(file) : readOne(file, named);
      if (source) yield source;
    }
  }
  /** Two system calls fewer per file than readOne: a corpus of a thousand files notices. */
  function readRegular(file: string): Source | undefined {
    const shown = displayPath(options.cwd, file);
    try {
      const { bytes, truncated, size } = readCapped(file, limit);
      return truncated ? tooLarge(shown, limit, size) : decodeSource(shown, bytes);
    } catch (error) {
      result.errors.push(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return undefined;
    }
  }
  function readOne(file: string, named: boolean): Source | undefined {
    const shown = displayPath(options.cwd, file);
    try {
      // A pattern's matches follow the same rule as a walked folder, with the working directory as the tree.
      if (!named && !options.followSymlinks && lstatSync(file).isSymbolicLink() && !isInside(realpathSync.native(file), cwdReal)) {
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
  return { sources: read(), renderables: result.renderables, inputs: result.inputs, errors: result.errors, notices: result.notices, onlyNamedFiles };
}

/** Every source read at once, for callers that want them all in hand (tests, the benchmark). */
export async function loadSources(inputs: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const opened = await openSources(inputs, options);
  const sources = [...opened.sources];
  return { sources, renderables: opened.renderables, inputs: opened.inputs, errors: opened.errors, notices: opened.notices };
}
