/** The user area's table entries of one validation, worked out once and shared by the eMMC rules. */
import type { RuleContext } from '../../../layout/family';
import type { PlacedPartition } from '../../../layout/placement';
import { tableArea } from '../disk';
import { tableEntries } from '../table';

export interface EntryView {
  label?: 'mbr' | 'gpt';
  entries: PlacedPartition[];
}

const views = new WeakMap<RuleContext['placement'], EntryView>();

export function entryView(context: RuleContext): EntryView {
  let view = views.get(context.placement);
  if (!view) {
    view = { label: tableArea(context.document)?.table, entries: tableEntries(context.document, context.placement) };
    views.set(context.placement, view);
  }
  return view;
}
