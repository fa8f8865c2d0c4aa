import { tableFromIPC } from 'apache-arrow';
import type { Meta, Row } from './lib/types.ts';

export interface Data {
  meta: Meta;
  rows: Row[];
  byYear: Map<number, Row[]>;
  /** kod_obce → rok → row */
  byKod: Map<string, Map<number, Row>>;
  geo: any;
  labels: any;
}

export const dataUrl = (path: string): string => new URL(`data/${path}`, document.baseURI).href;

async function fetchOk(path: string): Promise<Response> {
  const r = await fetch(dataUrl(path));
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r;
}

export async function loadData(): Promise<Data> {
  const [metaR, arrowR, geoR, labelsR] = await Promise.all([
    fetchOk('meta.json'), fetchOk('isv_obce.arrow'), fetchOk('geo.json'), fetchOk('labels.json').catch(() => null),
  ]);
  const [meta, buf, geo, labels] = await Promise.all([metaR.json(), arrowR.arrayBuffer(), geoR.json(), labelsR ? labelsR.json() : null]);
  const table = tableFromIPC(new Uint8Array(buf));
  const n = table.numRows;
  const rows: Row[] = Array.from({ length: n }, () => ({}) as Row);
  for (const field of table.schema.fields) {
    const col = table.getChild(field.name)!;
    const name = field.name;
    for (let i = 0; i < n; i++) {
      let v = col.get(i) as unknown;
      if (typeof v === 'bigint') v = Number(v);
      (rows[i] as Record<string, unknown>)[name] = v ?? null;
    }
  }
  for (const r of rows) { r.kod_obce = String(r.kod_obce); r.synteticky = r.synteticky === true; }
  const byYear = new Map<number, Row[]>();
  const byKod = new Map<string, Map<number, Row>>();
  for (const r of rows) {
    (byYear.get(r.rok) ?? byYear.set(r.rok, []).get(r.rok)!).push(r);
    (byKod.get(r.kod_obce) ?? byKod.set(r.kod_obce, new Map()).get(r.kod_obce)!).set(r.rok, r);
  }
  if (!meta.years?.length) meta.years = [...byYear.keys()].sort().map((rok) => ({ rok, synteticky: byYear.get(rok)![0]!.synteticky }));
  return { meta, rows, byYear, byKod, geo, labels };
}
