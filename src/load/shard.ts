import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Shard `index` (1-based) of `count`, as `--shard 2/4` gives it. */
export interface Shard {
  index: number;
  count: number;
}

/** A file to be linted and the folder it was found under (the input argument, or a pattern's fixed prefix). */
export interface ShardInput {
  file: string;
  root: string;
  /** What it costs to check, in bytes of manifest; the file's size when absent. */
  weight?: number;
}

/** Files whose presence makes a folder one application that is rendered and checked as a whole. */
const UNIT_MARKERS = ['Chart.yaml', 'kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The unit a file belongs to: the nearest enclosing chart or overlay at or below its root, else the
 * top-level folder below the root, else (a file directly in the root) the root itself.
 * Cross-resource rules need whole applications, so a unit is never split across shards.
 */
function unitOf(input: ShardInput, isMarked: (dir: string) => boolean): string {
  const relative = path.relative(input.root, input.file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return input.file;
  const segments = relative.split(path.sep);
  let marked: string | undefined;
  for (let depth = segments.length - 1; depth >= 1 && marked === undefined; depth--) {
    const dir = path.join(input.root, ...segments.slice(0, depth));
    if (isMarked(dir)) marked = dir;
  }
  if (marked !== undefined) return marked;
  if (isMarked(input.root)) return input.root;
  // Files lying directly in the folder given are one application with each other.
  return segments.length > 1 ? path.join(input.root, segments[0]!) : input.root;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    // Unreadable files are reported when read; they weigh like an empty file here.
    return 0;
  }
}

export interface ShardPlan<T extends ShardInput> {
  /** The inputs of this shard, in their original order. */
  kept: T[];
  units: number;
  totalUnits: number;
}

/**
 * Splits inputs into `count` shards by unit, balanced by bytes: the largest unit first onto the
 * lightest shard. Only the file list decides the split, never timing or the machine, so every job
 * of a CI matrix computes the same plan and together they cover each unit exactly once.
 */
export function planShard<T extends ShardInput>(inputs: readonly T[], shard: Shard): ShardPlan<T> {
  const markedCache = new Map<string, boolean>();
  const isMarked = (dir: string): boolean => {
    let marked = markedCache.get(dir);
    if (marked === undefined) {
      marked = UNIT_MARKERS.some((name) => existsSync(path.join(dir, name)));
      markedCache.set(dir, marked);
    }
    return marked;
  };
  const weights = new Map<string, number>();
  const unitByFile = new Map<T, string>();
  for (const input of inputs) {
    const unit = unitOf(input, isMarked);
    unitByFile.set(input, unit);
    weights.set(unit, (weights.get(unit) ?? 0) + (input.weight ?? sizeOf(input.file)));
  }
  const units = [...weights.entries()].sort(([a, weightA], [b, weightB]) => weightB - weightA || (a < b ? -1 : a > b ? 1 : 0));
  const loads = new Array<number>(shard.count).fill(0);
  const mine = new Set<string>();
  for (const [unit, weight] of units) {
    let lightest = 0;
    for (let candidate = 1; candidate < loads.length; candidate++) if (loads[candidate]! < loads[lightest]!) lightest = candidate;
    loads[lightest]! += weight;
    if (lightest === shard.index - 1) mine.add(unit);
  }
  return { kept: inputs.filter((input) => mine.has(unitByFile.get(input)!)), units: mine.size, totalUnits: units.length };
}

/** The folder a glob pattern's matches lie under: its path up to the first segment with a wildcard. */
export function patternRoot(pattern: string, cwd: string): string {
  const segments = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}]/.test(segment)) break;
    fixed.push(segment);
  }
  return path.resolve(cwd, fixed.join('/') || '.');
}
