// A consumption forecast as an inline SVG (no canvas, no library: a few lines scale with the page and print): daily
// history, the forecast dashed, and the stock-out date as a red line; next to it the stock-out date, the method and
// the backtest MAPE; the same numbers as a table for screen readers and exact reading.
import { html, svg, nothing } from '/ui/lib/lit-html/lit-html.js';
import { scrollTable } from '/ui/shell/kit.js';
import { qty } from './common.js';

const W = 640;
const H = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 32 };
const DAY_MS = 86400000;

function dayMs(day) {
  const [y, m, d] = String(day).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The chart's scales: days across (history to the later of forecast end and stock-out), quantities up from 0. */
export function scales(f) {
  const points = [...(f.history || []), ...(f.forecast || [])];
  const days = points.map((p) => dayMs(p.day));
  if (f.stockOutDate) days.push(dayMs(f.stockOutDate));
  if (!days.length) return null;
  const first = Math.min(...days);
  const last = Math.max(first + DAY_MS, ...days);
  const top = Math.max(1, ...points.map((p) => Number(p.quantity) || 0));
  const x = (day) => PAD.left + ((dayMs(day) - first) / (last - first)) * (W - PAD.left - PAD.right);
  const y = (q) => H - PAD.bottom - ((Number(q) || 0) / top) * (H - PAD.top - PAD.bottom);
  return { x, y, first, last, top };
}

function line(points, s) {
  return points.map((p) => `${s.x(p.day).toFixed(1)},${s.y(p.quantity).toFixed(1)}`).join(' ');
}

export function forecastChart(ctx, f, id) {
  const t = (k, p) => ctx.t(k, p);
  const s = scales(f);
  if (!s) return html`<p>${t('pharmacy.forecast.noData')}</p>`;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const history = f.history || [];
  const forecast = f.forecast || [];
  // The forecast starts where the history ends, so the two lines join.
  const joined = history.length && forecast.length ? [history[history.length - 1], ...forecast] : forecast;
  return html`<figure class="ph-forecast">
    <svg id=${id} viewBox="0 0 640 240" role="img" aria-labelledby="${id}-title ${id}-desc">
      <title id="${id}-title">${t('pharmacy.forecast.chartTitle', { item: f.itemCode, store: f.storeCode })}</title>
      <desc id="${id}-desc">${t('pharmacy.forecast.chartDesc', { days: ctx.fmt.number(history.length),
        ahead: ctx.fmt.number(forecast.length) })}</desc>
      ${svg`<line class="ph-axis" x1=${PAD.left} y1=${H - PAD.bottom} x2=${W - PAD.right} y2=${H - PAD.bottom}></line>
        <line class="ph-axis" x1=${PAD.left} y1=${PAD.top} x2=${PAD.left} y2=${H - PAD.bottom}></line>
        <text class="ph-label" x=${PAD.left - 6} y=${PAD.top + 4} text-anchor="end">${ctx.fmt.number(s.top)}</text>
        <text class="ph-label" x=${PAD.left - 6} y=${H - PAD.bottom} text-anchor="end">0</text>
        <text class="ph-label" x=${PAD.left} y=${H - 8}>${ctx.fmt.date(iso(s.first))}</text>
        <text class="ph-label" x=${W - PAD.right} y=${H - 8} text-anchor="end">${ctx.fmt.date(iso(s.last))}</text>
        ${history.length ? svg`<polyline class="ph-history" points=${line(history, s)}></polyline>` : nothing}
        ${joined.length ? svg`<polyline class="ph-prediction" points=${line(joined, s)}></polyline>` : nothing}
        ${f.stockOutDate ? svg`<line class="ph-stockout" x1=${s.x(f.stockOutDate)} y1=${PAD.top}
          x2=${s.x(f.stockOutDate)} y2=${H - PAD.bottom}></line>` : nothing}`}
    </svg>
    <figcaption><ul class="ph-legend">
      <li><span class="ph-key-history" aria-hidden="true">━</span> ${t('pharmacy.forecast.history')}</li>
      <li><span class="ph-key-forecast" aria-hidden="true">╍</span> ${t('pharmacy.forecast.forecast')}</li>
      ${f.stockOutDate ? html`<li><span class="ph-key-stockout" aria-hidden="true">┃</span> ${t('pharmacy.forecast.stockOut')}</li>` : nothing}
    </ul></figcaption>
  </figure>`;
}

/** What the pharmacist reads next to the chart: stock-out date, suggested quantity, trend, method and MAPE. */
export function forecastFacts(ctx, f) {
  const t = (k, p) => ctx.t(k, p);
  const mape = f.backtestMape === null || f.backtestMape === undefined ? null : Number(f.backtestMape);
  return html`<dl class="ph-details" id="pharmacy-forecast-facts">
    <dt>${t('pharmacy.stock.onHand')}</dt><dd>${qty(ctx, f.onHand, f.unit)}</dd>
    <dt>${t('pharmacy.forecast.stockOut')}</dt><dd>${f.stockOutDate ? ctx.fmt.date(f.stockOutDate) : t('pharmacy.forecast.noStockOut')}</dd>
    <dt>${t('pharmacy.forecast.suggested')}</dt><dd>${qty(ctx, f.suggestedQuantity, f.unit)}</dd>
    <dt>${t('pharmacy.forecast.trend')}</dt><dd>${t('pharmacy.forecast.perDay', { quantity: qty(ctx, f.trendPerDay) })}</dd>
    <dt>${t('pharmacy.forecast.method')}</dt><dd>${f.method || ''}</dd>
    <dt>${t('pharmacy.forecast.mape')}</dt><dd id="pharmacy-forecast-mape">${mape === null || !Number.isFinite(mape)
      ? t('pharmacy.forecast.noMape') : t('pharmacy.forecast.percent', { value: ctx.fmt.number(Math.round(mape * 10) / 10) })}</dd>
  </dl>`;
}

/** The same days as a table, history then forecast. */
export function forecastTable(ctx, f, id) {
  const t = (k, p) => ctx.t(k, p);
  const rows = [...(f.history || []).map((p) => ({ ...p, kind: 'history' })),
    ...(f.forecast || []).map((p) => ({ ...p, kind: 'forecast' }))];
  if (!rows.length) return nothing;
  return html`<details><summary>${t('pharmacy.forecast.tableTitle')}</summary>
    ${scrollTable(t('pharmacy.forecast.tableTitle'), html`<table id=${id}>
      <caption class="visually-hidden">${t('pharmacy.forecast.tableTitle')}</caption>
      <thead><tr><th scope="col">${t('pharmacy.col.day')}</th><th scope="col">${t('pharmacy.col.quantity')}</th>
        <th scope="col">${t('pharmacy.forecast.kind')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${ctx.fmt.date(r.day)}</td><td>${qty(ctx, r.quantity)}</td>
        <td>${t(`pharmacy.forecast.${r.kind}`)}</td></tr>`)}</tbody></table>`)}</details>`;
}
