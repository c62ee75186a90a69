// Prescriptions tab: current and past prescriptions (with what the pharmacy dispensed), prescribe, stop. With the
// pharmacy module running, the drug field offers its catalogue's medicines and the prescription carries the item's
// code (drugCode); without it the drug is free text.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, alertRegion, options, can, listStatus } from '../util.js';
import { pharmacyCatalogueAvailable, itemLabel, searchMedicines, dispensedText } from '../pharmacy.js';

const ROUTES = ['ORAL', 'IV', 'IM', 'SC', 'SUBLINGUAL', 'TOPICAL', 'INHALED', 'RECTAL', 'OTHER'];
const SEARCH_DELAY_MS = 250;
const MIN_SEARCH_LENGTH = 2;

class ChartPrescriptions extends ChartPanel {
  async load() {
    // Whether the pharmacy runs is asked once per chart: the form is drawn accordingly.
    const [items, catalogue] = await Promise.all([this.api.get(this.api.rec('/prescriptions')),
      this.catalogue === undefined ? pharmacyCatalogueAvailable(this.ctx) : this.catalogue]);
    this.items = items;
    this.catalogue = catalogue;
  }

  submit(e) {
    return this.postForm(e, '/prescriptions', this.ctx.t('emr.chart.rx.saved'), {
      cleared: () => {
        this.chosen = null;
        this.medicines = [];
      },
    });
  }

  /** The drug field changed: an exact catalogue label picks that item; anything else is free text, and searched. */
  drugTyped(value) {
    const typed = value.trim();
    this.chosen = (this.medicines || []).find((m) => itemLabel(m) === typed) || null;
    this.paint();
    clearTimeout(this.searchTimer);
    if (!this.chosen && typed.length >= MIN_SEARCH_LENGTH) {
      this.searchTimer = setTimeout(() => this.searchCatalogue(typed), SEARCH_DELAY_MS);
    }
  }

  async searchCatalogue(typed) {
    const found = await searchMedicines(this.ctx, typed);
    const field = this.querySelector('#rx-drug');
    if (!field || field.value.trim() !== typed) {
      return; // typed on meanwhile: a newer search answers
    }
    this.medicines = found;
    this.chosen = found.find((m) => itemLabel(m) === typed) || null;
    this.paint();
  }

  // One input element whether or not the catalogue is known yet: the answer comes after the first paint, and a
  // different template would replace the field under a clerk already typing (losing what was typed).
  drugField(t) {
    const catalogue = Boolean(this.catalogue);
    const medicines = this.medicines || [];
    return html`<div class="chart-field"><label for="rx-drug">${t('emr.chart.rx.drug')}</label>
      <input id="rx-drug" name="drug" required maxlength="200" autocomplete="off"
        list=${catalogue ? 'rx-drug-options' : nothing} aria-describedby=${catalogue ? 'rx-drug-help' : nothing}
        @input=${(e) => { if (this.catalogue) { this.drugTyped(e.target.value); } }}>
      ${catalogue ? html`<datalist id="rx-drug-options">${medicines.map((m) => html`<option value=${itemLabel(m)}>${[m.code,
        m.genericName, m.unitOfIssue].filter(Boolean).join(' · ')}</option>`)}</datalist>
      <input type="hidden" name="drugCode" .value=${this.chosen ? this.chosen.code : ''}>
      <p id="rx-drug-help" class="chart-help" aria-live="polite">${this.chosen
        ? t('emr.chart.rx.fromCatalogue', { code: this.chosen.code })
        : t('emr.chart.rx.catalogueHelp')}</p>` : nothing}</div>`;
  }

  askStop(rx) {
    this.confirming = rx.id;
    this.paint();
    const yes = this.querySelector('#rx-confirm-stop');
    if (yes) {
      yes.focus();
    }
  }

  keep() {
    this.confirming = null;
    this.paint();
  }

  async stop(rx) {
    this.confirming = null;
    this.paint();
    await this.rowAction(() => this.api.post(this.api.rec(`/prescriptions/${encodeURIComponent(rx.id)}/stop`), {}),
      this.ctx.t('emr.chart.rx.stopped', { drug: rx.drug }));
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const items = this.items || [];
    const canWrite = can(this.ctx, 'emr.prescription.write');
    render(html`<h2>${t('emr.chart.tab.prescriptions')}</h2>
      ${listStatus(this.ctx, this.error, this.items)}
      ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table" id="prescriptions-table">
        <caption class="chart-visually-hidden">${t('emr.chart.tab.prescriptions')}</caption>
        <thead><tr><th scope="col">${t('emr.chart.rx.drug')}</th><th scope="col">${t('emr.chart.rx.dosing')}</th>
          <th scope="col">${t('emr.chart.rx.period')}</th><th scope="col">${t('emr.chart.status')}</th>
          <th scope="col">${t('emr.chart.rx.prescriber')}</th>${canWrite ? html`<th scope="col">${t('emr.chart.actions')}</th>` : nothing}</tr></thead>
        <tbody>${items.map((rx) => html`<tr class=${rx.current ? '' : 'chart-row-past'}>
          <td><strong>${rx.drug}</strong>${rx.drugCode ? html` <span class="chart-muted rx-code">${rx.drugCode}</span>` : nothing}${rx.instructions ? html`<br><span class="chart-muted">${rx.instructions}</span>` : nothing}</td>
          <td>${rx.dose}, ${label(this.ctx, 'route', rx.route)}, ${rx.frequency}</td>
          <td>${t('emr.chart.rx.fromTo', { from: fmt.date(rx.startDate), to: fmt.date(rx.endDate) })}</td>
          <td>${rx.current ? t('emr.chart.rx.current') : label(this.ctx, 'rxStatus', rx.status)}
            ${rx.stoppedAt ? html`<br><span class="chart-muted">${t('emr.chart.rx.stoppedBy', { by: rx.stoppedBy, when: fmt.dateTime(rx.stoppedAt) })}</span>` : nothing}
            ${rx.lastDispensedAt ? html`<br>${dispensedText(this.ctx, rx)}` : nothing}</td>
          <td>${rx.prescriber}</td>
          ${canWrite ? html`<td>${rx.current && this.confirming === rx.id ? html`<div role="group"
              aria-label=${t('emr.chart.rx.confirmStop', { drug: rx.drug })}>
              <p>${t('emr.chart.rx.confirmStop', { drug: rx.drug })}</p>
              <button type="button" id="rx-confirm-stop" class="chart-danger" @click=${() => this.stop(rx)}>${t('emr.chart.rx.stopYes')}</button>
              <button type="button" @click=${() => this.keep()}>${t('emr.chart.rx.keep')}</button></div>`
            : rx.current ? html`<button type="button" class="chart-danger rx-stop" @click=${() => this.askStop(rx)}
              aria-label=${t('emr.chart.rx.stopNamed', { drug: rx.drug })}>${t('emr.chart.rx.stop')}</button>` : nothing}</td>` : nothing}
        </tr>`)}</tbody></table></div>` : nothing}
      ${canWrite ? html`<form id="prescription-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.rx.add')}</h3>
        ${this.drugField(t)}
        <div class="chart-field"><label for="rx-dose">${t('emr.chart.rx.dose')}</label>
          <input id="rx-dose" name="dose" required maxlength="100" aria-describedby="rx-dose-help">
          <p id="rx-dose-help" class="chart-help">${t('emr.chart.rx.doseHelp')}</p></div>
        <div class="chart-field"><label for="rx-route">${t('emr.chart.rx.route')}</label>
          <select id="rx-route" name="route" required>${options(this.ctx, 'route', ROUTES, null, 'emr.chart.choose')}</select></div>
        <div class="chart-field"><label for="rx-frequency">${t('emr.chart.rx.frequency')}</label>
          <input id="rx-frequency" name="frequency" required maxlength="100" aria-describedby="rx-frequency-help">
          <p id="rx-frequency-help" class="chart-help">${t('emr.chart.rx.frequencyHelp')}</p></div>
        <div class="chart-field"><label for="rx-duration">${t('emr.chart.rx.durationDays')}</label>
          <input id="rx-duration" name="durationDays" type="number" required min="1" max="365" step="1" inputmode="numeric"></div>
        <div class="chart-field"><label for="rx-instructions">${t('emr.chart.rx.instructions')}</label>
          <textarea id="rx-instructions" name="instructions" rows="2" maxlength="1000"></textarea></div>
        ${alertRegion('prescription-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.rx.prescribe')}</button></div>
      </form>` : nothing}`, this);
  }
}

customElements.define('emr-chart-prescriptions', ChartPrescriptions);
