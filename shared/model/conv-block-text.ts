/**
 * Conv blocks written as one line of text for the Configure form: "128x8, 256x5, 128x3" is three
 * blocks of FILTERSxKERNEL; optional words after a block: dN (dilation), pN (max-pool by N), nobn
 * (no batch norm), e.g. "64x5, 64x5 d2 p2". Text that does not parse stays text, so validation names it.
 */
import type { ConvBlock } from './variant';

const BLOCK = /^(\d+)x(\d+)((?:\s+(?:d\d+|p\d+|nobn))*)$/i;

/** Parses "64x5, 64x5 p2" into blocks; returns the text itself when a block does not parse. */
export function parseConvBlocks(text: string): ConvBlock[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const blocks: ConvBlock[] = [];
  for (const part of parts) {
    const m = BLOCK.exec(part);
    if (!m) return text;
    const words = m[3].trim().toLowerCase().split(/\s+/).filter(Boolean);
    const num = (prefix: string) => Number(words.find((w) => w.startsWith(prefix))?.slice(1) ?? 1);
    blocks.push({ filters: Number(m[1]), kernel: Number(m[2]), dilation: num('d'), batchNorm: !words.includes('nobn'), pool: num('p') });
  }
  return blocks;
}

/** Writes blocks as the form's text (the inverse of parseConvBlocks); other values as they are. */
export function formatConvBlocks(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === 'string' ? value : '';
  return value
    .map((b: Partial<ConvBlock>) => {
      const words = [`${b.filters}x${b.kernel ?? 3}`];
      if ((b.dilation ?? 1) !== 1) words.push(`d${b.dilation}`);
      if ((b.pool ?? 1) !== 1) words.push(`p${b.pool}`);
      if (b.batchNorm === false) words.push('nobn');
      return words.join(' ');
    })
    .join(', ');
}
