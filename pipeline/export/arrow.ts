import { Bool, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { ColumnDoc } from '../contract.ts';

/**
 * The dashboard's data: one Arrow IPC file (file format) with the contract columns plus a few web-only
 * ones. Arrow keeps numbers typed and loads in the browser without parsing CSV.
 */
export interface WebColumn {
  name: string;
  type: ColumnDoc['type'] | 'bool';
}

function arrowType(t: WebColumn['type']): DataType {
  switch (t) {
    case 'text':
      return new Utf8();
    case 'integer':
      return new Int32();
    case 'bool':
      return new Bool();
    default:
      return new Float64();
  }
}

export function toArrowIpc(columns: readonly WebColumn[], rows: Record<string, unknown>[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const values = rows.map((r) => {
      const v = r[c.name];
      if (v === null || v === undefined) return null;
      if (c.type === 'text') return String(v);
      if (c.type === 'bool') return Boolean(v);
      return Number(v);
    });
    vectors[c.name] = vectorFromArray(values, arrowType(c.type));
  }
  return tableToIPC(new Table(vectors), 'file');
}

/** The same file from columns (name → values in row order), without building row objects. */
export function toArrowIpcColumns(columns: readonly WebColumn[], data: Record<string, readonly unknown[]>, rowCount: number): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const source = data[c.name];
    if (!source) throw new Error(`internal: no column ${c.name} for the web data`);
    const values = new Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const v = source[i];
      values[i] = v === null || v === undefined ? null : c.type === 'text' ? String(v) : c.type === 'bool' ? Boolean(v) : Number(v);
    }
    vectors[c.name] = vectorFromArray(values, arrowType(c.type));
  }
  return tableToIPC(new Table(vectors), 'file');
}
