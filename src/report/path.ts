import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ObjectPath } from '../engine/types.js';

/** Keys that read unambiguously after a dot; anything else (`app.kubernetes.io/name`, `x-y`, `$patch`) is quoted. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A path into an object as people write it in kubectl's JSONPath and in docs:
 * `spec.template.spec.containers[0].readinessProbe`, `metadata.annotations["app.kubernetes.io/name"]`.
 * The empty path (the object itself) is the empty string.
 */
export function formatPath(path: ObjectPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * `file` relative to `cwd` when it lies inside it, else undefined. Findings carry paths as they
 * were given (relative to the working directory, or absolute), so both forms are accepted.
 */
export function pathInside(file: string, cwd: string): string | undefined {
  const fromCwd = relative(cwd, resolve(cwd, file));
  if (fromCwd === '' || fromCwd === '..' || fromCwd.startsWith(`..${sep}`) || isAbsolute(fromCwd)) return undefined;
  return fromCwd;
}
