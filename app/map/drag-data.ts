/** What is being dragged, and what it is dropped on; carried in dnd-kit's `data`. */
export type DragData =
  | { type: 'palette'; templateIndex: number }
  | { type: 'row'; partitionId: string };

export type DropData = { type: 'area'; areaId: string } | { type: 'row'; partitionId: string };
