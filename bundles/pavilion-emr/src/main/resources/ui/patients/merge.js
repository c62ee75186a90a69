// /patients/merge: pick two records, compare their demographics side by side (differences marked in text and colour),
// choose the one that survives, confirm in a dialog, then POST /emr/patients/{survivor}/merge {duplicateMrn, reason}.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PATIENTS, useStyles, readSearchTerms, displayName, sexLabel, isAbort, problemFields,
    serverFieldError } from './common.js';

const DEBOUNCE_MS = 200;
const MIN_REASON = 5; // the EMR's PatientMerge.MIN_REASON_LENGTH

/** One of the two "find a patient" boxes. */
class Slot {
    constructor(key) {
        this.key = key;
        this.text = '';
        this.items = [];
        this.patient = null;
        this.error = null;
        this.loading = false;
        this.seq = 0;
    }
}

class PatientMerge extends HTMLElement {
    connectedCallback() {
        useStyles();
        this.slots = [new Slot('a'), new Slot('b')];
        this.survivor = null; // 'a' or 'b'
        this.reason = '';
        this.errors = {};
        this.general = null;
        this.busy = false;
        this.outcome = null;
        this.update();
        if (this.ctx.state?.patientId) this.choose(this.slots[0], this.ctx.state.patientId);
    }

    disconnectedCallback() {
        for (const s of this.slots) { clearTimeout(s.timer); s.controller?.abort(); }
    }

    get t() { return this.ctx.t; }

    update() {
        render(this.template(), this);
    }

    template() {
        const t = this.t;
        if (this.outcome) return this.outcomeTemplate();
        const [a, b] = this.slots;
        const both = a.patient && b.patient;
        return html`<section class="emr-page emr-merge">
            <h1>${t('emr.page.merge')}</h1>
            <p class="emr-muted">${t('emr.patients.merge.intro')}</p>
            <div class="emr-merge-pickers">
                ${this.slots.map((s, i) => this.picker(s, i))}
            </div>
            ${both && a.patient.mrn === b.patient.mrn ? html`<p role="alert" class="emr-alert emr-alert--error">
                ${t('emr.patients.merge.same-record')}</p>` : nothing}
            ${both && a.patient.mrn !== b.patient.mrn ? this.comparison() : nothing}
            ${this.dialogTemplate()}
        </section>`;
    }

    picker(s, i) {
        const t = this.t;
        const id = `merge-search-${s.key}`;
        const label = t(i === 0 ? 'emr.patients.merge.first' : 'emr.patients.merge.second');
        return html`<div class="emr-merge-picker" role="group" aria-labelledby="${id}-title">
            <h2 id="${id}-title" class="emr-h2">${label}</h2>
            ${s.patient ? html`<div class="emr-chosen">
                    <p><strong>${displayName(s.patient)}</strong><br>
                    ${t('emr.patients.field.mrn')} <span class="emr-mrn">${s.patient.mrn}</span></p>
                    <button type="button" class="emr-link-button" @click=${() => this.clear(s)}
                        aria-label=${t('emr.patients.merge.change-label', { which: label })}>
                        ${t('emr.patients.merge.change')}</button>
                </div>`
            : html`<label for=${id}>${t('emr.patients.search.label')}</label>
                <p class="emr-hint" id="${id}-hint">${t('emr.patients.search.hint')}</p>
                <input id=${id} type="search" autocomplete="off" spellcheck="false" .value=${s.text}
                    aria-describedby="${id}-hint" aria-controls="${id}-results"
                    @input=${ev => this.typed(s, ev.target.value)} @keydown=${ev => this.inputKey(s, ev)}>
                <p role="status" class="emr-status">${s.loading ? t('emr.patients.search.searching')
                    : (s.text && readSearchTerms(s.text) && !s.items.length && !s.error ? t('emr.patients.search.none')
                        : '')}</p>
                ${s.error ? html`<p role="alert" class="emr-alert emr-alert--error">${s.error}</p>` : nothing}
                <ul id="${id}-results" class="emr-results emr-results--compact"
                    aria-label=${t('emr.patients.search.results')} @keydown=${ev => this.listKey(s, ev)}>
                    ${s.items.map(p => html`<li><button type="button" class="emr-result-open"
                        @click=${() => this.pick(s, p)}>
                        <span class="emr-result-name">${displayName(p)}</span>
                        <span class="emr-result-meta"><span>${t('emr.patients.field.mrn')} ${p.mrn}</span>
                            <span>${p.birthDate ? this.ctx.fmt.date(p.birthDate) : ''}</span>
                            <span>${sexLabel(this.ctx, p.sex)}</span></span>
                    </button></li>`)}
                </ul>`}
        </div>`;
    }

    /** The rows compared: label key and how to show a value of a Patient. */
    rows() {
        const f = this.ctx.fmt;
        return [
            ['familyName', p => p.familyName || ''],
            ['givenName', p => p.givenName || ''],
            ['birthDate', p => (p.birthDate ? f.date(p.birthDate) : '')],
            ['sex', p => sexLabel(this.ctx, p.sex)],
            ['nationalId', p => p.nationalId || ''],
            ['phones', p => (p.phones || []).join(', ')],
            ['email', p => p.email || ''],
            ['address', p => (p.address ? [p.address.line, p.address.postalCode, p.address.city, p.address.country]
                .filter(Boolean).join(', ') : '')],
            ['nextOfKin', p => (p.nextOfKin || []).map(k => k.name).join(', ')],
            ['insurance', p => (p.insurance || []).map(i => `${i.insurer} ${i.policyNumber}`).join(', ')],
            ['registeredAt', p => (p.registeredAt ? f.dateTime(p.registeredAt) : '')],
        ];
    }

    comparison() {
        const t = this.t;
        const [a, b] = this.slots.map(s => s.patient);
        const errReason = this.errors.reason;
        return html`<div class="emr-table-scroll" tabindex="0" role="region" aria-labelledby="merge-caption">
            <table class="emr-compare">
                <caption id="merge-caption">${t('emr.patients.merge.caption')}</caption>
                <thead><tr>
                    <th scope="col">${t('emr.patients.compare.field')}</th>
                    <th scope="col">${t('emr.patients.merge.first')}<br><span class="emr-mrn">${a.mrn}</span></th>
                    <th scope="col">${t('emr.patients.merge.second')}<br><span class="emr-mrn">${b.mrn}</span></th>
                </tr></thead>
                <tbody>${this.rows().map(([key, get]) => {
                    const va = get(a), vb = get(b);
                    const differs = va.trim().toLowerCase() !== vb.trim().toLowerCase();
                    return html`<tr class=${differs ? 'emr-differs' : ''}>
                        <th scope="row">${t(`emr.patients.field.${key}`)}${differs
                            ? html` <span class="emr-badge emr-badge--warn">${t('emr.patients.compare.differs')}</span>`
                            : nothing}</th>
                        <td>${va}</td><td>${vb}</td></tr>`;
                })}</tbody>
            </table>
        </div>
        <form id="merge-form" novalidate @submit=${this.ask}>
            <div role="alert" tabindex="-1" class=${this.general ? 'emr-alert emr-alert--error' : 'emr-alert-slot'}>
                ${this.general || nothing}</div>
            <fieldset class="emr-fieldset" aria-describedby=${this.errors.survivor ? 'survivor-error' : nothing}>
                <legend>${t('emr.patients.merge.survivor')}</legend>
                ${this.slots.map(s => html`<div class="emr-radio">
                    <input type="radio" id="survivor-${s.key}" name="survivor" value=${s.patient.mrn}
                        .checked=${this.survivor === s.key} @change=${() => { this.survivor = s.key; this.errors = {}; this.update(); }}>
                    <label for="survivor-${s.key}">${t('emr.patients.merge.keep', {
                        name: displayName(s.patient), mrn: s.patient.mrn })}</label>
                </div>`)}
                ${this.errors.survivor ? html`<p class="emr-error" id="survivor-error">${t(this.errors.survivor)}</p>`
                    : nothing}
            </fieldset>
            <div class="emr-field ${errReason ? 'emr-field--invalid' : ''}">
                <label for="merge-reason">${t('emr.patients.field.reason')}<span class="emr-required"
                    aria-hidden="true"> *</span></label>
                <p class="emr-hint" id="merge-reason-hint">${t('emr.patients.hint.reason', { n: MIN_REASON })}</p>
                <textarea id="merge-reason" name="reason" rows="3" maxlength="500" required aria-required="true"
                    aria-invalid=${errReason ? 'true' : 'false'}
                    aria-describedby=${errReason ? 'merge-reason-hint merge-reason-error' : 'merge-reason-hint'}
                    .value=${this.reason} @input=${ev => { this.reason = ev.target.value; }}></textarea>
                ${errReason ? html`<p class="emr-error" id="merge-reason-error">${typeof errReason === 'string'
                    ? t(errReason) : serverFieldError(this.ctx, errReason.server)}</p>` : nothing}
            </div>
            <div class="emr-actions">
                <button type="submit" class="emr-warning-button">${t('emr.patients.merge.action')}</button>
            </div>
        </form>`;
    }

    dialogTemplate() {
        const t = this.t;
        const keep = this.slots.find(s => s.key === this.survivor)?.patient;
        const gone = this.slots.find(s => s.key !== this.survivor)?.patient;
        return html`<dialog id="merge-dialog" class="emr-dialog" aria-labelledby="merge-dialog-title"
                @close=${() => this.querySelector('#merge-form button[type=submit]')?.focus()}>
            ${keep && gone ? html`<form method="dialog" @submit=${this.confirm}>
                <h2 id="merge-dialog-title">${t('emr.patients.merge.confirm.title')}</h2>
                <p>${t('emr.patients.merge.confirm.text', { gone: `${displayName(gone)} (${gone.mrn})`,
                    keep: `${displayName(keep)} (${keep.mrn})` })}</p>
                <p class="emr-strong">${t('emr.patients.merge.confirm.warning')}</p>
                <div class="emr-actions">
                    <button type="submit" id="confirm-merge" class="emr-warning-button" ?disabled=${this.busy}
                        aria-busy=${this.busy}>${t('emr.patients.merge.confirm.yes')}</button>
                    <button type="button" class="emr-secondary" @click=${() => this.querySelector('#merge-dialog').close()}>
                        ${t('emr.patients.action.cancel')}</button>
                </div>
            </form>` : nothing}
        </dialog>`;
    }

    outcomeTemplate() {
        const t = this.t;
        const r = this.outcome;
        const failed = (r.participants || []).filter(p => p.status === 'FAILED');
        return html`<section class="emr-page emr-merge">
            <h1 tabindex="-1">${t('emr.page.merge')}</h1>
            <div role="status" class="emr-alert emr-alert--success">
                <p class="emr-alert-title">${t('emr.patients.merge.done', {
                    gone: r.duplicateMrn, keep: r.survivor.mrn })}</p>
                <p>${t('emr.patients.merge.survivor-now', { name: displayName(r.survivor), mrn: r.survivor.mrn })}</p>
            </div>
            ${Object.keys(r.moved || {}).length ? html`<h2 class="emr-h2">${t('emr.patients.merge.moved')}</h2>
                <ul>${Object.entries(r.moved).map(([what, n]) => html`<li>${what}: ${this.ctx.fmt.number(n)}</li>`)}</ul>`
                : nothing}
            ${(r.participants || []).length ? html`<h2 class="emr-h2">${t('emr.patients.merge.participants')}</h2>
                <ul>${r.participants.map(p => html`<li>${p.title || p.name}:
                    ${p.status === 'FAILED' ? html`<strong class="emr-text-error">${t('emr.patients.merge.failed')}</strong>`
                        : t('emr.patients.merge.participant-done')}</li>`)}</ul>` : nothing}
            ${failed.length ? html`<p role="alert" class="emr-alert emr-alert--warning">
                ${t('emr.patients.merge.failed-explain')}</p>` : nothing}
            <div class="emr-actions">
                ${this.ctx.caller?.can?.('emr.record.view') !== false ? html`<button type="button" class="emr-primary"
                    @click=${() => this.ctx.navigate('/chart', { patientId: r.survivor.mrn })}>
                    ${t('emr.patients.action.open-chart')}</button>` : nothing}
                <button type="button" class="emr-secondary" @click=${() => { this.connectedCallback(); }}>
                    ${t('emr.patients.merge.another')}</button>
            </div>
        </section>`;
    }

    typed(s, text) {
        s.text = text;
        clearTimeout(s.timer);
        s.timer = setTimeout(() => this.search(s), DEBOUNCE_MS);
    }

    inputKey(s, ev) {
        if (ev.key === 'ArrowDown') {
            const first = this.querySelector(`#merge-search-${s.key}-results .emr-result-open`);
            if (first) { ev.preventDefault(); first.focus(); }
        } else if (ev.key === 'Enter') {
            ev.preventDefault();
            clearTimeout(s.timer);
            if (s.items.length === 1) this.pick(s, s.items[0]); else this.search(s);
        }
    }

    listKey(s, ev) {
        const buttons = [...this.querySelectorAll(`#merge-search-${s.key}-results .emr-result-open`)];
        const i = buttons.indexOf(document.activeElement);
        if (i < 0) return;
        if (ev.key === 'ArrowDown') { ev.preventDefault(); buttons[Math.min(i + 1, buttons.length - 1)].focus(); }
        if (ev.key === 'ArrowUp') {
            ev.preventDefault();
            (i === 0 ? this.querySelector(`#merge-search-${s.key}`) : buttons[i - 1]).focus();
        }
        if (ev.key === 'Escape') this.querySelector(`#merge-search-${s.key}`).focus();
    }

    async search(s) {
        const query = readSearchTerms(s.text);
        s.controller?.abort();
        if (!query) { s.items = []; s.error = null; s.loading = false; this.update(); return; }
        const seq = ++s.seq;
        s.controller = new AbortController();
        s.loading = true;
        s.error = null;
        this.update();
        try {
            const r = await this.ctx.api.get(PATIENTS, { ...query, page: 0, size: 10 }, { signal: s.controller.signal });
            if (seq !== s.seq) return;
            s.items = r.items || [];
        } catch (e) {
            if (seq !== s.seq || isAbort(e)) return;
            s.items = [];
            s.error = this.ctx.problem(e);
        }
        s.loading = false;
        this.update();
    }

    pick(s, p) {
        this.choose(s, p.mrn);
    }

    /** Reads the full record (next of kin, insurance) for the comparison. */
    async choose(s, mrn) {
        s.loading = true;
        this.update();
        try {
            s.patient = await this.ctx.api.get(`${PATIENTS}/${encodeURIComponent(mrn)}`);
            s.items = [];
        } catch (e) {
            s.error = this.ctx.problem(e);
        }
        s.loading = false;
        this.survivor = null;
        this.update();
        // Next step: the other box if still empty, else the comparison's first choice.
        const other = this.slots.find(x => !x.patient);
        (other ? this.querySelector(`#merge-search-${other.key}`) : this.querySelector('#survivor-a'))?.focus();
    }

    clear(s) {
        s.patient = null;
        s.text = '';
        s.items = [];
        this.survivor = null;
        this.update();
        this.querySelector(`#merge-search-${s.key}`)?.focus();
    }

    ask = ev => {
        ev.preventDefault();
        this.errors = {};
        this.general = null;
        if (!this.survivor) this.errors.survivor = 'emr.patients.error.choose-survivor';
        if (this.reason.trim().length < MIN_REASON) this.errors.reason = 'emr.patients.error.reason';
        this.update();
        if (this.errors.survivor) { this.querySelector('#survivor-a')?.focus(); return; }
        if (this.errors.reason) { this.querySelector('#merge-reason')?.focus(); return; }
        this.querySelector('#merge-dialog').showModal();
        this.querySelector('#merge-dialog .emr-secondary')?.focus(); // the safe choice first
    };

    confirm = async ev => {
        ev.preventDefault();
        if (this.busy) return;
        const keep = this.slots.find(s => s.key === this.survivor).patient;
        const gone = this.slots.find(s => s.key !== this.survivor).patient;
        this.busy = true;
        this.update();
        try {
            const r = await this.ctx.api.post(`${PATIENTS}/${encodeURIComponent(keep.mrn)}/merge`,
                { duplicateMrn: gone.mrn, reason: this.reason.trim() });
            this.busy = false;
            this.querySelector('#merge-dialog').close();
            this.outcome = r;
            this.ctx.notify(this.t('emr.patients.merge.done', { gone: gone.mrn, keep: keep.mrn }), 'success');
            this.update();
            this.querySelector('h1')?.focus();
        } catch (e) {
            this.busy = false;
            this.querySelector('#merge-dialog').close();
            const mapped = problemFields(e && e.problem);
            if (mapped.fields.reason) this.errors.reason = { server: mapped.fields.reason };
            else this.general = this.ctx.problem(e);
            this.update();
            (this.querySelector('[aria-invalid="true"]') || this.querySelector('#merge-form [role=alert]'))?.focus();
        }
    };
}

customElements.define('emr-patient-merge', PatientMerge);
