/** What the inspector shows: the image being inspected, its regions once read, the selected region, progress. */
import { create } from 'zustand';
import type { Inspection, Region } from '../../src/inspect';

interface InspectorState {
  file: File | null;
  inspection: Inspection | null;
  selected: Region | null;
  progress: { done: number; total: number } | null;
  /** Stops the scan in progress. */
  cancel?: () => void;
}

export const useInspector = create<InspectorState>()(() => ({ file: null, inspection: null, selected: null, progress: null }));

export function closeInspector(): void {
  useInspector.getState().cancel?.();
  useInspector.setState({ file: null, inspection: null, selected: null, progress: null, cancel: undefined });
}
