/**
 * The /stats chart as a person sees it: read back pixel by pixel, each rule's
 * bars take room in proportion to its cases, an empty period draws no bars,
 * and the labels are in the reader's language where a font can show them.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { RuleWeeks } from '../../src/app/types.js';
import { chartFonts, chartLocale, renderRuleWeeksChart } from '../../src/render/chart.js';
import { chartWeeks, ruleWeeksTable } from '../../src/render/chart-numbers.js';

const week = 7 * 86_400_000;
const start = Date.parse('2026-10-12T22:00:00Z');
const weeks = Array.from({ length: 4 }, (_, i) => new Date(start + i * week).toISOString());
const data: RuleWeeks = {
  since: weeks[0]!,
  until: new Date(start + 4 * week).toISOString(),
  weeks,
  rules: [
    { rule: 'py/coroutine-never-awaited', counts: [6, 6, 6, 6] },
    { rule: 'py/blocking-call-in-async', counts: [2, 2, 2, 2] },
  ],
};
// The first two colours of the chart's palette (Okabe–Ito blue and orange).
const blue = [0x00, 0x72, 0xb2];
const orange = [0xe6, 0x9f, 0x00];

/** How many pixels of the PNG have exactly each colour. */
async function pixelsOf(png: Buffer, colours: number[][]): Promise<number[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data: px } = ctx.getImageData(0, 0, image.width, image.height);
  const counts = colours.map(() => 0);
  for (let i = 0; i < px.length; i += 4) {
    colours.forEach(([r, g, b], c) => {
      if (px[i] === r && px[i + 1] === g && px[i + 2] === b) counts[c]!++;
    });
  }
  return counts;
}

describe('the /stats chart', () => {
  it('gives each rule bars in proportion to its cases', async () => {
    const [top, second] = await pixelsOf(renderRuleWeeksChart(data, 'en'), [blue, orange]);
    expect(second).toBeGreaterThan(1000);
    // 6 cases against 2 each week: about three times the area (the legend's swatches add a little to both).
    expect(top! / second!).toBeGreaterThan(2.5);
    expect(top! / second!).toBeLessThan(3.5);
  });

  it('draws no bars for a period without matched cases, and says so in its numbers', async () => {
    const empty = { ...data, rules: [] };
    expect(await pixelsOf(renderRuleWeeksChart(empty, 'en'), [blue, orange])).toEqual([0, 0]);
    expect(ruleWeeksTable(empty, 'en')).toBe('No matched cases in these weeks.');
  });

  it('labels in Chinese for a Chinese reader, with a font that has the glyphs', () => {
    // The Docker image and CI install WenQuanYi Micro Hei; without any Chinese font the chart would fall back to English.
    expect(chartLocale('zh-CN')).toBe('zh-CN');
    expect(chartFonts('zh-CN').length).toBeGreaterThan(chartFonts('en').length);
    expect(renderRuleWeeksChart(data, 'zh-CN').equals(renderRuleWeeksChart(data, 'en'))).toBe(false);
  });

  it('covers whole weeks: at least 4, at most a year', () => {
    expect([1, 7, 28, 29, 90, 365, 3650].map(chartWeeks)).toEqual([4, 4, 4, 5, 13, 53, 53]);
  });
});
