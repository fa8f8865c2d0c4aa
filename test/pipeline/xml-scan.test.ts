import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { scanXml, XmlFormatError, type XmlHandlers } from '../../pipeline/ingest/xml-scan.ts';

/**
 * The workbook reader's XML scanner gives the events htmlparser2 (xmlMode, entities decoded) gives, on XML that
 * crosses the scanner's 1 MB slices inside tags, entities and multi-byte characters.
 */
type Event = [string, string, Record<string, string>?];

function events(run: (h: XmlHandlers) => void): Event[] {
  const out: Event[] = [];
  run({
    onopentag: (name, attrs) => out.push(['open', name, { ...attrs }]),
    ontext: (t) => {
      const prev = out[out.length - 1];
      if (prev?.[0] === 'text') prev[1] += t; // either may deliver a text in pieces
      else out.push(['text', t]);
    },
    onclosetag: (name) => out.push(['close', name]),
  });
  return out.filter((e) => e[0] !== 'text' || e[1] !== '');
}

function viaHtmlparser2(xml: string): Event[] {
  return events((h) => {
    const p = new Parser(h, { xmlMode: true, decodeEntities: true });
    p.write(xml);
    p.end();
  });
}

const viaScanner = (xml: string) => events((h) => scanXml(new TextEncoder().encode(xml), h));

function sheet(rows: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- a comment with <tags> -->', '<x:worksheet xmlns:x="urn:x"><x:sheetData>'];
  for (let r = 1; r <= rows; r++) {
    parts.push(
      `<x:row r="${r}" spans='1:4'>`,
      `<x:c r="A${r}" t="s"><x:v>${r}</x:v></x:c>`,
      `<x:c r="B${r}" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Žluťoučký &amp; kůň &lt;${r}&gt; &#233;&#x10D; "q" 'a' </x:t></x:r><x:rPh sb="0"><x:t>ふ</x:t></x:rPh></x:is></x:c>`,
      `<x:c r="C${r}" s="3"/>`,
      `<x:c r="D${r}" t="str"><x:f>A${r}&amp;"x"</x:f><x:v><![CDATA[a <b> & c]]></x:v></x:c>`,
      '</x:row>\n',
    );
  }
  parts.push('</x:sheetData></x:worksheet>');
  return parts.join('');
}

describe('xml scanner', () => {
  it('gives htmlparser2’s events on a sheet of several slices', () => {
    const xml = sheet(6000); // ~2.6 MB: slices end inside tags, texts, entities and characters
    expect(xml.length).toBeGreaterThan(2 << 20);
    const want = viaHtmlparser2(xml);
    expect(viaScanner(xml)).toEqual(want);
    expect(want.filter((e) => e[0] === 'open' && e[1] === 'x:c').length).toBe(24000);
  });

  it('decodes entities in attributes and keeps unknown ones', () => {
    const xml = '<a t="x &amp; y &quot;z&quot;" u=\'&#60;\'>&nbsp;&amp;&#x41;</a>';
    expect(viaScanner(xml)).toEqual(viaHtmlparser2(xml));
    expect(viaScanner(xml)).toEqual([
      ['open', 'a', { t: 'x & y "z"', u: '<' }],
      ['text', '&nbsp;&A'],
      ['close', 'a'],
    ]);
  });

  it('names an XML that ends inside a tag', () => {
    expect(() => scanXml(new TextEncoder().encode('<a><b x="1"'), {})).toThrow(XmlFormatError);
  });
});
