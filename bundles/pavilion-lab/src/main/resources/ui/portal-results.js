// Portal /portal/results: the patient's own released results in plain words ("above the normal range"), newest
// first, and a trend per test drawn from the same results (the patient reads only GET /portal/results).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, valueText, isNumeric } from './common.js';
import { drawTrend, trendTable } from './trend.js';

const SIZE = 100;

/** A flag in plain words for the patient (no letters, no "critical" jargon). */
export function plainFlag(ctx, flag) {
  return flag ? ctx.t(`lab.flag.plain.${flag}`) : '';
}

class LabPortalResults extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.load(0);
  }

  disconnectedCallback() {
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.drawn = null;
  }

  async load(page) {
    try {
      this.page = await this._ctx.api.get(`${BASE}/portal/results`, { page, size: SIZE });
      const tests = this.tests();
      if (!tests.some((c) => c.code === this.testCode)) this.testCode = tests.length ? tests[0].code : null;
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  items() {
    return (this.page && this.page.items) || [];
  }

  /** Tests with at least two numeric values on this page: a trend needs more than one point. */
  tests() {
    const count = new Map();
    this.items().filter((r) => isNumeric(r.value)).forEach((r) => {
      const c = count.get(r.testCode) || { code: r.testCode, name: r.testName, n: 0 };
      c.n += 1;
      count.set(r.testCode, c);
    });
    return [...count.values()].filter((c) => c.n > 1).sort((a, b) => a.name.localeCompare(b.name));
  }

  trend() {
    const mine = this.items().filter((r) => r.testCode === this.testCode && isNumeric(r.value));
    if (!mine.length) return null;
    return { testCode: this.testCode, testName: mine[0].testName, unit: mine[0].unit,
      points: mine.map((r) => ({ at: r.observedAt || r.releasedAt, value: r.value, flag: r.flag })), ranges: [] };
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = this.items();
    const tests = this.tests();
    const trend = this.testCode ? this.trend() : null;
    render(html`<div class="page">
      <h1>${t('lab.page.portal')}</h1>
      <p class="hint">${t('lab.portal.intro')}</p>
      ${alertRegion(this.error, 'lab-portal-error')}
      ${this.page && !items.length ? html`<p>${t('lab.portal.none')}</p>` : nothing}
      ${items.length ? scrollTable(t('lab.portal.caption'), html`<table id="lab-portal-table" class="lab-stack" role="table">
        <caption>${t('lab.portal.caption')}</caption>
        <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${t('lab.col.observed')}</th>
          <th scope="col" role="columnheader">${t('lab.col.test')}</th><th scope="col" role="columnheader">${t('lab.col.value')}</th>
          <th scope="col" role="columnheader">${t('lab.portal.meaning')}</th>
          <th scope="col" role="columnheader">${t('lab.portal.normal')}</th></tr></thead>
        <tbody role="rowgroup">${items.map((r) => html`<tr role="row">
          <td role="cell" data-label=${t('lab.col.observed')}>${ctx.fmt.dateTime(r.observedAt || r.releasedAt)}</td>
          <td role="cell" data-label=${t('lab.col.test')}>${r.testName}</td>
          <td role="cell" data-label=${t('lab.col.value')}>${valueText(ctx, r.value, r.unit)}${r.corrected ? html` <span class="lab-corrected">${t('lab.portal.corrected')}</span>` : nothing}</td>
          <td role="cell" data-label=${t('lab.portal.meaning')}>${plainFlag(ctx, r.flag)}</td>
          <td role="cell" data-label=${t('lab.portal.normal')}>${r.referenceRange || ''}</td></tr>`)}</tbody></table>`) : nothing}
      ${pager(ctx, this.page, (n) => this.load(n), t('lab.portal.pages'))}
      ${tests.length ? html`<section class="lab-panel" aria-labelledby="lab-portal-trend-title">
        <h2 id="lab-portal-trend-title">${t('lab.trend.title')}</h2>
        <div class="field"><label for="lab-portal-trend-test">${t('lab.trend.test')}</label>
          <select id="lab-portal-trend-test" @change=${(e) => { this.testCode = e.target.value; this.paint(); }}>
            ${tests.map((c) => html`<option value=${c.code} ?selected=${c.code === this.testCode}>${c.name}</option>`)}</select></div>
        <p class="hint">${t('lab.trend.tableHint')}</p>
        <div id="lab-portal-trend" class="lab-trend" aria-hidden="true"></div>
        ${trend ? trendTable(ctx, trend, 'lab-portal-trend-table', (f) => plainFlag(ctx, f), true) : nothing}
      </section>` : nothing}
    </div>`, this);
    const key = trend ? `${this.testCode}@${this.page.page}` : null;
    if (trend && this.drawn !== key) {
      this.plot = drawTrend(this.querySelector('#lab-portal-trend'), ctx, trend, this.plot);
      this.drawn = key;
    }
  }
}

if (!customElements.get('lab-portal-results')) {
  customElements.define('lab-portal-results', LabPortalResults);
}
