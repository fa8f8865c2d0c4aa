import { column, COMPONENTS, CONTEXT_INDICATORS, officialFields, type Registry } from '../method/registry.ts';
import { sqlString } from './db.ts';

/**
 * The pieces of the SQL files that list the registry's indicators or dimensions, generated from it (as tables.ts
 * generates the contract tables): a file names them as {{placeholder}}, runSqlFile fills them in.
 */
export function registrySql(reg: Registry): Record<string, string> {
  const quoted = (keys: string[]) => keys.map(sqlString).join(', ');
  const school = reg.indicators.filter((i) => i.schoolOnly);
  /** the obec's value of the indicator named in `which` (a column of obec_rok per indicator) */
  const valueOf = (which: string) => `case ${which} ${reg.indicators.map((i) => `when ${sqlString(i.key)} then o.${i.key}`).join(' ')} end`;
  /** the official value of a dimension's measure, from the pivoted official fields */
  const official = (m: string) => `case s.dimenze ${reg.dimensions.map((d) => `when ${sqlString(d.key)} then o.${column(d.key, m)}`).join(' ')} end`;
  return {
    ukazatele: quoted(reg.indicators.map((i) => i.key)),
    kontext_ukazatele: quoted(CONTEXT_INDICATORS.map((c) => c.key)),
    // a school obec is one with its school numbers (validation requires all of them or none)
    skolni_ukazatele: quoted(school.map((i) => i.key)) || 'null',
    ma_skolu: school.map((i) => `v.${i.key} is not null`).join(' and ') || 'false',
    citatel_obce: valueOf('d.citatel'),
    jmenovatel_obce: valueOf('d.jmenovatel'),
    // an indicator's Czech name for the reasons users read (report.json), by the key in `d.jmenovatel`
    nazev_jmenovatele: `case d.jmenovatel ${reg.indicators.map((i) => `when ${sqlString(i.key)} then ${sqlString(i.label.cs)}`).join(' ')} else d.jmenovatel end`,
    oficialni_pole: quoted(officialFields(reg)),
    lq_oficialni: official('lq'),
    podil_oficialni: official('podil'),
    // the dimensions only school obce have (the others take over their points, §4)
    skolni_dimenze: quoted(reg.dimensions.filter((d) => d.schoolOnly).map((d) => d.key)) || 'null',
    slozky: COMPONENTS.map((c, i) => {
      const unit = reg.measures.find((m) => m.key === c.key)?.unit;
      return `(${sqlString(c.label.cs)}, ${i + 1}, ${sqlString(unit ? ` ${unit}` : '')})`;
    }).join(', '),
  };
}
