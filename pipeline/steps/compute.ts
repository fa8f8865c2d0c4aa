import { oneThread, profiled, runSqlFile, withConnection, type Db } from '../db.ts';
import { computeMargins, setMarginVariables } from '../margins.ts';
import type { Methodology } from '../methodology.ts';
import { fillSchoolImputation } from '../nearest.ts';
import { computeSpoluprace } from '../spoluprace.ts';
import { registrySql } from '../sql-registry.ts';
import { createContractTables } from '../tables.ts';
import type { Registry } from '../../method/registry.ts';

/**
 * Step 4, compute: the index as docs/METHODOLOGY.md describes it (sql/02–06), the school imputation, the contract
 * tables, the cooperation table and the margins to the next band.
 */
export async function compute(
  db: Db, m: Methodology, registry: Registry, syntheticYears: number[],
  /**
   * called once isv_obce and isv_zmeny are final (nothing after changes them), to start work on them beside the rest;
   * `oneThread`: DuckDB runs one thread, so a connection of its own gets the second core
   */
  onContractTables: (oneThread: boolean) => void = () => {},
): Promise<void> {
  const sql = registrySql(registry);
  await runSqlFile(db, '02_inputs.sql', sql);
  // The school imputation (JS, over obec_rok and the points) does not need the index SQL: it runs on a connection
  // of its own while 03_index.sql computes, and is awaited before 04 uses it.
  const imputation = profiled('school imputation (beside 03_index)', () => withConnection(db, (own) => fillSchoolImputation(own, sql.skolni_dimenze!)));
  imputation.catch(() => {}); // a failure meanwhile is not unhandled: it reaches the caller where awaited below
  try {
    await runSqlFile(db, '03_index.sql', sql);
  } finally {
    await imputation.catch(() => {}); // never close the database under it
  }
  await imputation;
  await runSqlFile(db, '04_school_and_total.sql', sql);
  // From here tables are stored in the order their ORDER BY gives (the contract tables in (rok, kod_obce)), which
  // the exports copy as it is (export/tables.ts). A global setting: it holds for the margins' connection too.
  await db.conn.run('set preserve_insertion_order = true');
  // The margins need only the scores above. At one DuckDB thread (the shipped size) they run beside the changes and
  // contract tables, on a connection of their own; at two threads each statement already uses both cores, and the
  // two side by side would need more memory (100 years), so they run after.
  const beside = await oneThread(db);
  await setMarginVariables(db, m); // on this connection too: the export reads the fragile threshold from it
  const margins = beside ? profiled('margins (beside the changes)', () => withConnection(db, (own) => computeMargins(own, m, registry))) : null;
  margins?.catch(() => {}); // as the imputation's
  try {
    const zero = m.suspect_zero;
    await runSqlFile(db, '05_changes.sql', { ...sql, nula_min_pocet: String(Number(zero.min_count)), nula_min_podil_cr: String(Number(zero.min_share_of_national)) });
    await profiled('contract tables', () => createContractTables(db, registry, beside));
    onContractTables(beside);
    await runSqlFile(db, '06_agreement.sql', sql);
    await computeSpoluprace(db, syntheticYears);
  } finally {
    await margins?.catch(() => {}); // never close the database under it
  }
  await (margins ?? profiled('margins', () => computeMargins(db, m, registry)));
}
