// Problems of a methodology file loaded into the what-if (pipeline/methodology-check.ts issue codes), merged into
// the one dictionary of i18n.ts; Czech first. {path} is the field, e.g. „dimensions.1.share“.
export const methodologyCs = {
  mpPath: '„{path}“: {text}', mpFile: '{file}: {text}', mpAt: '{file}, řádek {line}, sloupec {column}: {text}',
  mp_notObject: 'není objekt JSON', mp_type: 'musí být {expected}', mp_nonEmpty: 'nesmí být prázdné', mp_gte0: 'musí být číslo ≥ 0',
  mp_required: 'je povinné', mp_loHi: 'dolní hranice (lo) musí být nejvýše horní (hi)',
  mp_dimensionsOrder: 'musí uvést dimenze v tomto pořadí: {keys}',
  mp_registryField: 'dimenze {dimension} má {field} {expected} (method/registry.ts), ne „{given}“',
  mp_categoriesGap: 'kategorie musí pokrýt 0–{max} bez mezer (u „{label}“)', mp_categoriesEnd: 'kategorie musí končit na {max}',
  mp_categoriesCount: 'počet kategorií musí být {n} (tolik má mapa barev)', mp_invalid: 'neplatná hodnota',
  mpExpected_number: 'číslo', mpExpected_int: 'celé číslo', mpExpected_string: 'text', mpExpected_object: 'objekt',
  mpExpected_array: 'seznam', mpExpected_boolean: 'true nebo false', mpExpected_other: 'jiného typu ({expected})',
  mpField_numerator: 'čitatel', mpField_denominator: 'jmenovatel',
};
export const methodologyEn: typeof methodologyCs = {
  mpPath: '"{path}": {text}', mpFile: '{file}: {text}', mpAt: '{file}, line {line}, column {column}: {text}',
  mp_notObject: 'not a JSON object', mp_type: 'must be {expected}', mp_nonEmpty: 'must not be empty', mp_gte0: 'must be a number ≥ 0',
  mp_required: 'is required', mp_loHi: 'the lower edge (lo) must be at most the upper (hi)',
  mp_dimensionsOrder: 'must list the dimensions in this order: {keys}',
  mp_registryField: 'dimension {dimension} has the {field} {expected} (method/registry.ts), not "{given}"',
  mp_categoriesGap: 'categories must cover 0–{max} without gaps (at "{label}")', mp_categoriesEnd: 'categories must end at {max}',
  mp_categoriesCount: 'the number of categories must be {n} (as many as the map has colours)', mp_invalid: 'invalid value',
  mpExpected_number: 'a number', mpExpected_int: 'an integer', mpExpected_string: 'a string', mpExpected_object: 'an object',
  mpExpected_array: 'a list', mpExpected_boolean: 'true or false', mpExpected_other: 'of another type ({expected})',
  mpField_numerator: 'numerator', mpField_denominator: 'denominator',
};
