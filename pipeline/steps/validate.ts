import { profiled, rows, runSqlFile, type Db } from '../db.ts';
import type { Rejections } from '../errors.ts';
import { stageSpoluprace, type SpolupraceInfo } from '../spoluprace.ts';
import { registrySql } from '../sql-registry.ts';
import type { Registry } from '../../method/registry.ts';

/**
 * Step 3, validate: the cross-row checks of sql/01_validate.sql (and the partial years' rules before them), and the
 * cooperation registry. Every problem of every input is reported at once; any problem ends the run here.
 */
export async function validate(db: Db, rejections: Rejections, spolupraceFile: string | undefined, registry: Registry): Promise<SpolupraceInfo> {
  // Until the contract tables, no result depends on the order rows are stored in (every order that matters is an
  // ORDER BY: the reference sums, the explanations, every read), so DuckDB may build the tables in parallel.
  await db.conn.run('set preserve_insertion_order = false');
  await runSqlFile(db, 'macros.sql');
  const sql = registrySql(registry);
  await runSqlFile(db, '01_partial_years.sql', sql);
  await runSqlFile(db, '01_validate.sql', sql);
  const problems = await rows<{ soubor: string | null; radek: number | null; sloupec: string | null; duvod: string }>(
    db,
    'select * from zamitnuti order by soubor nulls first, radek, sloupec',
  );
  for (const p of problems) rejections.add({ file: p.soubor ?? '(inputs)', line: p.radek ?? undefined, column: p.sloupec ?? undefined, reason: p.duvod });
  const spoluprace = await profiled('cooperation registry', () => stageSpoluprace(db, spolupraceFile, rejections));
  rejections.throwIfAny();
  return spoluprace;
}
