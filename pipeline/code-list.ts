import { rows, type Db } from './db.ts';
import type { CodeRow } from './ingest/model.ts';

/**
 * The code list compactly: its distinct obec rows (names shared by every year) and per obec-year only the
 * year and the index of its row; CodeRow objects are made on demand.
 */
export async function readCodeList(db: Db): Promise<() => CodeRow[]> {
  const cols = 'kod_obce, nazev_obce, kod_orp, nazev_orp, kod_okres, nazev_okres, kod_kraj, nazev_kraj';
  await db.conn.run(`create temp table ciselnik_varianty as
    select (row_number() over (order by ${cols}) - 1)::integer as id, * from (select distinct ${cols} from ciselnik)`);
  const variants = await rows<Omit<CodeRow, 'rok'>>(db, `select ${cols} from ciselnik_varianty order by id`);
  const result = await db.conn.run(`select c.rok, v.id from ciselnik c join ciselnik_varianty v using (${cols}) order by c.rok, c.kod_obce`);
  const rok: number[] = [];
  const id: number[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const r = chunk.getColumnVector(0);
    const v = chunk.getColumnVector(1);
    for (let j = 0; j < chunk.rowCount; j++) {
      rok.push(Number(r.getItem(j)));
      id.push(Number(v.getItem(j)));
    }
  }
  await db.conn.run('drop table ciselnik_varianty');
  return () => rok.map((y, i) => ({ rok: y, ...variants[id[i]!]! }));
}
