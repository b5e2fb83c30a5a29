/**
 * The free areas of a GPT's usable range as a sorted list of gaps, answering the questions
 * libfdisk's gpt.c asks (find_first_available, find_last_free, find_first_in_largest) without
 * rescanning every partition for each new one.
 */

export interface Gap {
  first: number;
  last: number;
}

export class FreeSpace {
  private readonly gaps: Gap[];

  constructor(
    private readonly firstUsable: number,
    private readonly lastUsable: number,
  ) {
    this.gaps = firstUsable <= lastUsable ? [{ first: firstUsable, last: lastUsable }] : [];
  }

  isEmpty(): boolean {
    return this.gaps.length === 0;
  }

  /** Index of the first gap ending at or after `lba`. */
  private indexFrom(lba: number): number {
    let low = 0;
    let high = this.gaps.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (this.gaps[middle].last < lba) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first free sector at or after `lba` (never before the first usable), or undefined. */
  firstAvailable(lba: number): number | undefined {
    const from = Math.max(lba, this.firstUsable);
    const gap = this.gaps[this.indexFrom(from)];
    return gap ? Math.max(gap.first, from) : undefined;
  }

  /** The gap holding the free sector `lba`. */
  gapAt(lba: number): Gap | undefined {
    const gap = this.gaps[this.indexFrom(lba)];
    return gap && gap.first <= lba ? gap : undefined;
  }

  /** The first of the largest gaps (libfdisk keeps the first on ties). */
  largest(): Gap | undefined {
    let best: Gap | undefined;
    for (const gap of this.gaps) if (!best || gap.last - gap.first > best.last - best.first) best = gap;
    return best;
  }

  /** Whether `first..last` is free. */
  isFree(first: number, last: number): boolean {
    const gap = this.gapAt(first);
    return gap !== undefined && last <= gap.last;
  }

  /** Marks `first..last` (free, see isFree) as used. */
  take(first: number, last: number): void {
    const index = this.indexFrom(first);
    const gap = this.gaps[index];
    const pieces: Gap[] = [];
    if (gap.first < first) pieces.push({ first: gap.first, last: first - 1 });
    if (last < gap.last) pieces.push({ first: last + 1, last: gap.last });
    this.gaps.splice(index, 1, ...pieces);
  }

  get usableLast(): number {
    return this.lastUsable;
  }
}
