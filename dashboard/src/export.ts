import type { IsvMap } from './map.ts';
import type { ColorScale } from './lib/colors.ts';
import type { Lang } from './lib/types.ts';

export interface PngCtx { map: IsvMap; scale: ColorScale; lang: Lang; title: string; attribution: string; filename: string; fmt: (n: number) => string }

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const tryLine = line ? `${line} ${w}` : w;
    if (ctx.measureText(tryLine).width > width && line) { lines.push(line); line = w; } else line = tryLine;
  }
  if (line) lines.push(line);
  return lines;
}

/** The current map as PNG: map canvas (preserveDrawingBuffer), town labels, title, legend and attribution. */
export async function exportPng(c: PngCtx, download = true): Promise<{ dataUrl: string; width: number; height: number }> {
  const map = c.map.map;
  map.triggerRepaint();
  await new Promise<void>((r) => map.once('render', () => r()));
  const src = map.getCanvas();
  const ratio = src.width / src.clientWidth || 1;
  const W = src.clientWidth;
  const legendH = 24 + c.scale.items.length * 18;
  const out = document.createElement('canvas');
  const tmp = out.getContext('2d')!;
  tmp.font = '12px sans-serif';
  const attrLines = wrap(tmp, c.attribution, W - 20);
  const H = 34 + src.clientHeight + Math.max(legendH, 0) + attrLines.length * 15 + 16;
  out.width = Math.round(W * ratio);
  out.height = Math.round(H * ratio);
  const g = out.getContext('2d')!;
  g.scale(ratio, ratio);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#111';
  g.font = 'bold 15px sans-serif';
  g.fillText(c.title, 10, 22, W - 20);
  g.drawImage(src, 0, 34, W, src.clientHeight);
  g.textAlign = 'center';
  for (const l of c.map.visibleLabels()) {
    g.font = l.kind === 'kraj' ? 'bold 12px sans-serif' : '11px sans-serif';
    g.lineWidth = 3; g.strokeStyle = 'rgba(255,255,255,.9)';
    g.strokeText(l.kind === 'kraj' ? l.text.toUpperCase() : l.text, l.x, 34 + l.y + 4);
    g.fillStyle = '#111';
    g.fillText(l.kind === 'kraj' ? l.text.toUpperCase() : l.text, l.x, 34 + l.y + 4);
  }
  g.textAlign = 'left';
  let y = 34 + src.clientHeight + 14;
  g.font = '12px sans-serif';
  for (const it of c.scale.items) {
    g.fillStyle = it.color; g.fillRect(10, y - 10, 18, 12);
    g.strokeStyle = '#777'; g.lineWidth = 1; g.strokeRect(10, y - 10, 18, 12);
    g.fillStyle = '#111'; g.fillText(`${it.label} (${c.fmt(it.count)})`, 34, y);
    y += 18;
  }
  y += 6;
  g.fillStyle = '#444';
  for (const line of attrLines) { g.fillText(line, 10, y); y += 15; }
  const dataUrl = out.toDataURL('image/png');
  if (download) {
    const a = document.createElement('a');
    a.href = dataUrl; a.download = c.filename;
    document.body.appendChild(a); a.click(); a.remove();
  }
  return { dataUrl, width: out.width, height: out.height };
}
