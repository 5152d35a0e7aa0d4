/**
 * The model's lookups are maps of lists built in one pass over a run's resources, so that rules
 * relating resources stay linear; every one of them adds to a list that may not exist yet.
 */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
