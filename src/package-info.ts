import { readFileSync } from 'node:fs';

export interface PackageInfo {
  name: string;
  version: string;
  homepage: string;
}

let info: PackageInfo | undefined;

/**
 * package.json sits two folders above this module in the source tree and three in dist/, so
 * look upwards rather than hard-code either layout.
 */
export function packageInfo(): PackageInfo {
  if (info) return info;
  for (const relative of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as PackageInfo;
      if (parsed.name === 'kubegate') return (info = parsed);
    } catch {
      // Not at this level; try the next one up.
    }
  }
  throw new Error('kubegate could not find its own package.json');
}
