import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

/** How many problems a screen shows; the rest are in the list file. */
export const SHOWN_PROBLEMS = 50;

/** Thrown when any input row is rejected; the run then writes nothing. */
export class PipelineInputError extends Error {
  readonly rejections: Rejection[];
  /** every problem kept in memory, formatted (all of them up to the cap) */
  readonly reasons: string[];
  /** the true number of problems */
  readonly total: number;
  /** every problem, one a line, when there are more than SHOWN_PROBLEMS (outside --out: the system temp folder) */
  readonly listFile: string | null;
  constructor(rejections: Rejection[], total = rejections.length, listFile: string | null = null) {
    const reasons = rejections.map(formatRejection);
    super(`${total} input problem(s):\n${screenLines(reasons, total, listFile).join('\n')}`);
    this.name = 'PipelineInputError';
    this.rejections = rejections;
    this.reasons = reasons;
    this.total = total;
    this.listFile = listFile;
  }
  /** what a terminal shows: the first SHOWN_PROBLEMS, then where the rest is */
  get screen(): string[] {
    return screenLines(this.reasons, this.total, this.listFile);
  }
}

function screenLines(reasons: string[], total: number, listFile: string | null): string[] {
  if (total <= SHOWN_PROBLEMS) return reasons;
  return [...reasons.slice(0, SHOWN_PROBLEMS), `… and ${total - SHOWN_PROBLEMS} more: all ${total} problems are listed in ${listFile ?? '(the list could not be written)'}`];
}

/**
 * Collects rejections. Beyond `cap` (absurd inputs: 10⁶ garbage rows) they are no longer kept as objects but
 * written straight to the list file, so the count stays true and the list whole.
 */
export class Rejections {
  readonly items: Rejection[] = [];
  private overflow = 0;
  private pending: string[] = [];
  private file: string | null = null;
  constructor(private readonly cap = 10_000) {}
  add(r: Rejection): void {
    if (this.items.length < this.cap) {
      this.items.push(r);
      return;
    }
    this.overflow++;
    this.pending.push(formatRejection(r));
    if (this.pending.length >= 10_000) this.flush();
  }
  get count(): number {
    return this.items.length + this.overflow;
  }
  /** any problem that is not about one data row (a missing file or column, an unreadable file): checks of rows and across rows would only repeat it */
  get structural(): boolean {
    return this.items.some((r) => r.line === undefined || r.line <= 1);
  }
  throwIfAny(): void {
    if (this.count === 0) return;
    let listFile: string | null = null;
    if (this.count > SHOWN_PROBLEMS) {
      try {
        listFile = this.listPath();
        this.flush();
        writeFileSync(listFile, `${this.items.map(formatRejection).join('\n')}\n`);
        if (this.file) {
          appendFileSync(listFile, readFileSync(this.file));
          rmSync(this.file, { force: true });
          this.file = null;
        }
      } catch {
        listFile = null;
      }
    }
    throw new PipelineInputError([...this.items], this.count, listFile);
  }
  private listPath(): string {
    return path.join(os.tmpdir(), `isv-problems-${process.pid}-${Date.now()}.txt`);
  }
  private flush(): void {
    if (!this.pending.length) return;
    this.file ??= `${this.listPath()}.part`;
    appendFileSync(this.file, `${this.pending.join('\n')}\n`);
    this.pending = [];
  }
}
