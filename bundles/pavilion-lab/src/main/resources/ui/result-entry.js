// Result entry for one worklist item: the test's definition (GET /tests/{code}) gives the input (number, coded value
// or text) and the accepted units; while the technician types, GET /flag shows the flag and "critical" before saving.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, flagBadge, debounce } from './common.js';

const FLAG_DELAY_MS = 300;

export class ResultEntry {
  /** host: the page (ctx, paint()); saved(): called after a result was stored. */
  constructor(host, saved) {
    this.host = host;
    this.saved = saved;
    this.item = null;
    this.lookup = debounce(() => this.flag(), FLAG_DELAY_MS);
    this.asked = 0;
  }

  async open(entry) {
    const ctx = this.host.ctx;
    this.item = entry;
    this.test = null;
    this.preview = null;
    this.error = '';
    this.host.paint();
    try {
      this.test = await ctx.api.get(`${BASE}/tests/${encodeURIComponent(entry.testCode)}`);
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.values = {};
    this.host.paint();
    // lit-html keeps the form of the previous item: start from empty fields.
    const form = this.host.querySelector('#lab-entry-form');
    if (form) form.reset();
    focusSoon(this.host, '#lab-entry-title');
  }

  close() {
    this.item = null;
    this.host.paint();
  }

  units() {
    const t = this.test || {};
    return [t.unit, ...(t.units || []).map((u) => u.unit)].filter(Boolean);
  }

  /** Reads the form and asks for the flag; an older answer arriving late never replaces a newer one. */
  changed(event) {
    this.values = formValues(event.currentTarget);
    this.lookup();
  }

  async flag() {
    const ctx = this.host.ctx;
    const v = this.values || {};
    if (!this.item || !v.value || (this.test && this.test.resultType === 'TEXT')) {
      this.preview = null;
      this.host.paint();
      return;
    }
    const asked = ++this.asked;
    try {
      const answer = await ctx.api.get(`${BASE}/flag`, { test: this.item.testCode, value: v.value, unit: v.unit,
        patientId: this.item.patientId });
      if (asked !== this.asked) return;
      this.preview = answer;
      this.previewError = '';
    } catch (err) {
      if (asked !== this.asked) return;
      this.preview = null;
      this.previewError = errorText(ctx, err);
    }
    this.host.paint();
  }

  async submit(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const body = formValues(event.target);
    if (!body.value) {
      this.error = ctx.t('lab.entry.valueRequired');
      this.host.paint();
      return;
    }
    this.saving = true;
    this.host.paint();
    try {
      const result = await ctx.api.post(`${BASE}/items/${encodeURIComponent(this.item.itemId)}/result`, body);
      ctx.notify(ctx.t(result && result.critical ? 'lab.entry.savedCritical' : 'lab.entry.saved'),
        result && result.critical ? 'error' : 'success');
      this.item = null;
      this.saved();
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.saving = false;
    this.host.paint();
  }

  valueInput() {
    const t = (k, p) => this.host.ctx.t(k, p);
    const test = this.test;
    if (test.resultType === 'CODED') {
      return html`<select id="lab-entry-value" name="value" required>
        <option value="">${t('lab.entry.choose')}</option>
        ${(test.codedValues || []).map((c) => html`<option value=${c}>${c}</option>`)}</select>`;
    }
    if (test.resultType === 'TEXT') {
      return html`<textarea id="lab-entry-value" name="value" required rows="3"></textarea>`;
    }
    return html`<input id="lab-entry-value" name="value" required inputmode="decimal" autocomplete="off"
      aria-describedby="lab-entry-flag">`;
  }

  previewView() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const p = this.preview;
    return html`<div id="lab-entry-flag" role="status" aria-live="polite" class=${p && p.critical ? 'alert alert-error' : ''}>
      ${p ? html`${t('lab.entry.flagIs')} ${flagBadge(ctx, p.flag, p.critical)}
        ${p.referenceRange ? html` · ${t('lab.entry.range', { range: p.referenceRange })}` : nothing}
        ${p.valueInTestUnit && this.test && p.valueInTestUnit !== (this.values || {}).value
          ? html` · ${t('lab.entry.converted', { value: p.valueInTestUnit, unit: this.test.unit || '' })}` : nothing}`
        : this.previewError ? html`<span class="lab-critical">${this.previewError}</span>` : nothing}
    </div>`;
  }

  view() {
    if (!this.item) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const e = this.item;
    const units = this.units();
    return html`<section class="lab-panel card" aria-labelledby="lab-entry-title">
      <h2 id="lab-entry-title" tabindex="-1">${t('lab.entry.title', { test: e.testName, order: e.orderNumber })}</h2>
      <p class="hint">${t('lab.entry.patient', { patient: e.patientId, specimen: e.specimenId || '' })}</p>
      ${this.test ? html`<form id="lab-entry-form" class="form" novalidate @input=${(ev) => this.changed(ev)}
          @change=${(ev) => this.changed(ev)} @submit=${(ev) => this.submit(ev)}>
        <div class="field-row">
          <div class="field"><label for="lab-entry-value">${t('lab.entry.value')}</label>${this.valueInput()}</div>
          ${units.length ? html`<div class="field"><label for="lab-entry-unit">${t('lab.entry.unit')}</label>
            <select id="lab-entry-unit" name="unit">${units.map((u) => html`<option value=${u}>${u}</option>`)}</select></div>` : nothing}
        </div>
        ${this.previewView()}
        <div class="field"><label for="lab-entry-comment">${t('lab.entry.comment')}</label>
          <textarea id="lab-entry-comment" name="comment" rows="2"></textarea></div>
        ${alertRegion(this.error, 'lab-entry-error')}
        <div class="lab-actions"><button type="submit" class="button" ?disabled=${this.saving}>${t('lab.entry.save')}</button>
          <button type="button" class="button button-quiet" @click=${() => this.close()}>${t('lab.cancel')}</button></div>
      </form>` : html`${alertRegion(this.error, 'lab-entry-error')}<p role="status">${this.error ? '' : t('lab.loading')}</p>`}
    </section>`;
  }
}
