/** Partition ids: short, lower-case, unique within a document. */

/** Lower-case id from a name: "IPL_CUST" → "ipl-cust". */
export function idFromName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'p';
}

/**
 * Hands out ids from names, unique among those handed out (and `taken`): "nvs", "nvs-2", "nvs-3".
 * Each name's next suffix is remembered, so 100,000 rows of one name cost linear time, not square.
 */
export function idAllocator(taken: Iterable<string> = []): (name: string) => string {
  const used = new Set(taken);
  const nextSuffix = new Map<string, number>();
  return (name) => {
    const base = idFromName(name);
    let id = base;
    let n = nextSuffix.get(base) ?? 2;
    while (used.has(id)) id = `${base}-${n++}`;
    nextSuffix.set(base, n);
    used.add(id);
    return id;
  };
}
