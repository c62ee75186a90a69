// A trend of one numeric test over time (uPlot from the shell's /ui/lib/uplot), with the reference range drawn as
// dashed lines, and its accessible alternative: a table of the same points. Shared by the chart tab and the portal.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import uPlot from '/ui/lib/uplot/uPlot.esm.js';
import { flagBadge, valueText, isNumeric } from './common.js';

const LINE = '#0b5cad';
const RANGE = '#6b7280';

/** The range to draw: the applicable range with both limits (one range, or the first of a list). */
function limits(trend) {
  const all = Array.isArray(trend.ranges) ? trend.ranges : [trend.ranges || trend.range];
  const r = all.find((x) => x && isNumeric(x.low) && isNumeric(x.high));
  return r ? { low: Number(r.low), high: Number(r.high) } : null;
}

/** Draws into `host` (an element, emptied first); returns the uPlot to destroy on the next draw, or null. */
export function drawTrend(host, ctx, trend, previous) {
  if (previous) previous.destroy();
  if (!host) return null;
  host.replaceChildren();
  const points = (trend.points || []).filter((p) => isNumeric(p.value))
    .map((p) => [Date.parse(p.at) / 1000, Number(p.value)]).sort((a, b) => a[0] - b[0]);
  if (!points.length) return null;
  const t = (k, a) => ctx.t(k, a);
  const fmt = ctx.fmt;
  const range = limits(trend);
  const data = [points.map((p) => p[0]), points.map((p) => p[1])];
  const series = [
    { label: t('lab.trend.at'), value: (u, v) => (v == null ? '' : fmt.dateTime(new Date(v * 1000).toISOString())) },
    { label: trend.testName || trend.testCode, stroke: LINE, width: 2, points: { show: true, size: 7 },
      value: (u, v) => (v == null ? '' : `${fmt.number(v)} ${trend.unit || ''}`) },
  ];
  if (range) {
    data.push(data[0].map(() => range.low), data[0].map(() => range.high));
    series.push({ label: t('lab.trend.low'), stroke: RANGE, dash: [6, 4], points: { show: false } },
      { label: t('lab.trend.high'), stroke: RANGE, dash: [6, 4], points: { show: false } });
  }
  const tick = new Intl.DateTimeFormat(ctx.locale || undefined, { day: 'numeric', month: 'short' });
  return new uPlot({
    width: Math.max(280, Math.min(host.clientWidth || 640, 900)),
    height: 220,
    scales: { x: { time: true } },
    series,
    axes: [{ values: (u, vals) => vals.map((v) => tick.format(new Date(v * 1000))) },
      { values: (u, vals) => vals.map((v) => fmt.number(v)) }],
  }, data, host);
}

/**
 * The points as a table (what a screen reader reads instead of the picture), newest first. `stacked`: one card per
 * point on a phone (lab.css .lab-stack), for the portal where the plain words must not hide behind sideways scrolling.
 */
export function trendTable(ctx, trend, id, flagText, stacked) {
  const t = (k, a) => ctx.t(k, a);
  const points = [...(trend.points || [])].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  if (!points.length) return nothing;
  const at = t('lab.trend.at');
  const value = t('lab.col.value');
  const flag = t('lab.col.flag');
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
    <table id=${id} class=${stacked ? 'lab-stack' : ''} role="table">
      <caption id="${id}-caption">${t('lab.trend.table', { test: trend.testName || trend.testCode })}</caption>
      <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${at}</th>
        <th scope="col" role="columnheader">${value}</th><th scope="col" role="columnheader">${flag}</th></tr></thead>
      <tbody role="rowgroup">${points.map((p) => html`<tr role="row"><td role="cell" data-label=${at}>${ctx.fmt.dateTime(p.at)}</td>
        <td role="cell" data-label=${value}>${valueText(ctx, p.value, trend.unit)}</td>
        <td role="cell" data-label=${flag}>${flagText ? flagText(p.flag) : flagBadge(ctx, p.flag)}</td></tr>`)}</tbody></table></div>`;
}
