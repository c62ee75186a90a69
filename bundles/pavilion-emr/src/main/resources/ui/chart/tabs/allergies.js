// Allergies tab: every allergy and intolerance with its status, the form to record one, and "no known allergies"
// (recorded as the SNOMED CT concept 716186003, which the banner reads back).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, formBody, alertRegion, options, isNoKnownAllergy, NO_KNOWN_ALLERGY, can } from '../util.js';

const SEVERITIES = ['MILD', 'MODERATE', 'SEVERE', 'LIFE_THREATENING', 'UNKNOWN'];
const KINDS = ['ALLERGY', 'INTOLERANCE'];

class ChartAllergies extends ChartPanel {
  async load() {
    this.items = await this.api.get(this.api.rec('/allergies'));
  }

  async submit(e) {
    e.preventDefault();
    const form = e.target;
    if (!this.formIsValid(form)) {
      return;
    }
    await this.save(formBody(form), form);
  }

  async recordNone() {
    await this.save({ substance: this.ctx.t('emr.chart.allergy.noneSubstance'), ...NO_KNOWN_ALLERGY,
      severity: 'UNKNOWN' }, null);
  }

  async save(body, form) {
    await this.saveEntry(async () => {
      await this.api.post(this.api.rec('/allergies'), body);
      if (form) {
        form.reset();
      }
    }, this.ctx.t('emr.chart.allergy.saved'));
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const items = this.items || [];
    const active = items.filter((a) => a.status === 'ACTIVE');
    // "No known allergies" stays ACTIVE in the record (entries cannot be edited): a real allergy supersedes it.
    const superseded = active.some((a) => !isNoKnownAllergy(a));
    const canEdit = can(this.ctx, 'emr.record.edit');
    render(html`<h2>${t('emr.chart.tab.allergies')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.busy && !this.items ? html`<p>${t('emr.chart.loading')}</p>` : nothing}
      ${this.items && !items.length ? html`<p>${t('emr.chart.banner.notRecorded')}</p>` : nothing}
      ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table">
        <caption class="chart-visually-hidden">${t('emr.chart.tab.allergies')}</caption>
        <thead><tr>
          <th scope="col">${t('emr.chart.allergy.substance')}</th><th scope="col">${t('emr.chart.allergy.severity')}</th>
          <th scope="col">${t('emr.chart.allergy.reaction')}</th><th scope="col">${t('emr.chart.allergy.kind')}</th>
          <th scope="col">${t('emr.chart.status')}</th><th scope="col">${t('emr.chart.recorded')}</th></tr></thead>
        <tbody>${items.map((a) => html`<tr class=${a.status === 'ACTIVE' && !isNoKnownAllergy(a) ? 'chart-row-alert' : ''}>
          <td>${isNoKnownAllergy(a) ? t('emr.chart.banner.none') : a.substance}</td>
          <td>${isNoKnownAllergy(a) ? '' : label(this.ctx, 'severity', a.severity)}</td><td>${a.reaction || ''}</td>
          <td>${label(this.ctx, 'allergyKind', a.kind)}</td>
          <td>${superseded && isNoKnownAllergy(a) && a.status === 'ACTIVE' ? t('emr.chart.allergy.superseded')
            : label(this.ctx, 'allergyStatus', a.status)}</td>
          <td>${this.ctx.fmt.dateTime(a.recordedAt)}<br><span class="chart-muted">${a.recordedBy}</span></td></tr>`)}
        </tbody></table></div>` : nothing}
      ${canEdit ? html`
      ${this.items && !active.length ? html`<p><button type="button" id="record-no-known-allergies"
          ?disabled=${this.saving} @click=${() => this.recordNone()}>${t('emr.chart.allergy.recordNone')}</button></p>` : nothing}
      <form id="allergy-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.allergy.add')}</h3>
        <div class="chart-field"><label for="allergy-substance">${t('emr.chart.allergy.substance')}</label>
          <input id="allergy-substance" name="substance" required maxlength="200" autocomplete="off"></div>
        <div class="chart-field"><label for="allergy-severity">${t('emr.chart.allergy.severity')}</label>
          <select id="allergy-severity" name="severity" required>
            ${options(this.ctx, 'severity', SEVERITIES, null, 'emr.chart.choose')}</select></div>
        <div class="chart-field"><label for="allergy-reaction">${t('emr.chart.allergy.reaction')}</label>
          <input id="allergy-reaction" name="reaction" maxlength="500"></div>
        <div class="chart-field"><label for="allergy-kind">${t('emr.chart.allergy.kind')}</label>
          <select id="allergy-kind" name="kind">${options(this.ctx, 'allergyKind', KINDS, 'ALLERGY')}</select></div>
        ${alertRegion('allergy-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.save')}</button></div>
      </form>` : nothing}`, this);
  }
}

customElements.define('emr-chart-allergies', ChartAllergies);
