// Vitals tab: record an observation, a chart of one vital sign over time (uPlot; blood pressure draws systolic
// and diastolic together) and, as its accessible alternative, a table of every observation.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import uPlot from '/ui/lib/uplot/uPlot.esm.js';
import { ChartPanel, alertRegion, localToIso, can } from '../util.js';

/** The EMR's fixed vital-sign vocabulary (VitalSign.java) with its UCUM units and plausible ranges. */
export const VITALS = [
  { code: 'heart-rate', unit: '/min', min: 20, max: 300, step: '1' },
  { code: 'systolic-bp', unit: 'mm[Hg]', min: 40, max: 300, step: '1' },
  { code: 'diastolic-bp', unit: 'mm[Hg]', min: 20, max: 200, step: '1' },
  { code: 'body-temperature', unit: 'Cel', min: 25, max: 45, step: '0.1' },
  { code: 'respiratory-rate', unit: '/min', min: 2, max: 80, step: '1' },
  { code: 'spo2', unit: '%', min: 40, max: 100, step: '1' },
  { code: 'body-weight', unit: 'kg', min: 0.2, max: 500, step: '0.1' },
  { code: 'body-height', unit: 'cm', min: 20, max: 280, step: '0.1' },
];
const HISTORY = 200;
const BP = 'blood-pressure';
const COLOURS = ['#0b5cad', '#b3261e'];

class ChartVitals extends ChartPanel {
  constructor() {
    super();
    this.code = 'heart-rate';
    this.graph = 'heart-rate';
  }

  async load() {
    this.items = await this.api.get(this.api.rec('/observations'), { size: HISTORY });
  }

  async submit(e) {
    e.preventDefault();
    const form = e.target;
    if (!this.formIsValid(form, 'emr.chart.vitals.invalid')) {
      return;
    }
    const code = form.elements.code.value;
    const effectiveAt = localToIso(form.elements.effectiveAt.value);
    const entry = (c, value) => ({ code: c, value: Number(value), unit: VITALS.find((v) => v.code === c).unit, effectiveAt });
    // Blood pressure is one reading to the clinician, two observations to the record: sent one after the other.
    const bodies = code === BP
      ? [entry('systolic-bp', form.elements.value.value), entry('diastolic-bp', form.elements.diastolic.value)]
      : [entry(code, form.elements.value.value)];
    await this.saveEntry(async () => {
      let at = effectiveAt;
      for (const body of bodies) {
        // The second of a pair takes the first one's instant (the server's "now" when the field was left empty).
        const saved = await this.api.post(this.api.rec('/observations'), { ...body, effectiveAt: at });
        at = at || (saved && saved.effectiveAt) || undefined;
      }
      form.elements.value.value = '';
      if (form.elements.diastolic) {
        form.elements.diastolic.value = '';
      }
      form.elements.effectiveAt.value = '';
      this.graph = code === 'systolic-bp' || code === 'diastolic-bp' ? BP : code;
    }, this.ctx.t('emr.chart.vitals.saved'));
  }

  series() {
    const codes = this.graph === BP ? ['systolic-bp', 'diastolic-bp'] : [this.graph];
    const byCode = codes.map((c) => (this.items || []).filter((o) => o.code === c));
    const times = [...new Set(byCode.flat().map((o) => Date.parse(o.effectiveAt) / 1000))].sort((a, b) => a - b);
    const data = [times];
    byCode.forEach((list) => {
      const at = new Map(list.map((o) => [Date.parse(o.effectiveAt) / 1000, o.value]));
      data.push(times.map((x) => (at.has(x) ? at.get(x) : null)));
    });
    return { codes, data };
  }

  drawGraph() {
    const host = this.querySelector('#vitals-graph');
    if (!host) {
      return;
    }
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
    host.replaceChildren();
    const { codes, data } = this.series();
    if (data[0].length < 1 || !this.active) {
      return;
    }
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const width = Math.max(280, Math.min(host.clientWidth || 640, 900));
    // Axis ticks in the user's language (short day and month; the full date and time are in the legend and table).
    const tick = new Intl.DateTimeFormat(this.ctx.locale || undefined, { day: 'numeric', month: 'short' });
    this.plot = new uPlot({
      width,
      height: 240,
      title: '',
      scales: { x: { time: true } },
      series: [
        { label: t('emr.chart.vitals.at'), value: (u, v) => (v == null ? '' : fmt.dateTime(new Date(v * 1000).toISOString())) },
        ...codes.map((c, i) => ({
          label: t(`emr.chart.vital.${c}`),
          stroke: COLOURS[i],
          width: 2,
          spanGaps: true,
          points: { show: true, size: 6 },
          value: (u, v) => (v == null ? '' : `${fmt.number(v)} ${t(`emr.chart.unit.${c}`)}`),
        })),
      ],
      axes: [{ values: (u, vals) => vals.map((v) => tick.format(new Date(v * 1000))) },
        { values: (u, vals) => vals.map((v) => fmt.number(v)) }],
    }, data, host);
  }

  /** A number input for one vital sign with its unit and plausible range (the server checks the same range). */
  valueField(id, name, vital, labelKey) {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const unit = t(`emr.chart.unit.${vital.code}`);
    return html`<div class="chart-field"><label for=${id}>${labelKey ? t(labelKey, { unit })
        : t('emr.chart.vitals.value', { unit })}</label>
      <input id=${id} name=${name} type="number" required inputmode="decimal" step=${vital.step}
        min=${vital.min} max=${vital.max} aria-describedby=${`${id}-range`}>
      <p id=${`${id}-range`} class="chart-help">${t('emr.chart.vitals.range', {
        min: fmt.number(vital.min), max: fmt.number(vital.max), unit })}</p></div>`;
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const items = this.items || [];
    const canEdit = can(this.ctx, 'emr.record.edit');
    const vital = VITALS.find((v) => v.code === (this.code === BP ? 'systolic-bp' : this.code));
    const graphChoices = [...VITALS.map((v) => v.code).filter((c) => c !== 'systolic-bp' && c !== 'diastolic-bp'), BP];
    render(html`<h2>${t('emr.chart.tab.vitals')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${canEdit ? html`<form id="vitals-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.vitals.add')}</h3>
        <div class="chart-field"><label for="vitals-code">${t('emr.chart.vitals.sign')}</label>
          <select id="vitals-code" name="code" @change=${(e) => { this.code = e.target.value; this.paint(); }}>
            ${VITALS.map((v) => html`<option value=${v.code} ?selected=${v.code === this.code}>${t(`emr.chart.vital.${v.code}`)}</option>`)}
            <option value=${BP} ?selected=${this.code === BP}>${t(`emr.chart.vital.${BP}`)}</option>
          </select></div>
        ${this.valueField('vitals-value', 'value', vital, this.code === BP ? 'emr.chart.vitals.systolic' : null)}
        ${this.code === BP ? this.valueField('vitals-diastolic', 'diastolic', VITALS.find((v) => v.code === 'diastolic-bp'),
          'emr.chart.vitals.diastolic') : nothing}
        <div class="chart-field"><label for="vitals-at">${t('emr.chart.vitals.at')}</label>
          <input id="vitals-at" name="effectiveAt" type="datetime-local" aria-describedby="vitals-at-help"></div>
        <p id="vitals-at-help" class="chart-help">${t('emr.chart.vitals.atHelp')}</p>
        ${alertRegion('vitals-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.save')}</button></div>
      </form>` : nothing}
      <section aria-labelledby="vitals-graph-title">
        <h3 id="vitals-graph-title">${t('emr.chart.vitals.graph')}</h3>
        <div class="chart-field"><label for="vitals-graph-code">${t('emr.chart.vitals.show')}</label>
          <select id="vitals-graph-code" @change=${(e) => { this.graph = e.target.value; this.paint(); }}>
            ${graphChoices.map((c) => html`<option value=${c} ?selected=${c === this.graph}>${t(`emr.chart.vital.${c}`)}</option>`)}
          </select></div>
        <p class="chart-help">${t('emr.chart.vitals.tableHint')}</p>
        <div id="vitals-graph" class="chart-graph" aria-hidden="true"></div>
        ${this.items && !this.series().data[0].length ? html`<p>${t('emr.chart.vitals.noneForSign')}</p>` : nothing}
      </section>
      <section aria-labelledby="vitals-table-title">
        <h3 id="vitals-table-title">${t('emr.chart.vitals.table')}</h3>
        ${this.items && !items.length ? html`<p>${t('emr.chart.summary.noneRecorded')}</p>` : nothing}
        ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table" id="vitals-table">
          <caption class="chart-visually-hidden">${t('emr.chart.vitals.table')}</caption>
          <thead><tr><th scope="col">${t('emr.chart.vitals.at')}</th><th scope="col">${t('emr.chart.vitals.sign')}</th>
            <th scope="col">${t('emr.chart.vitals.valueShort')}</th><th scope="col">${t('emr.chart.recordedBy')}</th></tr></thead>
          <tbody>${items.map((o) => html`<tr><td>${fmt.dateTime(o.effectiveAt)}</td>
            <td>${t(`emr.chart.vital.${o.code}`)}</td><td>${fmt.number(o.value)} ${t(`emr.chart.unit.${o.code}`)}</td>
            <td>${o.recordedBy}</td></tr>`)}</tbody></table></div>` : nothing}
      </section>`, this);
    this.drawGraph();
  }
}

customElements.define('emr-chart-vitals', ChartVitals);
