import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  root: string;
  name: string;
  version: string;
  homepage: string;
}

let info: PackageInfo | undefined;

/**
 * kubegate's own package.json, found by walking up from this module: it sits at a different
 * depth in the source tree, in dist/ and in the bundled CLI.
 */
export function packageInfo(): PackageInfo {
  if (info) return info;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Omit<PackageInfo, 'root'>;
      if (parsed.name === 'kubegate') return (info = { root: dir, name: parsed.name, version: parsed.version, homepage: parsed.homepage });
    } catch {
      // No package.json here, or not ours: keep going up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kubegate could not find its own package.json; reinstall it');
    dir = parent;
  }
}
