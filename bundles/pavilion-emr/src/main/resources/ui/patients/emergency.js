// /patients/emergency: an unidentified arrival registered with one button (POST /emr/patients/emergency). The API
// requires an approximate age and an arrival note, so the form comes filled with an editable estimate and a neutral
// note the team can change before or after pressing the button; the temporary identity is announced and the chart opens.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PATIENTS, SEXES, useStyles, field, selectField, problemFields, serverFieldError, displayName } from './common.js';

const DEFAULT_ADULT_AGE = 40; // an estimate shown in the form, stored as an estimated birth date, changed when known

class EmergencyRegister extends HTMLElement {
    connectedCallback() {
        useStyles();
        this.model = { sex: 'UNKNOWN', approximateAgeYears: String(DEFAULT_ADULT_AGE),
            arrivalNote: this.ctx.t('emr.patients.emergency.default-note') };
        this.errors = {};
        this.general = null;
        this.created = null;
        this.busy = false;
        this.update();
    }

    get t() { return this.ctx.t; }

    update() {
        render(this.template(), this);
    }

    template() {
        const t = this.t;
        if (this.created) return this.createdTemplate();
        const m = this.model;
        const err = k => (this.errors[k] ? (typeof this.errors[k] === 'string' ? t(this.errors[k])
            : serverFieldError(this.ctx, this.errors[k].server)) : null);
        return html`<section class="emr-page emr-emergency">
            <h1>${t('emr.page.emergency')}</h1>
            <p class="emr-muted">${t('emr.patients.emergency.intro')}</p>
            <form id="emergency-register" novalidate @submit=${this.submit}>
                <div role="alert" class="${this.general ? 'emr-alert emr-alert--error' : 'emr-alert-slot'}"
                    id="form-errors" tabindex="-1">${this.general || nothing}</div>
                <div class="emr-actions emr-actions--top">
                    <button type="submit" class="emr-primary emr-big" ?disabled=${this.busy} aria-busy=${this.busy}>
                        ${this.busy ? t('emr.patients.action.registering') : t('emr.patients.emergency.register')}
                    </button>
                </div>
                <fieldset class="emr-fieldset">
                    <legend>${t('emr.patients.emergency.optional')}</legend>
                    <div class="emr-grid">
                        ${selectField(this.ctx, { name: 'sex', label: t('emr.patients.field.sex'), value: m.sex,
                            values: SEXES, labelOf: v => t(`emr.patients.sex.${v}`), error: err('sex'),
                            onInput: ev => { m.sex = ev.target.value; } })}
                        ${field(this.ctx, { name: 'approximateAgeYears', type: 'number', inputmode: 'numeric',
                            min: 0, max: 150, label: t('emr.patients.field.approximateAgeYears'),
                            hint: t('emr.patients.hint.approximateAge'), value: m.approximateAgeYears,
                            error: err('approximateAgeYears'), onInput: ev => { m.approximateAgeYears = ev.target.value; } })}
                    </div>
                    <div class="emr-field ${this.errors.arrivalNote ? 'emr-field--invalid' : ''}">
                        <label for="f-arrivalNote">${t('emr.patients.field.arrivalNote')}</label>
                        <textarea id="f-arrivalNote" name="arrivalNote" rows="3" maxlength="500"
                            aria-invalid=${this.errors.arrivalNote ? 'true' : 'false'}
                            aria-describedby=${this.errors.arrivalNote ? 'f-arrivalNote-error' : nothing}
                            .value=${m.arrivalNote} @input=${ev => { m.arrivalNote = ev.target.value; }}></textarea>
                        ${this.errors.arrivalNote ? html`<p class="emr-error" id="f-arrivalNote-error">
                            ${err('arrivalNote')}</p>` : nothing}
                    </div>
                </fieldset>
            </form>
        </section>`;
    }

    createdTemplate() {
        const t = this.t;
        const p = this.created;
        return html`<section class="emr-page emr-emergency">
            <h1 tabindex="-1">${t('emr.page.emergency')}</h1>
            <div role="status" class="emr-alert emr-alert--success">
                <p class="emr-alert-title">${t('emr.patients.emergency.done')}</p>
                <dl class="emr-dl">
                    <dt>${t('emr.patients.emergency.temporary-name')}</dt><dd>${displayName(p)}</dd>
                    <dt>${t('emr.patients.field.mrn')}</dt><dd id="registered-mrn" class="emr-mrn">${p.mrn}</dd>
                    <dt>${t('emr.patients.field.sex')}</dt><dd>${t(`emr.patients.sex.${p.sex}`)}</dd>
                    <dt>${t('emr.patients.field.birthDate')}</dt>
                    <dd>${this.ctx.fmt.date(p.birthDate)} ${t('emr.patients.estimated')}</dd>
                </dl>
            </div>
            <div class="emr-actions">
                <button type="button" class="emr-secondary" @click=${() => this.reset()}>
                    ${t('emr.patients.emergency.another')}</button>
            </div>
        </section>`;
    }

    reset() {
        this.created = null;
        this.connectedCallback();
        this.querySelector('button[type=submit]')?.focus();
    }

    check() {
        const e = {};
        const age = String(this.model.approximateAgeYears ?? '').trim();
        if (!/^\d{1,3}$/.test(age) || Number(age) > 150) e.approximateAgeYears = 'emr.patients.error.age';
        const note = (this.model.arrivalNote || '').trim();
        if (!note) e.arrivalNote = 'emr.patients.error.required';
        return e;
    }

    submit = async ev => {
        ev.preventDefault();
        if (this.busy) return;
        this.errors = this.check();
        this.general = null;
        if (Object.keys(this.errors).length) {
            this.update();
            this.querySelector('[aria-invalid="true"]')?.focus();
            return;
        }
        this.busy = true;
        this.update();
        const body = { sex: this.model.sex || 'UNKNOWN', approximateAgeYears: Number(this.model.approximateAgeYears),
            arrivalNote: this.model.arrivalNote.trim() };
        try {
            const p = await this.ctx.api.post(`${PATIENTS}/emergency`, body);
            this.busy = false;
            this.created = p;
            this.ctx.notify(this.t('emr.patients.emergency.registered', { name: displayName(p), mrn: p.mrn }), 'success');
            const canChart = this.ctx.caller?.can ? this.ctx.caller.can('emr.record.view') : true;
            if (canChart) {
                // The temporary identity is in the toast and the chart's header: no third click.
                this.ctx.navigate('/chart', { patientId: p.mrn });
                return;
            }
            // Without access to the chart (reception), the temporary identity stays on this page.
            this.update();
            this.querySelector('h1')?.focus();
        } catch (e) {
            this.busy = false;
            const mapped = problemFields(e && e.problem);
            this.errors = Object.fromEntries(Object.entries(mapped.fields).map(([k, v]) => [k, { server: v }]));
            this.general = Object.keys(this.errors).length ? mapped.general.join('; ') || null : this.ctx.problem(e);
            this.update();
            (this.querySelector('[aria-invalid="true"]') || this.querySelector('#form-errors')).focus();
        }
    };
}

customElements.define('emr-emergency-register', EmergencyRegister);
