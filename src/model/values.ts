/**
 * Whether two parsed values are equal, looking at no more than `budget` nodes. YAML aliases let a
 * few hundred bytes stand for millions of nodes, and values shared through an alias are the same
 * object, so identical references are equal without a look inside. Returns undefined when the
 * budget ran out before an answer: callers then make no claim either way.
 */
export function boundedEqual(a: unknown, b: unknown, budget = 10_000): boolean | undefined {
  let left = budget;
  const equal = (x: unknown, y: unknown): boolean | undefined => {
    if (Object.is(x, y)) return true;
    if (--left < 0) return undefined;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const xKeys = Object.keys(x);
    const yKeys = Object.keys(y);
    if (xKeys.length !== yKeys.length) return false;
    for (const key of xKeys) {
      if (!Object.hasOwn(y, key)) return false;
      const same = equal((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]);
      if (same !== true) return same;
    }
    return true;
  };
  return equal(a, b);
}
