/**
 * Variables a partition.config uses but leaves to the SDK's own makefiles (PROJ_ROOT, CHIP,
 * IMAGEDIR, KERNEL_BOOT_ENV...). Make would read them as empty; the layout keeps them as
 * `$(NAME)` in its values, so a config written back still points where the SDK says. They are
 * read with each one defined as a marker the evaluator passes through untouched, and written the
 * same way: the writer escapes `$`, never the markers, which become `$(NAME)` again.
 */
const OPEN = '\u0001';
const CLOSE = '\u0002';
// eslint-disable-next-line no-control-regex -- the markers are control characters exactly because no config holds them
const MARKER = /\u0001([A-Za-z0-9_.-]+)\u0002/g;
const REFERENCE = /\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** Defines that keep each named variable as a marker through evaluation. */
export function markerDefines(names: Iterable<string>): Record<string, string> {
  const defines: Record<string, string> = {};
  for (const name of names) defines[name] = `${OPEN}${name}${CLOSE}`;
  return defines;
}

/** A value read with markers, as the layout keeps it: `$(NAME)` for each SDK variable. */
export function fromMarkers(value: string): string {
  return value.replace(MARKER, (_, name: string) => `$(${name})`);
}

/** A layout value ready for the writer: `$(NAME)` as a marker. */
export function toMarkers(value: string): string {
  return value.replace(REFERENCE, (_, name: string) => `${OPEN}${name}${CLOSE}`);
}

/** The writer's text with the markers written as make references again. */
export function restoreReferences(text: string): string {
  return text.replace(MARKER, (_, name: string) => `$(${name})`);
}

/** The value as make would expand it with the SDK variables unset (what a script gets without the SDK). */
export function withoutSdkVariables(value: string): string {
  return value.replace(REFERENCE, '');
}
