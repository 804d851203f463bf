/**
 * The /stats chart: the top rules' cases week by week, as stacked bars in a
 * PNG drawn on the server. Chart.js lays it out and @napi-rs/canvas (Skia,
 * a prebuilt binary inside its npm package) draws it; nothing is fetched at
 * install or run time. Chosen over ECharts and Vega-Lite (both rendering SVG
 * through @resvg/resvg-js) because it measures text with the real font, so
 * long rule ids in the legend wrap instead of running into each other, and it
 * was the fastest and lightest of the three (docs/self-hosting.md, "The
 * /stats chart", has the measurements).
 *
 * Text needs fonts installed on the machine (the Docker image brings DejaVu
 * Sans and WenQuanYi Micro Hei). Where no font has Chinese glyphs, a Chinese
 * reader's chart is labelled in English rather than in empty boxes.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, type Plugin } from 'chart.js';
import type { RuleWeeks } from '../app/types.js';
import { messages, type Locale } from './messages.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);

/** CSS pixels; drawn at `scale` for a sharp picture in Discord's image viewer. */
const width = 800;
const height = 420;
const scale = 1.5;

/** Okabe–Ito colours: told apart by readers with any kind of colour blindness. */
const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];

const latinFonts = ['DejaVu Sans', 'Noto Sans', 'Liberation Sans', 'Arial', 'Helvetica'];
const chineseFonts = ['WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Droid Sans Fallback', 'PingFang SC', 'Microsoft YaHei'];

/** The installed fonts the chart's text is set in for `locale`, first choice first. */
export function chartFonts(locale: Locale): string[] {
  const wanted = locale === 'zh-CN' ? [...latinFonts, ...chineseFonts] : latinFonts;
  return wanted.filter((family) => GlobalFonts.has(family));
}

/** The language the chart is labelled in: the reader's, unless no installed font can show it. */
export function chartLocale(locale: Locale): Locale {
  return locale === 'zh-CN' && !chineseFonts.some((family) => GlobalFonts.has(family)) ? 'en' : locale;
}

/** `2025-05-04T12:00:00.000Z` → `05-04` (the year is in the title's period, and a chart spans at most a year). */
export function weekLabel(iso: string): string {
  return iso.slice(5, 10);
}

/** White behind everything (a PNG is transparent otherwise, unreadable in Discord's dark theme), and the "nothing yet" line. */
function backgroundAndEmptyNote(note: string | null): Plugin<'bar'> {
  return {
    id: 'backgroundAndEmptyNote',
    beforeDraw(chart) {
      chart.ctx.save();
      chart.ctx.fillStyle = '#ffffff';
      chart.ctx.fillRect(0, 0, chart.width, chart.height);
      chart.ctx.restore();
    },
    afterDraw(chart) {
      if (!note) return;
      const { left, right, top, bottom } = chart.chartArea;
      chart.ctx.save();
      chart.ctx.fillStyle = '#555555';
      chart.ctx.textAlign = 'center';
      chart.ctx.font = `16px ${chart.options.font?.family ?? 'sans-serif'}`;
      chart.ctx.fillText(note, (left + right) / 2, (top + bottom) / 2);
      chart.ctx.restore();
    },
  };
}

/** The chart as a PNG, labelled in the reader's language (see `chartLocale`). */
export function renderRuleWeeksChart(data: RuleWeeks, locale: Locale): Buffer {
  const m = messages(chartLocale(locale));
  const family = [...chartFonts(chartLocale(locale)).map((f) => `'${f}'`), 'sans-serif'].join(', ');
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d'), {
    type: 'bar',
    data: {
      labels: data.weeks.map(weekLabel),
      datasets: data.rules.map((r, i) => ({ label: r.rule, data: r.counts, backgroundColor: palette[i % palette.length] })),
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: scale,
      font: { family, size: 13 },
      color: '#222222',
      plugins: {
        title: { display: true, text: m.chartTitle(data.weeks.length), font: { family, size: 17, weight: 'bold' }, color: '#222222' },
        legend: { position: 'bottom', labels: { font: { family, size: 13 }, color: '#222222', boxWidth: 16 } },
      },
      scales: {
        x: { stacked: true, title: { display: true, text: m.chartWeekAxis, font: { family } }, ticks: { font: { family }, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: m.chartCasesAxis, font: { family } }, ticks: { precision: 0, font: { family } } },
      },
    },
    plugins: [backgroundAndEmptyNote(data.rules.length === 0 ? m.chartEmpty : null)],
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
