type GlobLibrary = typeof import('glob');

/** Most runs (pre-commit, a folder in CI) never use a pattern, so glob loads on first use. */
export async function globLibrary(): Promise<GlobLibrary> {
  return import('glob');
}
