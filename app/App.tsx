import { useEffect } from 'react';
import { ComparePanel } from './compare/ComparePanel';
import { DeviceSummary } from './components/DeviceSummary';
import { PartitionTable } from './components/PartitionTable';
import { ProblemList } from './components/ProblemList';
import { Toolbar } from './components/Toolbar';
import { Announcer } from './map/announce';
import { EditorDnd } from './map/EditorDnd';
import { FlashMap } from './map/FlashMap';
import { DeviceSettings } from './panels/DeviceSettings';
import { ExportPanel } from './export/ExportPanel';
import { FileDrop } from './files/FileDrop';
import { InspectorView } from './inspect/InspectorView';
import { PartitionForm } from './panels/PartitionForm';
import { useLayoutStore } from './store/context';

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere except while typing in a field. */
function useUndoShortcuts() {
  const undo = useLayoutStore((s) => s.undo);
  const redo = useLayoutStore((s) => s.redo);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}

export function App() {
  useUndoShortcuts();
  return (
    <div className="app">
      <Toolbar />
      <EditorDnd>
      <div className="workspace">
        <main>
          <DeviceSummary />
          <FlashMap />
          <ComparePanel />
          <ProblemList />
          <PartitionTable />
        </main>
        <aside className="sidebar" aria-label="Inspector">
          <PartitionForm />
          <DeviceSettings />
          <ExportPanel />
        </aside>
      </div>
      </EditorDnd>
      <Announcer />
      <FileDrop />
      <InspectorView />
    </div>
  );
}
