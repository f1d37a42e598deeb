/** Prints a markdown table, so bench output can be pasted into a report as is. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = headers.map((_, index) => (index === 0 ? '---' : '---:'));
  return [headers, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A rate with thousands separators, or a dash when the peer has no such operation. */
export function formatRate(rate: number | undefined): string {
  return rate === undefined ? '—' : Math.round(rate).toLocaleString('en-US');
}

/** A ratio like `0.93×`, or a dash when either side is missing. */
export function formatRatio(ours: number | undefined, theirs: number | undefined): string {
  return ours === undefined || theirs === undefined ? '—' : `${(ours / theirs).toFixed(2)}×`;
}
