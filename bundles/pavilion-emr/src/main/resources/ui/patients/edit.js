// /patients/edit: the demographics of state.patientId (an MRN), saved with PUT /emr/patients/{mrn} only while the
// record is at the version the form was filled from, so a change someone else saved meanwhile is never overwritten.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PATIENTS, useStyles, displayName, showCheckErrors, showServerErrors } from './common.js';
import { modelOf, bodyOf, check, demographicsFields, errorSummary } from './demographics.js';

class PatientEdit extends HTMLElement {
    connectedCallback() {
        useStyles();
        this.mrn = this.ctx.state?.patientId || null;
        this.patient = null;
        this.model = null;
        this.errors = {};
        this.general = [];
        this.conflict = false;
        this.loadError = null;
        this.busy = false;
        this.update();
        if (this.mrn) this.load();
    }

    get t() { return this.ctx.t; }

    update(focusId) {
        render(this.template(), this);
        if (typeof focusId === 'string') this.querySelector(`#${CSS.escape(focusId)}`)?.focus();
    }

    async load() {
        this.loadError = null;
        try {
            const p = await this.ctx.api.get(`${PATIENTS}/${encodeURIComponent(this.mrn)}`);
            this.patient = p;
            this.mrn = p.mrn; // a merged MRN answers with its survivor
            this.model = modelOf(p);
            this.errors = {};
            this.general = [];
            this.conflict = false;
        } catch (e) {
            this.loadError = this.ctx.problem(e);
        }
        this.update();
    }

    template() {
        const t = this.t;
        const p = this.patient;
        if (!this.mrn) {
            return html`<section class="emr-page"><h1>${t('emr.page.edit')}</h1>
                <p role="alert" class="emr-alert emr-alert--info">${t('emr.patients.edit.no-patient')}</p>
                <p><a href="/patients" @click=${this.go('/patients', {})}>${t('emr.patients.action.to-search')}</a></p>
            </section>`;
        }
        if (this.loadError) {
            return html`<section class="emr-page"><h1>${t('emr.page.edit')}</h1>
                <div role="alert" class="emr-alert emr-alert--error">${this.loadError}</div>
                <button type="button" class="emr-secondary" @click=${() => this.load()}>
                    ${t('emr.patients.action.retry')}</button>
            </section>`;
        }
        if (!p) {
            return html`<section class="emr-page"><h1>${t('emr.page.edit')}</h1>
                <p role="status" class="emr-status">${t('emr.patients.loading')}</p></section>`;
        }
        return html`<section class="emr-page emr-edit">
            <h1>${t('emr.patients.edit.title', { name: displayName(p) })}</h1>
            <p class="emr-muted">${t('emr.patients.field.mrn')} <span class="emr-mrn">${p.mrn}</span>
                · ${t('emr.patients.edit.updated', { when: this.ctx.fmt.dateTime(p.updatedAt), who: p.updatedBy || '' })}</p>
            ${p.redirectedFrom ? html`<p class="emr-alert emr-alert--info">
                ${t('emr.patients.edit.redirected', { from: p.redirectedFrom, to: p.mrn })}</p>` : nothing}
            ${p.unidentified ? html`<p class="emr-alert emr-alert--warning">${t('emr.patients.edit.unidentified')}</p>`
                : nothing}
            ${this.conflict ? html`<div role="alert" class="emr-alert emr-alert--error" id="edit-conflict" tabindex="-1">
                <p class="emr-alert-title">${t('emr.patients.edit.conflict.title')}</p>
                <p>${t('emr.patients.edit.conflict.explain')}</p>
                <button type="button" class="emr-secondary" @click=${() => this.load()}>
                    ${t('emr.patients.edit.conflict.reload')}</button>
            </div>` : nothing}
            <form id="patient-edit" novalidate @submit=${this.submit}>
                ${errorSummary(this.ctx, this.errors, this.general, this)}
                <p class="emr-muted">${t('emr.patients.required-note')}</p>
                ${demographicsFields(this.ctx, this.model, this.errors, id => this.changed(id))}
                <div class="emr-actions">
                    <button type="submit" class="emr-primary" ?disabled=${this.busy} aria-busy=${this.busy}>
                        ${this.busy ? t('emr.patients.action.saving') : t('emr.patients.action.save')}</button>
                    <button type="button" class="emr-secondary" @click=${() => this.leave()}>
                        ${t('emr.patients.action.cancel')}</button>
                </div>
            </form>
        </section>`;
    }

    go(route, state) {
        return ev => { ev.preventDefault(); this.ctx.navigate(route, state); };
    }

    canChart() {
        return this.ctx.caller?.can ? this.ctx.caller.can('emr.record.view') : true;
    }

    leave() {
        if (this.canChart()) this.ctx.navigate('/chart', { patientId: this.mrn });
        else this.ctx.navigate('/patients', {});
    }

    changed(focusId) {
        const now = check(this.model);
        for (const k of Object.keys(this.errors)) {
            if (!now[k] && typeof this.errors[k] === 'string') delete this.errors[k];
        }
        this.update(focusId);
    }

    /**
     * PUT only while the record is still at the version this form was filled from. ctx.api (contract 1.0) sends no
     * request headers of a page, so If-Match cannot go with the PUT: the version is read again just before it, which
     * leaves only the milliseconds between the two calls open. With a ctx.api that takes headers this becomes the PUT
     * with If-Match: "<version>" (412 edit-conflict from the server, handled the same way below).
     */
    async saveIfUnchanged(body) {
        const path = `${PATIENTS}/${encodeURIComponent(this.mrn)}`;
        const current = await this.ctx.api.get(path);
        if (current.version !== this.patient.version) {
            throw Object.assign(new Error('edit-conflict'), { status: 412, problem: { status: 412 } });
        }
        return this.ctx.api.put(path, body);
    }

    submit = async ev => {
        ev.preventDefault();
        if (this.busy) return;
        if (showCheckErrors(this, check(this.model))) return;
        this.busy = true;
        this.update();
        const body = bodyOf(this.model);
        try {
            const saved = await this.saveIfUnchanged(body);
            this.busy = false;
            this.patient = saved;
            this.model = modelOf(saved);
            this.ctx.notify(this.t('emr.patients.edit.saved'), 'success');
            this.leave();
        } catch (e) {
            this.busy = false;
            if (e && e.status === 412) {
                this.conflict = true;
                this.update();
                this.querySelector('#edit-conflict')?.focus();
                return;
            }
            showServerErrors(this, e, body.phones);
        }
    };
}

customElements.define('emr-patient-edit', PatientEdit);
