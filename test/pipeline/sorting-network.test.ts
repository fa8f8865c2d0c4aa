import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { SIX_INPUT_NETWORK, sortingLayers } from '../../pipeline/sorting-network.ts';

/** The network behind the category's n-th step (sql/07_margins.sql): it sorts every input, in JS and as SQL. */
describe('six-input sorting network', () => {
  it('sorts every sequence of zeros and ones, so every sequence (the zero-one principle)', () => {
    for (let bits = 0; bits < 64; bits++) {
      const v = Array.from({ length: 6 }, (_, i) => (bits >> i) & 1);
      for (const layer of SIX_INPUT_NETWORK) {
        for (const [a, b] of layer) if (v[a - 1]! > v[b - 1]!) [v[a - 1], v[b - 1]] = [v[b - 1]!, v[a - 1]!];
      }
      expect(v).toEqual([...v].sort());
    }
    expect(SIX_INPUT_NETWORK.flat()).toHaveLength(12);
  });

  it("as DuckDB runs it: each prefix's six columns sorted, as list_sort sorts them, ties and all", async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const cols = (p: string) => [1, 2, 3, 4, 5, 6].map((i) => `${p}${i}`);
      await conn.run(`create table t as select range as id, ${[...cols('n'), ...cols('d')].map((c) => `(random() * 5)::bigint as ${c}`).join(', ')} from range(20000)`);
      const wrong = await conn.runAndReadAll(`
        with vstup as (select * from t
        ${sortingLayers('vstup', ['n', 'd'])})
        select count(*) filter (where [${cols('n')}] <> (select list_sort([${cols('n').map((c) => `t.${c}`)}]) from t where t.id = razeni.id)
                                  or [${cols('d')}] <> (select list_sort([${cols('d').map((c) => `t.${c}`)}]) from t where t.id = razeni.id)),
               count(*)
        from razeni`);
      expect(wrong.getRowsJS()[0]).toEqual([0n, 20000n]);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });
});
