// /patients: search as you type over GET /emr/patients (names with typos, MRN, birth date, phone, national id read
// from one box), debounced, stale requests aborted; arrow keys move through the results, Enter opens the chart.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PATIENTS, useStyles, readSearchTerms, displayName, sexLabel, ageYears, isAbort } from './common.js';

const DEBOUNCE_MS = 200;
const PAGE_SIZE = 20;

class PatientSearchPage extends HTMLElement {
    connectedCallback() {
        useStyles();
        this.text = '';
        this.page = 0;
        this.result = null; // {items, page, size, total}
        this.error = null;
        this.loading = false;
        this.seq = 0;
        this.update();
        this.querySelector('#patient-search')?.focus();
    }

    disconnectedCallback() {
        clearTimeout(this.timer);
        this.controller?.abort();
    }

    get t() { return this.ctx.t; }

    update() {
        render(this.template(), this);
    }

    template() {
        const t = this.t;
        const can = p => (this.ctx.caller?.can ? this.ctx.caller.can(p) : true);
        return html`<section class="emr-page emr-search">
            <div class="emr-title-row">
                <h1>${t('emr.page.search')}</h1>
                ${can('emr.patient.register') ? html`<a class="emr-button-link" href="/patients/register"
                    @click=${this.go('/patients/register', {})}>${t('emr.patients.action.new')}</a>` : nothing}
            </div>
            <form role="search" class="emr-search-form" @submit=${ev => { ev.preventDefault(); this.search(0, true); }}>
                <label for="patient-search">${t('emr.patients.search.label')}</label>
                <p class="emr-hint" id="patient-search-hint">${t('emr.patients.search.hint')}</p>
                <input id="patient-search" type="search" name="q" autocomplete="off" spellcheck="false"
                    aria-describedby="patient-search-hint" aria-controls="patient-results"
                    .value=${this.text} @input=${this.typed} @keydown=${this.inputKey}>
            </form>
            <p role="status" class="emr-status" aria-live="polite">${this.statusText()}</p>
            ${this.error ? html`<div role="alert" class="emr-alert emr-alert--error">${this.error}</div>` : nothing}
            <ul id="patient-results" class="emr-results" aria-label=${t('emr.patients.search.results')}
                aria-busy=${this.loading ? 'true' : 'false'} @keydown=${this.listKey}>
                ${(this.result?.items || []).map(p => this.row(p, can('emr.patient.edit')))}
            </ul>
            ${this.pager()}
        </section>`;
    }

    statusText() {
        const t = this.t;
        if (this.loading) return t('emr.patients.search.searching');
        if (!this.result) return this.text.trim() ? t('emr.patients.search.keep-typing') : '';
        const n = this.result.total;
        if (n === 0) return t('emr.patients.search.none');
        return t('emr.patients.search.found', { n: this.ctx.fmt.number(n) });
    }

    row(p, canEdit) {
        const t = this.t;
        const age = ageYears(p.birthDate);
        return html`<li class="emr-result">
            <button type="button" class="emr-result-open" data-mrn=${p.mrn} @click=${() => this.open(p)}>
                <span class="emr-result-name">${displayName(p)}</span>
                <span class="emr-result-meta">
                    <span><span class="emr-meta-label">${t('emr.patients.field.mrn')}</span> ${p.mrn}</span>
                    <span><span class="emr-meta-label">${t('emr.patients.field.birthDate')}</span>
                        ${p.birthDate ? this.ctx.fmt.date(p.birthDate) : ''}${p.birthDateEstimated
                            ? html` ${t('emr.patients.estimated')}` : nothing}${age != null
                            ? html` (${t('emr.patients.age', { n: age })})` : nothing}</span>
                    <span><span class="emr-meta-label">${t('emr.patients.field.sex')}</span>
                        ${sexLabel(this.ctx, p.sex)}</span>
                </span>
                ${p.unidentified ? html`<span class="emr-badge emr-badge--warn">${t('emr.patients.unidentified')}</span>`
                    : nothing}
                ${p.restricted ? html`<span class="emr-badge">${t('emr.patients.restricted')}</span>` : nothing}
            </button>
            ${canEdit ? html`<a class="emr-result-edit" href="/patients/edit"
                aria-label=${t('emr.patients.action.edit-label', { name: displayName(p) })}
                @click=${this.go('/patients/edit', { patientId: p.mrn })}>${t('emr.patients.action.edit')}</a>`
                : nothing}
        </li>`;
    }

    pager() {
        const r = this.result;
        if (!r || r.total <= r.size) return nothing;
        const t = this.t;
        const pages = Math.ceil(r.total / r.size);
        return html`<nav class="emr-pager" aria-label=${t('emr.patients.pager.label')}>
            <button type="button" class="emr-secondary" ?disabled=${r.page === 0}
                @click=${() => this.search(r.page - 1, true)}>${t('emr.patients.pager.previous')}</button>
            <span>${t('emr.patients.pager.page', { page: r.page + 1, pages })}</span>
            <button type="button" class="emr-secondary" ?disabled=${r.page + 1 >= pages}
                @click=${() => this.search(r.page + 1, true)}>${t('emr.patients.pager.next')}</button>
        </nav>`;
    }

    /** A link that opens a page with navigation state (never in the address). */
    go(route, state) {
        return ev => {
            if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
            ev.preventDefault();
            this.ctx.navigate(route, state);
        };
    }

    open(p) {
        this.ctx.navigate('/chart', { patientId: p.mrn });
    }

    typed = ev => {
        this.text = ev.target.value;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.search(0, false), DEBOUNCE_MS);
    };

    inputKey = ev => {
        if (ev.key === 'ArrowDown') {
            const first = this.querySelector('.emr-result-open');
            if (first) { ev.preventDefault(); first.focus(); }
        } else if (ev.key === 'Enter') {
            // Enter in the box searches at once; with a single hit it opens it
            ev.preventDefault();
            clearTimeout(this.timer);
            const items = this.result?.items || [];
            if (items.length === 1 && !this.loading) this.open(items[0]);
            else this.search(0, true);
        }
    };

    listKey = ev => {
        const buttons = [...this.querySelectorAll('.emr-result-open')];
        const i = buttons.indexOf(document.activeElement);
        if (ev.key === 'ArrowDown' && i >= 0) {
            ev.preventDefault();
            buttons[Math.min(i + 1, buttons.length - 1)].focus();
        } else if (ev.key === 'ArrowUp' && i >= 0) {
            ev.preventDefault();
            if (i === 0) this.querySelector('#patient-search').focus();
            else buttons[i - 1].focus();
        } else if (ev.key === 'Home' && i >= 0) {
            ev.preventDefault();
            buttons[0].focus();
        } else if (ev.key === 'End' && i >= 0) {
            ev.preventDefault();
            buttons[buttons.length - 1].focus();
        } else if (ev.key === 'Escape') {
            this.querySelector('#patient-search').focus();
        }
    };

    /** Runs the search for the box's text; an older request still running is aborted, its late answer ignored. */
    async search(page, keepFocusOnResults) {
        const query = readSearchTerms(this.text);
        this.controller?.abort();
        if (!query) {
            this.result = null;
            this.error = null;
            this.loading = false;
            this.update();
            return;
        }
        const seq = ++this.seq;
        this.controller = new AbortController();
        this.loading = true;
        this.error = null;
        this.update();
        try {
            const r = await this.ctx.api.get(PATIENTS, { ...query, page, size: PAGE_SIZE },
                { signal: this.controller.signal });
            if (seq !== this.seq) return;
            this.result = r;
            this.loading = false;
            this.update();
            if (keepFocusOnResults && page !== 0) this.querySelector('.emr-result-open')?.focus();
        } catch (e) {
            if (seq !== this.seq || isAbort(e)) return;
            this.loading = false;
            this.result = null;
            this.error = this.ctx.problem(e);
            this.update();
        }
    }
}

customElements.define('emr-patient-search', PatientSearchPage);
