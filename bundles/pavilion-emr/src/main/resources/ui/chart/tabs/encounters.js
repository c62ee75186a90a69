// Encounters tab: the patient's encounters, open one, close an open one.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, alertRegion, options, can, listStatus } from '../util.js';

const KINDS = ['OUTPATIENT', 'EMERGENCY', 'ADMISSION', 'TELECONSULTATION'];

class ChartEncounters extends ChartPanel {
  async load() {
    this.items = await this.api.get(this.api.rec('/encounters'), { size: 50 });
  }

  submit(e) {
    return this.postForm(e, '/encounters', this.ctx.t('emr.chart.enc.opened'));
  }

  async close(enc) {
    await this.rowAction(() => this.api.post(this.api.rec(`/encounters/${encodeURIComponent(enc.id)}/close`), {}),
      this.ctx.t('emr.chart.enc.closed'));
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const items = this.items || [];
    const canEdit = can(this.ctx, 'emr.record.edit');
    render(html`<h2>${t('emr.chart.tab.encounters')}</h2>
      ${listStatus(this.ctx, this.error, this.items)}
      ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table" id="encounters-table">
        <caption class="chart-visually-hidden">${t('emr.chart.tab.encounters')}</caption>
        <thead><tr><th scope="col">${t('emr.chart.enc.kind')}</th><th scope="col">${t('emr.chart.status')}</th>
          <th scope="col">${t('emr.chart.enc.period')}</th><th scope="col">${t('emr.chart.enc.location')}</th>
          <th scope="col">${t('emr.chart.enc.attending')}</th><th scope="col">${t('emr.chart.enc.reason')}</th>
          ${canEdit ? html`<th scope="col">${t('emr.chart.actions')}</th>` : nothing}</tr></thead>
        <tbody>${items.map((e) => html`<tr>
          <td>${label(this.ctx, 'encounterKind', e.kind)}</td><td>${label(this.ctx, 'encounterStatus', e.status)}</td>
          <td>${fmt.dateTime(e.openedAt)}${e.closedAt ? html` – ${fmt.dateTime(e.closedAt)}` : nothing}</td>
          <td>${e.location || ''}</td><td>${e.attendingName || e.attending || ''}</td><td>${e.reason || ''}</td>
          ${canEdit ? html`<td>${e.status === 'OPEN' ? html`<button type="button" @click=${() => this.close(e)}
            aria-label=${t('emr.chart.enc.closeNamed', { kind: label(this.ctx, 'encounterKind', e.kind), when: fmt.dateTime(e.openedAt) })}>
            ${t('emr.chart.enc.close')}</button>` : nothing}</td>` : nothing}
        </tr>`)}</tbody></table></div>` : nothing}
      ${canEdit ? html`<form id="encounter-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.enc.add')}</h3>
        <div class="chart-field"><label for="enc-kind">${t('emr.chart.enc.kind')}</label>
          <select id="enc-kind" name="kind" required>${options(this.ctx, 'encounterKind', KINDS, null, 'emr.chart.choose')}</select></div>
        <div class="chart-field"><label for="enc-location">${t('emr.chart.enc.location')}</label>
          <input id="enc-location" name="location" maxlength="100" aria-describedby="enc-location-help">
          <p id="enc-location-help" class="chart-help">${t('emr.chart.enc.locationHelp')}</p></div>
        <div class="chart-field"><label for="enc-reason">${t('emr.chart.enc.reason')}</label>
          <input id="enc-reason" name="reason" maxlength="500"></div>
        ${alertRegion('encounter-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.enc.open')}</button></div>
      </form>` : nothing}`, this);
  }
}

customElements.define('emr-chart-encounters', ChartEncounters);
