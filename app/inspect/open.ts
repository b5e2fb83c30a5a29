/**
 * Opening an image in the inspector: the File goes to the worker as is (it reads slices, never
 * the whole file), progress comes back while it scans. The layout is untouched until "Edit as layout".
 */
import { EngineCancelled } from '../../src/worker/client';
import { failureText } from '../../src/formats/files';
import { engine } from '../engine';
import { report } from '../status/status';
import type { LayoutStore } from '../store/layout-store';
import { closeInspector, useInspector } from './inspector-store';

/** Files from this size on are images to inspect, not table files to import (the largest table file is a few KiB). */
export const INSPECT_FROM = 1024 * 1024;

/** Import failures that mean "not a table format": such a file is shown in the inspector instead. */
export const isUnrecognised = (message: string): boolean => /does not recognise|holds only blank space/.test(message);

export async function inspectImage(file: File): Promise<void> {
  const controller = new AbortController();
  useInspector.setState({ file, inspection: null, selected: null, progress: { done: 0, total: file.size }, cancel: () => controller.abort() });
  report(`Inspecting ${file.name}…`, 'busy', () => controller.abort());
  try {
    const inspection = await engine().call('inspect', { file }, { signal: controller.signal, onProgress: (done, total) => useInspector.setState({ progress: { done, total } }) });
    if (useInspector.getState().file !== file) return;
    useInspector.setState({ inspection, progress: null, selected: inspection.regions[0] ?? null, cancel: undefined });
    report(`Inspected ${file.name}: ${inspection.regions.length} region(s) at the top level`);
  } catch (error) {
    if (useInspector.getState().file === file) closeInspector();
    report(error instanceof EngineCancelled ? `Stopped inspecting ${file.name}` : `${file.name} could not be inspected: ${(error as Error).message}`, error instanceof EngineCancelled ? 'ok' : 'error');
  }
}

/** "Edit as layout": the inspected image as a layout through its family's importer, one undoable step. */
export async function editAsLayout(store: LayoutStore): Promise<void> {
  const { file, inspection } = useInspector.getState();
  if (!file || !inspection) return;
  const outcome = await engine().call('inspectLayout', { file, inspection, document: store.getState().history.present, fileName: file.name });
  if (!outcome.ok) {
    report(`${file.name} gives no layout: ${failureText(outcome)}`, 'error');
    return;
  }
  if (!store.getState().replace(outcome.document)) return;
  closeInspector();
  report(`Laid out ${file.name} as ${outcome.formatTitle} (${outcome.warnings.slice(0, 2).join('; ')}); Undo restores the previous layout`);
}
