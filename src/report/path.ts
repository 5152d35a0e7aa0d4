import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `file` relative to `cwd` when it lies inside it, else undefined. Findings carry paths as they
 * were given (relative to the working directory, or absolute), so both forms are accepted.
 */
export function pathInside(file: string, cwd: string): string | undefined {
  const fromCwd = relative(cwd, resolve(cwd, file));
  if (fromCwd === '' || fromCwd === '..' || fromCwd.startsWith(`..${sep}`) || isAbsolute(fromCwd)) return undefined;
  return fromCwd;
}
