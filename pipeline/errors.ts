/**
 * Input problems are collected, never thrown one by one: an analyst fixing a broken extract wants
 * every reason at once. Each reason reads `file:line[:column]: reason`, like a compiler message.
 */
export interface Rejection {
  file: string;
  line?: number;
  column?: string;
  reason: string;
}

export function formatRejection(r: Rejection): string {
  const where = [r.file, r.line, r.column].filter((p) => p !== undefined && p !== '').join(':');
  return `${where}: ${r.reason}`;
}

/** Thrown when any input row is rejected; the run then writes nothing. */
export class PipelineInputError extends Error {
  readonly rejections: Rejection[];
  readonly reasons: string[];
  constructor(rejections: Rejection[]) {
    const reasons = rejections.map(formatRejection);
    const shown = reasons.slice(0, 50).join('\n');
    const more = reasons.length > 50 ? `\n… and ${reasons.length - 50} more` : '';
    super(`${reasons.length} input problem(s):\n${shown}${more}`);
    this.name = 'PipelineInputError';
    this.rejections = rejections;
    this.reasons = reasons;
  }
}

/** Collects rejections; caps memory on absurd inputs (10⁶ garbage rows) but keeps the count. */
export class Rejections {
  readonly items: Rejection[] = [];
  private dropped = 0;
  constructor(private readonly cap = 10_000) {}
  add(r: Rejection): void {
    if (this.items.length < this.cap) this.items.push(r);
    else this.dropped++;
  }
  get count(): number {
    return this.items.length + this.dropped;
  }
  throwIfAny(): void {
    if (this.count === 0) return;
    const all = [...this.items];
    if (this.dropped > 0) {
      all.push({ file: all[all.length - 1]?.file ?? '?', reason: `${this.dropped} further problem(s) not listed` });
    }
    throw new PipelineInputError(all);
  }
}
