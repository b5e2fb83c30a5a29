/**
 * How the export panel groups a family's outputs from the format registry, in the order they are
 * listed; the images (built, not converted) follow as their own group (app/build/ImageOutputs.tsx).
 */
import type { Format, FormatKind } from '../../src/formats/format';

export interface ExportGroup {
  kind: FormatKind;
  title: string;
  formats: Format[];
}

const GROUP_TITLES: Array<[FormatKind, string]> = [
  ['table', 'Tables'],
  ['binary', 'Binaries'],
  ['script', 'Scripts'],
  ['snippet', 'Build-system snippets'],
  ['picture', 'Pictures'],
];

/** The exports of `formats` by group; groups without an export are left out. */
export function exportGroups(formats: Format[]): ExportGroup[] {
  return GROUP_TITLES.map(([kind, title]) => ({ kind, title, formats: formats.filter((format) => format.export && format.kind === kind) })).filter((group) => group.formats.length > 0);
}

/** Whether the export is text a user can read and copy (binaries are shown as hex). */
export function isTextual(format: Format): boolean {
  return format.kind !== 'binary';
}
