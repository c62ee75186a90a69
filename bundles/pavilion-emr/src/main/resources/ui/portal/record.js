// Patient portal: the patient's own health record summary (allergies, problems, current medications, results).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalPage, targetPatient, codeLabel } from './common.js';

class EmrPortalRecord extends PortalPage {
  async load() {
    await this.loadFor(targetPatient(this.ctx), async (patient) => ({
      record: await this.ctx.api.get(`/emr/records/${encodeURIComponent(patient)}`, { encounters: 1 }) }));
  }

  draw() {
    const s = this.state;
    render(this.frame('portal-record', 'emr.portal.record.title',
      s.record ? this.recordView(s.record) : nothing), this);
  }

  recordView(r) {
    const ctx = this.ctx;
    return html`
      ${this.allergies(r.allergies || [])}
      ${this.problems(r.activeProblems || [])}
      ${this.medications(r.currentMedications || [])}
      ${r.labAvailable ? this.results(r.labResults || []) : nothing}
      <p class="portal-hint">${ctx.t('emr.portal.record.hint')}</p>`;
  }

  allergies(list) {
    const ctx = this.ctx;
    return html`<section class="portal-section" aria-labelledby="portal-allergies-h">
      <h2 id="portal-allergies-h">${ctx.t('emr.portal.record.allergies')}</h2>
      ${list.length === 0 ? html`<p>${ctx.t('emr.portal.record.allergies.none')}</p>` : html`<ul class="portal-list">
        ${list.map((a) => html`<li class="portal-item">
          <strong>${a.substance}</strong>
          ${a.kind === 'INTOLERANCE' ? html` <span>(${codeLabel(ctx, 'kind', a.kind)})</span>` : nothing}
          ${a.reaction ? html`<div>${ctx.t('emr.portal.record.reaction', { reaction: a.reaction })}</div>` : nothing}
          ${a.severity ? html`<div>${ctx.t('emr.portal.record.severity', {
            severity: codeLabel(ctx, 'severity', a.severity) })}</div>` : nothing}
        </li>`)}
      </ul>`}
    </section>`;
  }

  problems(list) {
    const ctx = this.ctx;
    return html`<section class="portal-section" aria-labelledby="portal-problems-h">
      <h2 id="portal-problems-h">${ctx.t('emr.portal.record.problems')}</h2>
      ${list.length === 0 ? html`<p>${ctx.t('emr.portal.record.problems.none')}</p>` : html`<ul class="portal-list">
        ${list.map((p) => html`<li class="portal-item">
          <strong>${p.title || p.code}</strong>
          ${p.title ? html` <span class="portal-code">(${p.code})</span>` : nothing}
          ${p.onsetDate ? html`<div>${ctx.t('emr.portal.record.since', { date: ctx.fmt.date(p.onsetDate) })}</div>`
            : nothing}
        </li>`)}
      </ul>`}
    </section>`;
  }

  medications(list) {
    const ctx = this.ctx;
    return html`<section class="portal-section" aria-labelledby="portal-meds-h">
      <h2 id="portal-meds-h">${ctx.t('emr.portal.record.medications')}</h2>
      ${list.length === 0 ? html`<p>${ctx.t('emr.portal.record.medications.none')}</p>` : html`<ul class="portal-list">
        ${list.map((m) => html`<li class="portal-item">
          <strong>${m.drug}</strong>
          <div>${[m.dose, m.route ? codeLabel(ctx, 'route', m.route) : null, m.frequency]
            .filter(Boolean).join(' · ')}</div>
          ${m.instructions ? html`<div>${m.instructions}</div>` : nothing}
          ${m.endDate ? html`<div>${ctx.t('emr.portal.record.until', { date: ctx.fmt.date(m.endDate) })}</div>`
            : nothing}
        </li>`)}
      </ul>`}
    </section>`;
  }

  // Only when a lab department is installed and contributes results to the record view.
  results(list) {
    const ctx = this.ctx;
    return html`<section id="portal-lab-results" class="portal-section" aria-labelledby="portal-results-h">
      <h2 id="portal-results-h">${ctx.t('emr.portal.record.results')}</h2>
      ${list.length === 0 ? html`<p>${ctx.t('emr.portal.record.results.none')}</p>` : html`<ul class="portal-list">
        ${list.map((r) => html`<li class="portal-item">
          <strong>${r.name || r.code}</strong>
          <div>${[r.value, r.unit].filter(Boolean).join(' ')}
            ${r.flag ? html` <span class="portal-flag">${ctx.t('emr.portal.record.flag', {
              flag: codeLabel(ctx, 'flag', r.flag) })}</span>` : nothing}</div>
          ${r.referenceRange ? html`<div>${ctx.t('emr.portal.record.range', { range: r.referenceRange })}</div>`
            : nothing}
          ${r.effectiveAt ? html`<div>${ctx.fmt.dateTime(r.effectiveAt)}</div>` : nothing}
        </li>`)}
      </ul>`}
    </section>`;
  }
}

if (!customElements.get('emr-portal-record')) {
  customElements.define('emr-portal-record', EmrPortalRecord);
}
