/**
 * Parsing of numeric cells. Czech exports write `1 234,5` (thin or non-breaking space thousands,
 * decimal comma); machine exports write `1234.5`. Anything else is an error with a reason, because
 * a silently mis-read count moves points.
 */

/** No Czech obec has more people than the country; anything above is a broken cell, not data. */
export const MAX_PLAUSIBLE_COUNT = 20_000_000;

export type NumberResult = { ok: true; value: number } | { ok: false; reason: string };

export function parseNumber(raw: unknown): NumberResult {
  if (typeof raw === 'number') return checkFinite(raw, String(raw));
  if (raw === null || raw === undefined) return { ok: false, reason: 'empty value' };
  const text = String(raw).trim();
  if (text === '') return { ok: false, reason: 'empty value' };
  const compact = text.replace(/[\s\u00a0\u202f\u2009]/g, '');
  let normal = compact;
  if (compact.includes(',')) {
    if (compact.includes('.')) return { ok: false, reason: `ambiguous number "${clip(text)}" (both "," and ".")` };
    if ((compact.match(/,/g) ?? []).length > 1) return { ok: false, reason: `not a number: "${clip(text)}"` };
    normal = compact.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normal)) {
    return { ok: false, reason: `not a number: "${clip(text)}"` };
  }
  return checkFinite(Number(normal), text);
}

function checkFinite(v: number, text: string): NumberResult {
  if (!Number.isFinite(v)) return { ok: false, reason: `not a finite number: "${clip(text)}"` };
  return { ok: true, value: v };
}

/** A share in percent as Excel displays it ("47,3 %"): the number before the sign. */
export function parseShare(raw: unknown): NumberResult {
  return typeof raw === 'string' ? parseNumber(raw.replace(/\s*%\s*$/, '')) : parseNumber(raw);
}

/** A count of people or payments: finite, not negative, not absurd. */
export function parseCount(raw: unknown): NumberResult {
  const r = parseNumber(raw);
  if (!r.ok) return r;
  if (r.value < 0) return { ok: false, reason: `negative count ${r.value}` };
  if (r.value > MAX_PLAUSIBLE_COUNT) return { ok: false, reason: `implausible count ${r.value} (more than ${MAX_PLAUSIBLE_COUNT})` };
  return r;
}

export function clip(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
