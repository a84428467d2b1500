/**
 * A CSV file built in the browser from rows already on hand (a list's export when the server has no
 * export of its own): UTF-8 with a byte-order mark so that Excel reads the Chinese, cells quoted, and
 * cells that a spreadsheet would take for a formula defused with a leading apostrophe.
 */

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n');
}

export function downloadCsv(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const blob = new Blob(['\uFEFF', toCsv(header, rows), '\r\n'], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
