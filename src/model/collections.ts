/** Small helpers for grouping in linear time (never `[...list, item]` in a loop: that is square). */

/** Appends `value` to the list kept under `key`. */
export function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
