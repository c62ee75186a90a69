// /lab/specimens/label with state {specimenId}: the specimen's Code 128 label (GET /specimens/{id}/label.png through
// ctx.api.blob, so the session travels as for every call) shown alone for printing. The id is in the navigation
// state, never in the address.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText } from '/ui/shell/kit.js';
import { BASE, useStyles } from './common.js';

class LabSpecimenLabel extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.specimenId = ctx.state && ctx.state.specimenId;
    useStyles();
    this.paint();
    this.load();
  }

  disconnectedCallback() {
    this.release();
  }

  release() {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
  }

  async load() {
    const ctx = this._ctx;
    if (!this.specimenId) {
      this.error = ctx.t('lab.label.none');
      this.paint();
      return;
    }
    try {
      const blob = await ctx.api.blob(`${BASE}/specimens/${encodeURIComponent(this.specimenId)}/label.png`);
      this.release();
      this.url = URL.createObjectURL(blob);
      this.error = '';
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.paint();
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page lab-label-sheet">
      <h1 class="lab-no-print">${t('lab.page.label')}</h1>
      ${alertRegion(this.error, 'lab-label-error')}
      ${this.url ? html`<img src=${this.url} alt=${t('lab.label.alt', { specimen: this.specimenId })}>
        <div class="lab-actions lab-no-print"><button type="button" class="button" @click=${() => window.print()}>
          ${t('lab.label.print')}</button>
          <button type="button" class="button button-quiet" @click=${() => history.back()}>${t('lab.back')}</button></div>`
        : this.error ? nothing : html`<p role="status">${t('lab.loading')}</p>`}
    </div>`, this);
  }
}

if (!customElements.get('lab-specimen-label')) {
  customElements.define('lab-specimen-label', LabSpecimenLabel);
}
