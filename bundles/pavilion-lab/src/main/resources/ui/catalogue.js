// /lab/catalogue: the test catalogue for its administrator: search, then create or edit a test or panel with its
// accepted units and reference ranges (PUT /tests/{code} with the version read), or deactivate it (DELETE).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, useStyles } from './common.js';
import { TestForm } from './test-form.js';

const SIZE = 50;

class LabCatalogue extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.query = this.query || {};
    this.editor = new TestForm(this, (saved) => this.saved(saved));
    useStyles();
    this.paint();
    this.load(0);
  }

  get ctx() {
    return this._ctx;
  }

  async load(page) {
    try {
      this.page = await this._ctx.api.get(`${BASE}/tests`, { ...this.query, page, size: SIZE });
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  search(event) {
    event.preventDefault();
    this.query = formValues(event.target);
    this.load(0);
  }

  saved() {
    this.load(this.page ? this.page.page : 0);
  }

  async deactivate(test) {
    const ctx = this._ctx;
    let failure = '';
    try {
      await ctx.api.del(`${BASE}/tests/${encodeURIComponent(test.code)}`);
      ctx.notify(ctx.t('lab.catalogue.deactivated', { code: test.code }), 'success');
    } catch (err) {
      failure = errorText(ctx, err);
    }
    await this.load(this.page ? this.page.page : 0);
    this.error = failure;
    this.paint();
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    render(html`<div class="page">
      <h1>${t('lab.page.catalogue')}</h1>
      <form id="lab-cat-search" class="form" @submit=${(e) => this.search(e)}>
        <div class="field-row">
          <div class="field"><label for="lab-cat-q">${t('lab.catalogue.search')}</label>
            <input id="lab-cat-q" name="q" type="search" .value=${this.query.q || ''}></div>
          <div class="field"><label for="lab-cat-kind">${t('lab.catalogue.kind')}</label>
            <select id="lab-cat-kind" name="kind"><option value="">${t('lab.any')}</option>
              ${['TEST', 'PANEL'].map((k) => html`<option value=${k} ?selected=${this.query.kind === k}>${t(`lab.kind.${k}`)}</option>`)}</select></div>
          <div class="field"><label for="lab-cat-active">${t('lab.catalogue.active')}</label>
            <select id="lab-cat-active" name="active"><option value="">${t('lab.any')}</option>
              <option value="true" ?selected=${this.query.active === 'true'}>${t('lab.yes')}</option>
              <option value="false" ?selected=${this.query.active === 'false'}>${t('lab.no')}</option></select></div>
        </div>
        <div class="lab-actions"><button type="submit" class="button">${t('lab.filter')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.editor.create(); focusSoon(this, '#lab-test-title'); }}>
            ${t('lab.catalogue.new')}</button></div>
      </form>
      ${alertRegion(this.error, 'lab-cat-error')}
      ${scrollTable(t('lab.catalogue.caption'), html`<table id="lab-cat-table">
        <caption>${t('lab.catalogue.caption')}</caption>
        <thead><tr><th scope="col">${t('lab.catalogue.code')}</th><th scope="col">${t('lab.catalogue.name')}</th>
          <th scope="col">${t('lab.catalogue.kind')}</th><th scope="col">${t('lab.catalogue.specimenType')}</th>
          <th scope="col">${t('lab.catalogue.unit')}</th><th scope="col">${t('lab.catalogue.active')}</th>
          <th scope="col">${t('lab.col.actions')}</th></tr></thead>
        <tbody>${items.length ? items.map((c) => html`<tr>
          <td>${c.code}</td><td>${c.name}</td><td>${t(`lab.kind.${c.kind}`)}</td><td>${c.specimenType || ''}</td>
          <td>${c.unit || ''}</td><td>${c.active ? t('lab.yes') : t('lab.no')}</td>
          <td><div class="lab-actions"><button type="button" class="button button-quiet"
              aria-label=${t('lab.catalogue.editFor', { name: c.name })}
              @click=${async () => { await this.editor.edit(c.code); focusSoon(this, '#lab-test-title'); }}>${t('lab.catalogue.edit')}</button>
            ${c.active ? html`<button type="button" class="button button-quiet"
              aria-label=${t('lab.catalogue.deactivateFor', { name: c.name })}
              @click=${() => this.deactivate(c)}>${t('lab.catalogue.deactivate')}</button>` : nothing}</div></td></tr>`)
          : html`<tr><td colspan="7">${this.page ? t('lab.catalogue.empty') : t('lab.loading')}</td></tr>`}</tbody></table>`)}
      ${pager(ctx, this.page, (n) => this.load(n), t('lab.catalogue.pages'))}
      ${this.editor.view()}
    </div>`, this);
  }
}

if (!customElements.get('lab-catalogue')) {
  customElements.define('lab-catalogue', LabCatalogue);
}
