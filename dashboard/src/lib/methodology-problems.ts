import type { MethodologyIssue } from '../../../pipeline/methodology-check.ts';
import { t, type Key } from './i18n.ts';
import type { Lang } from './types.ts';

/**
 * One problem of a loaded methodology file in the interface language, with the field it is about (its path in the
 * file, or what `fieldName` calls it: the what-if panel names its own fields).
 */
export function problemText(p: MethodologyIssue, lang: Lang, fieldName: (path: string) => string = (x) => x): string {
  const vars: Record<string, string | number> = { ...p.vars };
  if (p.code === 'type') {
    const key = `mpExpected_${p.vars.expected}` as Key;
    vars.expected = t(lang, key) !== undefined ? t(lang, key) : t(lang, 'mpExpected_other', { expected: String(p.vars.expected) });
  }
  if (p.code === 'registryField') vars.field = t(lang, `mpField_${p.vars.field}` as Key) ?? p.vars.field!;
  if (p.code === 'invalid') delete vars.detail; // zod's own words are English: the field and "invalid value" say it
  const text = t(lang, `mp_${p.code}` satisfies Key, vars); // tsc checks every IssueCode has its words
  return p.path ? t(lang, 'mpPath', { path: fieldName(p.path), text }) : text;
}

/**
 * A file that is not JSON: where the browser's parser stopped (line and column, from its message) in the interface
 * language; the parser's own words are the browser's.
 */
export function notJsonText(file: string, text: string, err: unknown, lang: Lang): string {
  const msg = String((err as Error)?.message ?? err);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  const pos = /position (\d+)/.exec(msg);
  let at: { line: number; column: number } | null = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : null;
  if (!at && pos) {
    const before = text.slice(0, Number(pos[1])).split('\n');
    at = { line: before.length, column: before.at(-1)!.length + 1 };
  }
  const what = t(lang, 'whatIfNotJson');
  return at ? t(lang, 'mpAt', { file, line: at.line, column: at.column, text: what }) : t(lang, 'mpFile', { file, text: what });
}
