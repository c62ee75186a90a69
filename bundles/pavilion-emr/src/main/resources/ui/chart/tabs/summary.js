// Summary tab: demographics, contact, next of kin, insurance (the registration record), then the clinical
// overview of the record view (active problems, current medications, latest vitals, recent encounters, labs).
// Fields the server withheld (a restricted record's contact data, listed in `hidden`) show as withheld, not empty.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, row, isNoKnownAllergy, can, errorText } from '../util.js';
import { dispensedText } from '../pharmacy.js';

class ChartSummary extends ChartPanel {
  async load() {
    try {
      // Never with the chart's break-the-glass reason: opening a restricted clinical record does not also put the
      // patient's contact data on screen. revealContacts() asks for them, as an emergency read of their own.
      this.patient = await this.ctx.api.get(`/emr/patients/${encodeURIComponent(this.api.mrn)}`);
    } catch (e) {
      // Demographics only (no next of kin, insurance) when the caller may not read the registration record.
      this.patient = null;
      if (e && e.status !== 403) {
        throw e;
      }
    }
  }

  /** The withheld contact data, read with the chart's break-the-glass reason (audited as emergency access). */
  async revealContacts() {
    try {
      this.patient = await this.api.get(`/emr/patients/${encodeURIComponent(this.api.mrn)}`);
      this.error = '';
    } catch (e) {
      this.error = errorText(this.ctx, e);
    }
    this.update();
    const heading = this.querySelector('#summary-demographics');
    if (heading) {
      heading.focus();
    }
  }

  /** A row of a field the server may withhold: the value, or a withheld marker when `hidden` names the field. */
  field(p, name, term, value) {
    if (!(p.hidden || []).includes(name)) {
      return row(term, value);
    }
    return row(term, html`<span class="chart-withheld" data-withheld=${name}>${this.ctx.t('emr.chart.withheld')}</span>`);
  }

  editPatient(e) {
    e.preventDefault();
    this.ctx.navigate('/patients/edit', { patientId: this.api.mrn });
  }

  demographics(p) {
    const t = (k, a) => this.ctx.t(k, a);
    const addr = p.address;
    return html`<section class="chart-card" aria-labelledby="summary-demographics">
      <h2 id="summary-demographics" tabindex="-1">${t('emr.chart.summary.demographics')}</h2>
      <dl class="chart-dl">
        ${row(t('emr.chart.field.givenName'), p.givenName)}
        ${row(t('emr.chart.field.familyName'), p.familyName)}
        ${row(t('emr.chart.field.birthDate'), p.birthDate ? this.ctx.fmt.date(p.birthDate) : '')}
        ${row(t('emr.chart.field.sex'), label(this.ctx, 'sex', p.sex))}
        ${this.field(p, 'nationalId', t('emr.chart.field.nationalId'), p.nationalId)}
        ${this.field(p, 'phones', t('emr.chart.field.phones'), (p.phones || []).join(', '))}
        ${row(t('emr.chart.field.email'), p.email)}
        ${this.field(p, 'address', t('emr.chart.field.address'), addr
          ? [addr.line, [addr.postalCode, addr.city].filter(Boolean).join(' '), addr.country].filter(Boolean).join(', ')
          : '')}
        ${row(t('emr.chart.field.preferredLanguage'), p.preferredLanguage)}
        ${row(t('emr.chart.field.arrivalNote'), p.arrivalNote)}
      </dl>
      ${(p.hidden || []).length ? html`<p class="chart-muted" id="withheld-note">${t('emr.chart.withheldNote')}</p>
        ${this.api.reason ? html`<p><button type="button" id="reveal-contacts" @click=${() => this.revealContacts()}
          aria-describedby="withheld-note">${t('emr.chart.revealContacts')}</button></p>` : nothing}` : nothing}
      ${can(this.ctx, 'emr.patient.edit')
        ? html`<p><a href="/patients/edit" id="edit-patient" @click=${(e) => this.editPatient(e)}>
            ${t('emr.chart.summary.edit')}</a></p>` : nothing}
    </section>`;
  }

  nextOfKin(list) {
    const t = (k, a) => this.ctx.t(k, a);
    return html`<section class="chart-card" aria-labelledby="summary-kin">
      <h2 id="summary-kin">${t('emr.chart.summary.nextOfKin')}</h2>
      ${list && list.length ? html`<ul class="chart-list">${list.map((k) => html`<li>
          <strong>${k.name}</strong> — ${label(this.ctx, 'relationship', k.relationship)}
          ${k.phone ? html`<br>${k.phone}` : nothing}${k.email ? html`<br>${k.email}` : nothing}</li>`)}</ul>`
        : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
    </section>`;
  }

  insurance(list) {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    return html`<section class="chart-card" aria-labelledby="summary-insurance">
      <h2 id="summary-insurance">${t('emr.chart.summary.insurance')}</h2>
      ${list && list.length ? html`<ul class="chart-list">${list.map((i, n) => html`<li>
          <strong>${i.insurer}</strong> ${i.plan ? html`(${i.plan})` : nothing}
          ${n === 0 ? html`<span class="chart-tag">${t('emr.chart.summary.primary')}</span>` : nothing}
          ${i.active === false ? html`<span class="chart-tag chart-tag-warn">${t('emr.chart.summary.inactive')}</span>` : nothing}
          <br>${t('emr.chart.summary.policy', { number: i.policyNumber })}
          ${i.holderRelationship ? html`<br>${t('emr.chart.summary.holder', {
            relationship: label(this.ctx, 'holder', i.holderRelationship) })}` : nothing}
          ${i.validFrom || i.validTo ? html`<br>${t('emr.chart.summary.valid', {
            from: i.validFrom ? fmt.date(i.validFrom) : '…', to: i.validTo ? fmt.date(i.validTo) : '…' })}` : nothing}
        </li>`)}</ul>`
        : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
    </section>`;
  }

  clinical(r) {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const allergies = (r.allergies || []).filter((a) => !isNoKnownAllergy(a));
    return html`
      <section class="chart-card" aria-labelledby="summary-problems">
        <h2 id="summary-problems">${t('emr.chart.summary.activeProblems')}</h2>
        ${r.activeProblems && r.activeProblems.length ? html`<ul class="chart-list">${r.activeProblems.map((d) => html`
          <li><span class="chart-code">${d.code}</span> ${d.title}</li>`)}</ul>`
          : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
      </section>
      <section class="chart-card" aria-labelledby="summary-allergies">
        <h2 id="summary-allergies">${t('emr.chart.tab.allergies')}</h2>
        ${allergies.length ? html`<ul class="chart-list">${allergies.map((a) => html`
          <li><strong>${a.substance}</strong> — ${label(this.ctx, 'severity', a.severity)}</li>`)}</ul>`
          : html`<p>${(r.allergies || []).length ? t('emr.chart.banner.none') : t('emr.chart.banner.notRecorded')}</p>`}
      </section>
      <section class="chart-card" aria-labelledby="summary-meds">
        <h2 id="summary-meds">${t('emr.chart.summary.currentMedications')}</h2>
        ${r.currentMedications && r.currentMedications.length ? html`<ul class="chart-list">${r.currentMedications.map((m) => html`
          <li><strong>${m.drug}</strong> ${m.dose}, ${label(this.ctx, 'route', m.route)}, ${m.frequency}${m.lastDispensedAt
            ? html`<br>${dispensedText(this.ctx, m)}` : nothing}</li>`)}</ul>`
          : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
      </section>
      <section class="chart-card" aria-labelledby="summary-vitals">
        <h2 id="summary-vitals">${t('emr.chart.summary.latestVitals')}</h2>
        ${r.latestVitals && r.latestVitals.length ? html`<dl class="chart-dl">${r.latestVitals.map((o) => row(
          t(`emr.chart.vital.${o.code}`),
          html`${fmt.number(o.value)} ${t(`emr.chart.unit.${o.code}`)}
            <span class="chart-muted">(${fmt.dateTime(o.effectiveAt)})</span>`))}</dl>`
          : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
      </section>
      <section class="chart-card" aria-labelledby="summary-encounters">
        <h2 id="summary-encounters">${t('emr.chart.summary.recentEncounters')}</h2>
        ${r.recentEncounters && r.recentEncounters.length ? html`<ul class="chart-list">${r.recentEncounters.map((e) => html`
          <li>${label(this.ctx, 'encounterKind', e.kind)} — ${label(this.ctx, 'encounterStatus', e.status)},
            ${fmt.dateTime(e.openedAt)}${e.location ? html`, ${e.location}` : nothing}</li>`)}</ul>`
          : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
      </section>
      ${r.labAvailable ? html`<section class="chart-card" aria-labelledby="summary-labs">
        <h2 id="summary-labs">${t('emr.chart.summary.labResults')}</h2>
        ${r.labResults && r.labResults.length ? html`<div class="chart-table-wrap"><table class="chart-table">
          <thead><tr><th scope="col">${t('emr.chart.lab.test')}</th><th scope="col">${t('emr.chart.lab.value')}</th>
            <th scope="col">${t('emr.chart.lab.when')}</th></tr></thead>
          <tbody>${r.labResults.map((l) => html`<tr><td>${l.name || l.code || ''}</td>
            <td>${l.value ?? ''} ${l.unit || ''} ${l.flag ? html`<span class="chart-tag chart-tag-warn">${l.flag}</span>` : nothing}</td>
            <td>${l.effectiveAt ? fmt.dateTime(l.effectiveAt) : ''}</td></tr>`)}</tbody>
        </table></div>` : html`<p>${t('emr.chart.summary.noneRecorded')}</p>`}
      </section>` : nothing}`;
  }

  paint() {
    const r = this.record;
    if (!r) {
      return;
    }
    const p = this.patient || r.patient;
    render(html`<h2 class="chart-visually-hidden">${this.ctx.t('emr.chart.tab.summary')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      <div class="chart-grid">
        ${this.demographics(p)}
        ${this.patient ? html`${this.nextOfKin(this.patient.nextOfKin)}${this.insurance(this.patient.insurance)}` : nothing}
        ${this.clinical(r)}
      </div>`, this);
  }

  set record(r) {
    this._record = r;
    this.update();
  }

  get record() {
    return this._record;
  }
}

customElements.define('emr-chart-summary', ChartSummary);
