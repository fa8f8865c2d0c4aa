import type { Lang } from './registry.ts';

const RULES = new Map<Lang, Intl.PluralRules>();

/**
 * A count's word from the forms „1|2–4|5+“ (the registry's units, Czech „osobu|osoby|osob“, English
 * „person|people|people“), picked by Intl.PluralRules (CLDR), the one copy of the rule for the pipeline and the
 * dashboard. Czech: one (1), few (2–4), many (a decimal, which takes the 2–4 form: „1,5 osoby“), other (0, 5+, 22).
 */
export function plural(forms: string, n: number, lang: Lang = 'cs'): string {
  const [one, few = one, other = few] = forms.split('|') as [string, string?, string?];
  let rules = RULES.get(lang);
  if (!rules) RULES.set(lang, (rules = new Intl.PluralRules(lang)));
  const category = rules.select(n);
  return category === 'one' ? one : category === 'few' || category === 'many' ? few : other;
}
