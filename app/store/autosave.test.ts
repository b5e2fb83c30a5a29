import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validate } from '../../src/families';
import { applyFix, findPreset, PRESETS, type LayoutDocument, type Partition } from '../../src/index';
import { ASIDE_KEY, AUTOSAVE_KEY, HISTORY_BUDGET, HISTORY_KEY, SAVE_DELAY_MS, asideEntries, keepAside, restoreAutosave, startAutosave, writeSnapshot } from './autosave';
import { createLayoutStore } from './layout-store';

/** localStorage in memory, with an optional quota in characters. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : v.length), 0);
    if (used + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const bytes = fc.oneof(fc.nat(), fc.constantFrom(0, 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -1, 0x20000000000000), fc.double());
const edit = fc.record({
  index: fc.nat(),
  field: fc.constantFrom<keyof Partition>('offset', 'size', 'name', 'align'),
  value: fc.oneof(bytes, fc.string({ maxLength: 300 }), fc.constant('auto'), fc.constant('rest')),
});

describe('autosave', () => {
  it('restores exactly the document of every edit or fix the store accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS.map((p) => p.id)), fc.array(fc.oneof(edit, fc.constant('fix' as const)), { maxLength: 12 }), (presetId, steps) => {
        const store = createLayoutStore(findPreset(presetId)!.build());
        const storage = new MemoryStorage();
        for (const step of steps) {
          const present = store.getState().history.present;
          if (step === 'fix') {
            const fix = validate(present).problems.find((p) => p.fixes[0])?.fixes[0];
            if (fix) store.getState().applyFix(fix);
          } else if (present.partitions.length > 0) {
            const target = present.partitions[step.index % present.partitions.length];
            const changed = { ...present, partitions: present.partitions.map((p) => (p === target ? ({ ...p, [step.field]: step.value } as Partition) : p)) };
            store.getState().edit(changed);
          }
          writeSnapshot(store.getState(), storage);
          const restored = restoreAutosave(storage);
          expect(restored.unreadable).toBeUndefined();
          expect(restored.document).toEqual(store.getState().history.present);
          expect(restored.history?.past).toHaveLength(store.getState().history.past.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a table offset whose boot area would pass 2^53 − 1, and keeps the layout', () => {
    const store = createLayoutStore(findPreset('esp32-ota')!.build());
    const before = store.getState().history.present;
    const esp32 = { ...before.device.esp32!, tableOffset: 2 ** 53 - 0x100 };
    expect(store.getState().edit({ ...before, device: { ...before.device, esp32 } })).toBe(false);
    expect(store.getState().history.present).toBe(before);
  });

  it('never offers a fix that leaves the valid range', () => {
    const base = findPreset('sstar-nor')!.build();
    const document: LayoutDocument = { ...base, partitions: base.partitions.map((p) => (p.name === 'rootfs' ? { ...p, offset: 2 ** 53 - 3 } : p)) };
    const problems = validate(document).problems;
    // Rounding 2^53 − 3 up to the erase block would pass 2^53 − 1: that fix is not offered.
    const misaligned = problems.find((p) => p.code === 'misaligned-offset');
    expect(misaligned?.partitionIds).toEqual(['rootfs']);
    expect(misaligned?.fixes).toEqual([]);
    for (const problem of problems) {
      if (problem.fixes[0]) expect(restoreAfter(applyFix(document, problem.fixes[0]))).toBe(true);
    }
  });

  it('keeps an unreadable stored value aside once, and restores nothing from it', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{"format": "flashmap", "version": 1, broken');
    const restored = restoreAutosave(storage);
    expect(restored.document).toBeNull();
    expect(restored.unreadable).toBe('{"format": "flashmap", "version": 1, broken');
    expect(keepAside(restored.unreadable!, storage)).toBe(true);
    expect(keepAside(restored.unreadable!, storage)).toBe(true);
    expect(asideEntries(storage).map((e) => e.text)).toEqual([restored.unreadable]);
    expect(JSON.parse(storage.getItem(ASIDE_KEY)!)).toHaveLength(1);
  });

  it('says when there is no room to keep an unreadable value aside', () => {
    const storage = new MemoryStorage(100);
    expect(keepAside('x'.repeat(200), storage)).toBe(false);
  });

  it('trims the stored undo history to its budget, newest steps first', () => {
    const big = findPreset('sstar-nand')!.build();
    const store = createLayoutStore(big);
    for (let i = 0; i < 400; i++) store.getState().edit({ ...store.getState().history.present, name: `step ${i} ${'x'.repeat(5000)}` });
    const storage = new MemoryStorage();
    writeSnapshot(store.getState(), storage);
    expect(storage.getItem(HISTORY_KEY)!.length).toBeLessThanOrEqual(HISTORY_BUDGET + 100);
    const { history } = restoreAutosave(storage);
    expect(history!.past.length).toBeGreaterThan(10);
    expect(history!.past.at(-1)!.name).toMatch(/^step 398 /);
  });

  it('saves a typed draft with the recorded present as its newest step, and the present again once the draft is dropped', () => {
    const store = createLayoutStore(findPreset('esp32-ota')!.build());
    const recorded = store.getState().history.present;
    store.getState().edit({ ...recorded, name: 'first edit' });
    const storage = new MemoryStorage();
    const restoredAfterWrite = () => {
      writeSnapshot(store.getState(), storage);
      return restoreAutosave(storage);
    };
    expect(restoredAfterWrite().history!.past.map((d) => d.name)).toEqual([recorded.name]);
    store.getState().preview({ ...store.getState().history.present, name: 'being typed' });
    const withDraft = restoredAfterWrite();
    expect(withDraft.document!.name).toBe('being typed');
    expect(withDraft.history!.past.map((d) => d.name)).toEqual([recorded.name, 'first edit']);
    store.getState().cancelPreview();
    const dropped = restoredAfterWrite();
    expect(dropped.document!.name).toBe('first edit');
    expect(dropped.history!.past.map((d) => d.name)).toEqual([recorded.name]);
  });

  it('throws what storage throws when it is full (the page tells the user)', () => {
    const store = createLayoutStore(findPreset('sstar-nand')!.build());
    expect(() => writeSnapshot(store.getState(), new MemoryStorage(10))).toThrow(DOMException);
  });
});

describe('autosave while editing', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function started() {
    vi.useFakeTimers();
    const listeners = { addEventListener() {}, removeEventListener() {} };
    vi.stubGlobal('window', listeners);
    vi.stubGlobal('document', { ...listeners, visibilityState: 'visible' });
    const store = createLayoutStore(findPreset('esp32-ota')!.build());
    const storage = new MemoryStorage();
    const autosave = startAutosave(store, { storage });
    const savedName = () => {
      vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
      return restoreAutosave(storage).document!.name;
    };
    return { store, autosave, savedName };
  }

  it('saves a field being typed within the save delay', () => {
    const { store, autosave, savedName } = started();
    store.getState().preview({ ...store.getState().history.present, name: 'typed, not yet left' });
    expect(savedName()).toBe('typed, not yet left');
    autosave.stop();
  });

  it("does not save a pointer drag's preview, and saves its drop", () => {
    const { store, autosave, savedName } = started();
    const before = store.getState().history.present;
    const dragged = { ...before, name: 'where the drag is' };
    store.getState().preview(dragged, true);
    expect(savedName()).toBe(before.name);
    store.getState().edit(dragged);
    expect(savedName()).toBe('where the drag is');
    autosave.stop();
  });
});

function restoreAfter(document: LayoutDocument): boolean {
  const store = createLayoutStore(document);
  const storage = new MemoryStorage();
  writeSnapshot(store.getState(), storage);
  return restoreAutosave(storage).document !== null;
}
