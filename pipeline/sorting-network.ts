/**
 * A dimension's six steps sorted in SQL (sql/07_margins.sql, `{{razeni}}`) by a sorting network: 12 compare-exchanges
 * in 5 layers, the fewest for six inputs (Knuth, TAOCP 5.3.4). Each layer is one CTE that puts each of its pairs in
 * order with least and greatest; counting, for each step, the steps at or below it cost more (docs/PERFORMANCE.md).
 */
export const SIX_INPUT_NETWORK: readonly (readonly (readonly [number, number])[])[] = [
  [[1, 6], [2, 4], [3, 5]],
  [[2, 3], [4, 5]],
  [[1, 4], [3, 6]],
  [[1, 2], [3, 4], [5, 6]],
  [[2, 3], [4, 5]],
];

/**
 * The network's layers as CTEs following one that ends at `from` (each begins `), razeniN as (`), sorting the columns
 * `<prefix>1` … `<prefix>6` of every prefix side by side; the last layer is named `razeni`.
 */
export function sortingLayers(from: string, prefixes: readonly string[], network = SIX_INPUT_NETWORK): string {
  const name = (i: number) => (i === network.length - 1 ? 'razeni' : `razeni${i + 1}`);
  return network
    .map((layer, i) => {
      const pairs = prefixes.flatMap((p) => layer.map(([a, b]) => `least(${p}${a}, ${p}${b}) as ${p}${a}, greatest(${p}${a}, ${p}${b}) as ${p}${b}`));
      return `), ${name(i)} as ( -- ${layer.map(([a, b]) => `(${a},${b})`).join(' ')}\n  select * replace (${pairs.join(',\n    ')})\n  from ${i === 0 ? from : name(i - 1)}\n`;
    })
    .join('');
}
