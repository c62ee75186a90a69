// Chart tab /chart/lab for ctx.state.patientId (the MRN): the patient's orders and their progress, the "Order tests"
// form, released results with flags (corrections marked) and a trend per numeric test.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, can, errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, priorityLabel, statusLabel, flagBadge, valueText, isNumeric, go } from './common.js';
import { OrderForm } from './order-form.js';
import { OrderCancel } from './order-cancel.js';
import { drawTrend, trendTable } from './trend.js';

class LabChart extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.patientId = ctx.state && ctx.state.patientId;
    this.form = new OrderForm(this, () => this.loadOrders());
    this.cancel = new OrderCancel(this, () => this.loadOrders());
    useStyles();
    this.paint();
    if (!this.patientId) {
      this.error = ctx.t('lab.chart.noPatient');
      this.paint();
      return;
    }
    this.loadOrders();
    if (can(ctx, 'lab.result.view')) this.loadResults();
  }

  get ctx() {
    return this._ctx;
  }

  disconnectedCallback() {
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.drawn = null;
  }

  async loadOrders() {
    try {
      this.orders = (await this._ctx.api.get(`${BASE}/orders`, { patientId: this.patientId, size: 50 })).items || [];
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  async loadResults() {
    const mrn = encodeURIComponent(this.patientId);
    try {
      this.results = (await this._ctx.api.get(`${BASE}/patients/${mrn}/results`, { size: 200 })).items || [];
      const numeric = this.numericTests();
      if (!this.testCode && numeric.length) this.testCode = numeric[0].code;
      this.resultsError = '';
    } catch (err) {
      this.resultsError = errorText(this._ctx, err);
    }
    this.paint();
    if (this.testCode) this.loadTrend();
  }

  /** Tests with at least one numeric released value: the ones a trend can be drawn for. */
  numericTests() {
    const seen = new Map();
    (this.results || []).filter((r) => isNumeric(r.value)).forEach((r) => seen.set(r.testCode, { code: r.testCode, name: r.testName }));
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async loadTrend() {
    const mrn = encodeURIComponent(this.patientId);
    try {
      this.trend = await this._ctx.api.get(`${BASE}/patients/${mrn}/trend`, { test: this.testCode });
      this.trendError = '';
    } catch (err) {
      this.trend = null;
      this.trendError = errorText(this._ctx, err);
    }
    this.paint();
  }

  /** The nurse at the bedside marks the specimen collected (then prints its label from the link). */
  async collect(specimen) {
    const ctx = this._ctx;
    let failure = '';
    try {
      await ctx.api.post(`${BASE}/specimens/${encodeURIComponent(specimen.id)}/collect`, {});
      ctx.notify(ctx.t('lab.chart.collected', { specimen: specimen.id }), 'success');
    } catch (err) {
      // 409: a colleague collected it first; the reload shows the specimen as it is.
      failure = errorText(ctx, err);
    }
    await this.loadOrders();
    this.error = failure;
    this.paint();
  }

  ordersTable() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const label = can(ctx, 'lab.specimen.collect');
    return scrollTable(t('lab.chart.orders'), html`<table id="lab-chart-orders">
      <caption>${t('lab.chart.orders')}</caption>
      <thead><tr><th scope="col">${t('lab.col.order')}</th><th scope="col">${t('lab.col.placed')}</th>
        <th scope="col">${t('lab.col.priority')}</th><th scope="col">${t('lab.col.status')}</th>
        <th scope="col">${t('lab.col.tests')}</th><th scope="col">${t('lab.col.specimens')}</th></tr></thead>
      <tbody>${this.orders.length ? this.orders.map((o) => html`<tr class=${o.priority === 'STAT' ? 'lab-stat' : ''}>
        <td>${o.orderNumber}</td><td>${ctx.fmt.dateTime(o.placedAt)}</td><td>${priorityLabel(ctx, o.priority)}</td>
        <td>${statusLabel(ctx, o.status)}${o.cancelReason ? html`<br><span class="hint">${o.cancelReason}</span>` : nothing}
          ${can(ctx, 'lab.order.cancel') && OrderCancel.offered(o) ? html`<br><button type="button" class="button button-quiet"
            aria-label=${t('lab.cancelOrder.for', { number: o.orderNumber })} @click=${() => this.cancel.ask(o)}>
            ${t('lab.cancelOrder.button')}</button>` : nothing}</td>
        <td><ul class="lab-plain">${(o.items || []).map((i) => html`<li>${i.testName}: ${statusLabel(ctx, i.status)}${
          i.result && i.result.status === 'RELEASED' ? html` · ${valueText(ctx, i.result.value, i.result.unit)} ${flagBadge(ctx, i.result.flag, i.result.critical)}` : nothing}</li>`)}</ul></td>
        <td>${(o.specimens || []).map((s) => html`<div>${label ? html`<a href="/lab/specimens/label"
            aria-label=${t('lab.chart.labelFor', { specimen: s.id })}
            @click=${go(ctx, '/lab/specimens/label', { specimenId: s.id })}>${s.id}</a>` : s.id}
          <span class="hint">${s.specimenType} · ${statusLabel(ctx, s.status)}</span>
          ${label && s.status === 'ORDERED' && o.status === 'ACTIVE' ? html`<button type="button" class="button button-quiet"
            aria-label=${t('lab.chart.collectFor', { specimen: s.id })} @click=${() => this.collect(s)}>${t('lab.chart.collect')}</button>`
            : nothing}</div>`)}</td></tr>`)
        : html`<tr><td colspan="6">${t('lab.chart.noOrders')}</td></tr>`}</tbody></table>`);
  }

  resultsTable() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const results = this.results || [];
    return html`<section class="lab-panel" aria-labelledby="lab-chart-results-title">
      <h3 id="lab-chart-results-title">${t('lab.chart.results')}</h3>
      ${alertRegion(this.resultsError, 'lab-chart-results-error')}
      ${this.results && !results.length ? html`<p>${t('lab.chart.noResults')}</p>` : nothing}
      ${results.length ? scrollTable(t('lab.chart.results'), html`<table id="lab-chart-results">
        <caption class="visually-hidden">${t('lab.chart.results')}</caption>
        <thead><tr><th scope="col">${t('lab.col.observed')}</th><th scope="col">${t('lab.col.test')}</th>
          <th scope="col">${t('lab.col.value')}</th><th scope="col">${t('lab.col.flag')}</th>
          <th scope="col">${t('lab.col.range')}</th><th scope="col">${t('lab.col.comment')}</th></tr></thead>
        <tbody>${results.map((r) => html`<tr class=${r.critical ? 'lab-row-critical' : ''}>
          <td>${ctx.fmt.dateTime(r.observedAt || r.releasedAt)}</td><td>${r.testName}</td>
          <td>${valueText(ctx, r.value, r.unit)}${r.corrected ? html` <span class="lab-corrected">${t('lab.result.corrected')}</span>` : nothing}</td>
          <td>${flagBadge(ctx, r.flag, r.critical)}</td><td>${r.referenceRange || ''}</td><td>${r.comment || ''}</td></tr>`)}
        </tbody></table>`) : nothing}
    </section>`;
  }

  trendSection() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const tests = this.numericTests();
    if (!tests.length) return nothing;
    return html`<section class="lab-panel" aria-labelledby="lab-chart-trend-title">
      <h3 id="lab-chart-trend-title">${t('lab.trend.title')}</h3>
      <div class="field"><label for="lab-chart-trend-test">${t('lab.trend.test')}</label>
        <select id="lab-chart-trend-test" @change=${(e) => { this.testCode = e.target.value; this.loadTrend(); }}>
          ${tests.map((c) => html`<option value=${c.code} ?selected=${c.code === this.testCode}>${c.name}</option>`)}
        </select></div>
      ${alertRegion(this.trendError, 'lab-chart-trend-error')}
      <p class="hint">${t('lab.trend.tableHint')}</p>
      <div id="lab-chart-trend" class="lab-trend" aria-hidden="true"></div>
      ${this.trend ? trendTable(ctx, this.trend, 'lab-chart-trend-table') : nothing}
    </section>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<h2>${t('lab.page.chart')}</h2>
      ${alertRegion(this.error, 'lab-chart-error')}
      ${this.orders ? this.ordersTable() : html`<p role="status">${this.error ? '' : t('lab.loading')}</p>`}
      ${this.cancel.view()}
      ${this.patientId && can(ctx, 'lab.order.place') ? this.form.view() : nothing}
      ${can(ctx, 'lab.result.view') ? html`${this.resultsTable()}${this.trendSection()}` : nothing}`, this);
    // The canvas survives re-renders (lit-html keeps the element): draw only when another trend arrived.
    if (this.trend && this.drawn !== this.trend) {
      this.plot = drawTrend(this.querySelector('#lab-chart-trend'), ctx, this.trend, this.plot);
      this.drawn = this.trend;
    }
  }
}

if (!customElements.get('lab-chart')) {
  customElements.define('lab-chart', LabChart);
}
