import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/index';
import { besideMapDocument, createLayoutStore, shownDocument } from './layout-store';

const preset = findPreset('esp32-ota')!.build();
const moved = { ...preset, partitions: preset.partitions.map((p, i) => (i === 0 ? { ...p, name: 'moved' } : p)) };

describe('the document the views show', () => {
  it('while a pointer drags: the map shows the draft, the views beside it the recorded document', () => {
    const store = createLayoutStore(preset);
    store.getState().preview(moved, true);
    expect(shownDocument(store.getState())).toBe(moved);
    expect(besideMapDocument(store.getState())).toBe(store.getState().history.present);
  });

  it('while typing: every view shows the draft, so the table and the problems follow each key', () => {
    const store = createLayoutStore(preset);
    store.getState().preview(moved);
    expect(besideMapDocument(store.getState())).toBe(moved);
  });

  it('after the drop or a cancel, the drag is over for every view', () => {
    const store = createLayoutStore(preset);
    store.getState().preview(moved, true);
    expect(store.getState().edit(moved)).toBe(true);
    expect(store.getState().dragging).toBe(false);
    expect(besideMapDocument(store.getState()).partitions[0].name).toBe('moved');
    store.getState().preview(preset, true);
    store.getState().cancelPreview();
    expect(store.getState().dragging).toBe(false);
    expect(besideMapDocument(store.getState()).partitions[0].name).toBe('moved');
  });
});
