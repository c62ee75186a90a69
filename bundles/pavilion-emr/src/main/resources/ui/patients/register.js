// /patients/register: the front desk's registration form. POST /emr/patients answers 409 possible-duplicate with the
// candidates' MRNs; they are read and shown beside what was typed, and #confirm-duplicate registers anyway.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PATIENTS, useStyles, sexLabel, displayName, showCheckErrors, showServerErrors } from './common.js';
import { modelOf, bodyOf, check, demographicsFields, errorSummary } from './demographics.js';

class PatientRegister extends HTMLElement {
    connectedCallback() {
        useStyles();
        this.model = modelOf();
        this.errors = {};
        this.general = [];
        this.duplicate = null; // {candidates: [{mrn, reason, patient?, error?}]}
        this.busy = false;
        this.created = null;
        this.update();
    }

    get t() { return this.ctx.t; }

    /** Re-renders; `focusId` moves focus to a field just added. */
    update(focusId) {
        render(this.template(), this);
        if (typeof focusId === 'string') this.querySelector(`#${CSS.escape(focusId)}`)?.focus();
    }

    template() {
        const t = this.t;
        if (this.created) {
            return html`<section class="emr-page emr-register">
                <h1 tabindex="-1">${t('emr.page.register')}</h1>
                <div role="status" class="emr-alert emr-alert--success">
                    <p class="emr-alert-title">${t('emr.patients.registered-title', { name: displayName(this.created) })}</p>
                    <p>${t('emr.patients.field.mrn')} <span id="registered-mrn" class="emr-mrn">${this.created.mrn}</span></p>
                </div>
                <div class="emr-actions">
                    <button type="button" class="emr-secondary" @click=${() => this.connectedCallback()}>
                        ${t('emr.patients.register.another')}</button>
                </div>
            </section>`;
        }
        return html`<section class="emr-page emr-register">
            <h1>${t('emr.page.register')}</h1>
            <p class="emr-muted">${t('emr.patients.register.intro')}</p>
            ${this.duplicate ? this.duplicateTemplate() : nothing}
            <form id="patient-register" novalidate @submit=${ev => this.submit(ev, false)}>
                ${errorSummary(this.ctx, this.errors, this.general, this)}
                <p class="emr-muted">${t('emr.patients.required-note')}</p>
                ${demographicsFields(this.ctx, this.model, this.errors, id => this.changed(id))}
                <div class="emr-actions">
                    <button type="submit" class="emr-primary" ?disabled=${this.busy} aria-busy=${this.busy}>
                        ${this.busy ? t('emr.patients.action.registering') : t('emr.patients.action.register')}</button>
                    <button type="button" class="emr-secondary" @click=${() => this.ctx.navigate('/patients')}>
                        ${t('emr.patients.action.cancel')}</button>
                </div>
            </form>
        </section>`;
    }

    /** A field changed: its own error goes (the others stay until the next submit). */
    changed(focusId) {
        if (this.duplicate) this.duplicate = null; // what was compared is no longer what is typed
        const now = check(this.model);
        for (const k of Object.keys(this.errors)) {
            if (!now[k] && typeof this.errors[k] === 'string') delete this.errors[k];
        }
        this.update(focusId);
    }

    duplicateTemplate() {
        const t = this.t;
        const typed = bodyOf(this.model);
        const rows = [
            ['familyName', p => p.familyName],
            ['givenName', p => p.givenName],
            ['birthDate', p => p.birthDate ? this.ctx.fmt.date(p.birthDate) : ''],
            ['sex', p => sexLabel(this.ctx, p.sex)],
            ['nationalId', p => p.nationalId || ''],
            ['phones', p => (p.phones || []).join(', ')],
            ['address', p => p.address ? [p.address.line, p.address.postalCode, p.address.city, p.address.country]
                .filter(Boolean).join(', ') : ''],
        ];
        const cands = this.duplicate.candidates;
        return html`<div id="duplicate-warning" role="alert" class="emr-alert emr-alert--warning" tabindex="-1">
            <h2 class="emr-alert-title">${t('emr.patients.duplicate.title', { n: cands.length })}</h2>
            <p>${t('emr.patients.duplicate.explain')}</p>
            <div class="emr-table-scroll" tabindex="0" role="region" aria-labelledby="dup-caption">
            <table class="emr-compare">
                <caption id="dup-caption">${t('emr.patients.duplicate.caption')}</caption>
                <thead><tr>
                    <th scope="col">${t('emr.patients.compare.field')}</th>
                    <th scope="col">${t('emr.patients.duplicate.typed')}</th>
                    ${cands.map(c => html`<th scope="col">${t('emr.patients.duplicate.candidate', { mrn: c.mrn })}
                        <span class="emr-reason">${t(`emr.patients.duplicate.reason.${c.reason}`)}</span></th>`)}
                </tr></thead>
                <tbody>
                ${rows.map(([key, get]) => html`<tr>
                    <th scope="row">${t(`emr.patients.field.${key}`)}</th>
                    <td>${get(typed)}</td>
                    ${cands.map(c => {
                        if (!c.patient) return html`<td>${c.error || '…'}</td>`;
                        const theirs = get(c.patient);
                        const same = String(theirs).toLowerCase() === String(get(typed)).toLowerCase();
                        return html`<td class=${same && theirs ? 'emr-same' : ''}>${theirs}${same && theirs
                            ? html` <span class="emr-badge">${t('emr.patients.compare.same')}</span>` : nothing}</td>`;
                    })}
                </tr>`)}
                <tr><th scope="row">${t('emr.patients.compare.open')}</th><td></td>
                    ${cands.map(c => html`<td><button type="button" class="emr-secondary"
                        @click=${() => this.ctx.navigate('/chart', { patientId: c.patient?.mrn || c.mrn })}
                        aria-label=${t('emr.patients.duplicate.open-label', { mrn: c.mrn })}>
                        ${t('emr.patients.duplicate.open')}</button></td>`)}</tr>
                </tbody>
            </table>
            </div>
            <div class="emr-actions">
                <button type="button" id="confirm-duplicate" class="emr-warning-button" ?disabled=${this.busy}
                    @click=${ev => this.submit(ev, true)}>${t('emr.patients.duplicate.confirm')}</button>
                <button type="button" class="emr-secondary" @click=${() => {
                    this.duplicate = null; this.update('f-familyName');
                }}>${t('emr.patients.duplicate.back')}</button>
            </div>
        </div>`;
    }

    async submit(ev, confirmDuplicate) {
        ev.preventDefault();
        if (this.busy) return;
        const clientErrors = check(this.model);
        if (Object.keys(clientErrors).length) this.duplicate = null;
        if (showCheckErrors(this, clientErrors)) return;
        this.busy = true;
        this.update();
        const body = bodyOf(this.model);
        try {
            const p = await this.ctx.api.post(PATIENTS + (confirmDuplicate ? '?confirmDuplicate=true' : ''), body);
            this.busy = false;
            this.ctx.notify(this.t('emr.patients.registered', { mrn: p.mrn }), 'success');
            if (this.ctx.caller?.can ? this.ctx.caller.can('emr.record.view') : true) {
                this.ctx.navigate('/chart', { patientId: p.mrn });
                return;
            }
            // No access to the chart: the new MRN stays on this page.
            this.created = p;
            this.update();
            this.querySelector('h1')?.focus();
        } catch (e) {
            this.busy = false;
            await this.failed(e, body);
        }
    }

    async failed(e, body) {
        const problem = e && e.problem;
        if (e && e.status === 409 && problem && /possible-duplicate$/.test(problem.type || '')) {
            this.duplicate = { candidates: (problem.candidates || []).map(c => ({ ...c })) };
            this.update();
            this.querySelector('#duplicate-warning')?.focus();
            // The candidates' demographics, side by side with what was typed (each read is audited by the EMR).
            await Promise.all(this.duplicate.candidates.map(async c => {
                try {
                    c.patient = await this.ctx.api.get(`${PATIENTS}/${encodeURIComponent(c.mrn)}`);
                } catch (err) {
                    c.error = this.ctx.problem(err);
                }
            }));
            if (this.duplicate) this.update();
            return;
        }
        showServerErrors(this, e, body.phones);
    }
}

customElements.define('emr-patient-register', PatientRegister);
