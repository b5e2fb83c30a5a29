/** Plain-text tables with aligned columns, as fdisk prints them. */
export function formatTable(header: string[], rows: string[][]): string {
  // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the call stack.
  const widths = header.map((h) => h.length);
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
