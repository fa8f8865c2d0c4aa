import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlHandlers } from '../../pipeline/ingest/xlsx.ts';

/** The workbook reader's XML: htmlparser2 in XML mode, fed the part in decoded 1 MB slices. */
type Event = [string, string, Record<string, string>?];

function events(run: (h: XmlHandlers) => void): Event[] {
  const out: Event[] = [];
  run({
    onopentag: (name, attrs) => out.push(['open', name, { ...attrs }]),
    ontext: (t) => {
      const prev = out[out.length - 1];
      if (prev?.[0] === 'text') prev[1] += t; // text may come in pieces
      else out.push(['text', t]);
    },
    onclosetag: (name) => out.push(['close', name]),
  });
  return out;
}
const viaReader = (xml: string) => events((h) => parseXml(new TextEncoder().encode(xml), h));

describe('workbook XML', () => {
  it('keeps a ">" inside an attribute value', () => {
    expect(viaReader('<a t="x>y">z</a>')).toEqual([['open', 'a', { t: 'x>y' }], ['text', 'z'], ['close', 'a']]);
    expect(viaReader("<c r='A1' t='a>b&amp;c'/>")).toEqual([['open', 'c', { r: 'A1', t: 'a>b&c' }], ['close', 'c']]);
  });

  it('gives the same events in slices as from one string, across multi-byte characters, entities and tags', () => {
    const rows: string[] = ['<?xml version="1.0"?><!-- <x> --><x:sheetData xmlns:x="urn:x">'];
    for (let r = 1; r <= 12000; r++) {
      rows.push(`<x:row r="${r}"><x:c r="B${r}" t="inlineStr"><x:is><x:t xml:space="preserve">Žluťoučký &amp; kůň &lt;${r}&gt; &#233;&#x10D; ふ</x:t></x:is></x:c><x:c r="C${r}"><x:v><![CDATA[a <b> & c]]></x:v></x:c></x:row>\n`);
    }
    rows.push('</x:sheetData>');
    const xml = rows.join('');
    expect(new TextEncoder().encode(xml).length).toBeGreaterThan(2 << 20); // slices end inside tags and characters
    const whole = events((h) => {
      const p = new Parser(h, { xmlMode: true, decodeEntities: true });
      p.end(xml);
    });
    const sliced = viaReader(xml);
    expect(sliced).toEqual(whole);
    expect(sliced.filter((e) => e[0] === 'text' && e[1].startsWith('Žluťoučký & kůň <17> éč ふ')).length).toBe(1);
  });
});
