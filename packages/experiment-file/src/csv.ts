const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a CSV matrix of currents: one row per line, values separated by commas, no header. Blank
 * lines and lines starting with `#` are skipped. Every cell must be a finite decimal number.
 *
 * @example
 * parseCsv('1,2\n3,4\n'); // { rows: [[1, 2], [3, 4]], lines: [1, 2] }
 */
export function parseCsv(text: string): { rows: number[][]; lines: number[] } | { error: string; line: number; value: number } {
  const rows: number[][] = [];
  const lines: number[] = [];
  const all = text.split(/\r?\n/);
  for (let l = 0; l < all.length; l++) {
    const line = all[l]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const cells = line.split(',');
    const row = new Array<number>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!.trim();
      const value = Number(cell);
      if (!NUMBER.test(cell) || !Number.isFinite(value)) {
        return { error: `expected a number, found ${cell === '' ? 'an empty cell' : JSON.stringify(cell.length > 40 ? `${cell.slice(0, 39)}…` : cell)}`, line: l + 1, value: c + 1 };
      }
      row[c] = value;
    }
    rows.push(row);
    lines.push(l + 1);
  }
  if (rows.length === 0) return { error: 'expected at least one row of numbers, found none', line: 1, value: 1 };
  return { rows, lines };
}
