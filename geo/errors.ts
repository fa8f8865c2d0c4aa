/** Integrity failure of the geo build; every reason names the obec (or ORP/okres/kraj) codes involved. */
export class GeoIntegrityError extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    const shown = reasons.slice(0, 20).join('\n  ');
    const more = reasons.length > 20 ? `\n  … and ${reasons.length - 20} more` : '';
    super(`geo integrity check failed (${reasons.length} problem${reasons.length === 1 ? '' : 's'}):\n  ${shown}${more}`);
    this.name = 'GeoIntegrityError';
    this.reasons = reasons;
  }
}
