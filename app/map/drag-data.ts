/** What is being dragged, and what it is dropped on; carried in dnd-kit's `data`. */
import type { DragMode } from '../../src/editor/drag';

export type DragData =
  | { type: 'partition'; partitionId: string; mode: DragMode }
  | { type: 'palette'; templateIndex: number }
  | { type: 'row'; partitionId: string };

export type DropData = { type: 'area'; areaId: string } | { type: 'row'; partitionId: string };
