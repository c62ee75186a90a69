// /billing/prices: the price list. Search by code or name, category, the day a price is valid on, active or not
// (GET /prices); holders of billing.prices.edit add a price (POST), change one (PUT with its version) or deactivate it
// (DELETE: its history stays). A code has one price a day: an overlapping validity answers 409, shown at the form.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, can, errorText, formValues, focusSoon } from '/ui/shell/kit.js';
import { BASE, CATEGORIES, decimalInput, useStyles, label, unitMoney, listOf, today, validity, ratePercent } from './common.js';

const SIZE = 50;
/** The fields of a Price the form edits (the rest of the price is sent back as it came). */
const FIELDS = ['code', 'name', 'category', 'unitPrice', 'taxCategory', 'validFrom', 'validTo', 'doctorId', 'specialty',
  'serviceCode'];

class BillingPrices extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || { active: 'true' };
    useStyles();
    this.paint();
    this.loadTaxes();
    this.load(0);
  }

  get ctx() {
    return this._ctx;
  }

  async loadTaxes() {
    try {
      this.taxes = listOf(await this._ctx.api.get(`${BASE}/tax-categories`));
    } catch (err) {
      this.taxes = [];
    }
    this.paint();
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/prices`, { ...this.filter, page, size: SIZE });
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  applyFilter(event) {
    event.preventDefault();
    this.filter = formValues(event.target);
    this.load(0);
  }

  edit(price) {
    this.editing = price || { category: 'CONSULTATION', taxCategory: 'EXEMPT', validFrom: today() };
    this.formError = '';
    this.paint();
    focusSoon(this, '#billing-price-form-title');
  }

  async save(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const v = formValues(event.target);
    if (!v.code || !v.name || !v.unitPrice || !v.validFrom) {
      this.formError = ctx.t('billing.price.required');
      this.paint();
      return;
    }
    // A new price is active; a changed one keeps its state (deactivating is its own action).
    const body = { ...(this.editing.id ? this.editing : {}), active: this.editing.id ? this.editing.active !== false : true };
    FIELDS.forEach((f) => { body[f] = v[f] === undefined ? null : v[f]; });
    body.unitPrice = decimalInput(body.unitPrice);
    try {
      if (this.editing.id) {
        await ctx.api.put(`${BASE}/prices/${encodeURIComponent(this.editing.id)}`, body);
      } else {
        await ctx.api.post(`${BASE}/prices`, body);
      }
      ctx.notify(ctx.t('billing.price.saved', { code: v.code }), 'success');
      this.editing = null;
      this.formError = '';
      await this.load(this.page ? this.page.page : 0);
    } catch (err) {
      this.formError = errorText(ctx, err);
      this.paint();
    }
  }

  async deactivate(price) {
    const ctx = this._ctx;
    let failure = '';
    try {
      await ctx.api.del(`${BASE}/prices/${encodeURIComponent(price.id)}`);
      ctx.notify(ctx.t('billing.price.deactivated', { code: price.code }), 'success');
    } catch (err) {
      failure = errorText(ctx, err);
    }
    await this.load(this.page ? this.page.page : 0);
    this.error = failure;
    this.paint();
  }

  taxOptions(chosen) {
    return (this.taxes || []).map((tc) => html`<option value=${tc.code} ?selected=${tc.code === chosen}>${tc.name} (${
      ratePercent(this._ctx, tc.rate)})</option>`);
  }

  form() {
    const p = this.editing;
    if (!p) return nothing;
    const ctx = this._ctx;
    const t = (k, x) => ctx.t(k, x);
    return html`<section class="bl-panel card" aria-labelledby="billing-price-form-title">
      <h2 id="billing-price-form-title" tabindex="-1">${p.id ? t('billing.price.editTitle', { code: p.code }) : t('billing.price.newTitle')}</h2>
      <form id="billing-price-form" class="form" novalidate @submit=${(e) => this.save(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-price-code">${t('billing.col.code')}</label>
            <input id="billing-price-code" name="code" autocomplete="off" required .value=${p.code || ''} ?readonly=${!!p.id}></div>
          <div class="field"><label for="billing-price-name">${t('billing.col.name')}</label>
            <input id="billing-price-name" name="name" autocomplete="off" required .value=${p.name || ''}></div>
          <div class="field"><label for="billing-price-category">${t('billing.col.category')}</label>
            <select id="billing-price-category" name="category">${CATEGORIES.map((c) => html`<option value=${c}
              ?selected=${p.category === c}>${label(ctx, 'category', c)}</option>`)}</select></div>
        </div>
        <div class="field-row">
          <div class="field"><label for="billing-price-unit">${t('billing.col.unitPrice')}</label>
            <input id="billing-price-unit" name="unitPrice" inputmode="decimal" autocomplete="off" required
              aria-describedby="billing-price-unit-hint" .value=${p.unitPrice || ''}>
            <span id="billing-price-unit-hint" class="hint">${t('billing.price.unitHint')}</span></div>
          <div class="field"><label for="billing-price-tax">${t('billing.col.taxCategory')}</label>
            <select id="billing-price-tax" name="taxCategory">${this.taxOptions(p.taxCategory)}</select></div>
          <div class="field"><label for="billing-price-from">${t('billing.price.validFrom')}</label>
            <input id="billing-price-from" name="validFrom" type="date" required .value=${p.validFrom || ''}></div>
          <div class="field"><label for="billing-price-to">${t('billing.price.validTo')}</label>
            <input id="billing-price-to" name="validTo" type="date" .value=${p.validTo || ''}></div>
        </div>
        <fieldset><legend>${t('billing.price.consultation')}</legend>
          <div class="field-row">
            <div class="field"><label for="billing-price-doctor">${t('billing.col.doctor')}</label>
              <input id="billing-price-doctor" name="doctorId" autocomplete="off" .value=${p.doctorId || ''}></div>
            <div class="field"><label for="billing-price-specialty">${t('billing.price.specialty')}</label>
              <input id="billing-price-specialty" name="specialty" autocomplete="off" .value=${p.specialty || ''}></div>
            <div class="field"><label for="billing-price-service">${t('billing.price.service')}</label>
              <input id="billing-price-service" name="serviceCode" autocomplete="off" .value=${p.serviceCode || ''}></div>
          </div>
        </fieldset>
        ${alertRegion(this.formError, 'billing-price-error')}
        <div class="bl-actions"><button type="submit" class="button">${t('billing.save')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.editing = null; this.paint(); }}>
            ${t('billing.cancel')}</button></div>
      </form>
    </section>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    const edit = can(ctx, 'billing.prices.edit');
    const rate = (code) => ratePercent(ctx, ((this.taxes || []).find((tc) => tc.code === code) || {}).rate);
    return scrollTable(t('billing.prices.caption'), html`<table id="billing-prices-table">
      <caption>${t('billing.prices.caption')}</caption>
      <thead><tr><th scope="col">${t('billing.col.code')}</th><th scope="col">${t('billing.col.name')}</th>
        <th scope="col">${t('billing.col.category')}</th><th scope="col">${t('billing.col.unitPrice')}</th>
        <th scope="col">${t('billing.col.taxCategory')}</th><th scope="col">${t('billing.price.validity')}</th>
        <th scope="col">${t('billing.col.status')}</th>${edit ? html`<th scope="col">${t('billing.col.actions')}</th>` : nothing}</tr></thead>
      <tbody>${items.length ? items.map((p) => html`<tr data-code=${p.code}>
        <td>${p.code}</td><td>${p.name}${p.doctorId || p.specialty || p.serviceCode ? html` <span class="hint">${
          [p.doctorId, p.specialty, p.serviceCode].filter(Boolean).join(' · ')}</span>` : nothing}</td>
        <td>${label(ctx, 'category', p.category)}</td><td class="bl-num">${unitMoney(ctx, p.unitPrice, p.currency)}</td>
        <td>${p.taxCategory} <span class="hint">${rate(p.taxCategory)}</span></td>
        <td>${validity(ctx, p.validFrom, p.validTo)}</td>
        <td>${t(p.active === false ? 'billing.price.inactive' : 'billing.price.active')}</td>
        ${edit ? html`<td><span class="bl-actions"><button type="button" class="button button-quiet"
          aria-label=${t('billing.price.editFor', { code: p.code })} @click=${() => this.edit(p)}>${t('billing.edit')}</button>
          ${p.active !== false ? html`<button type="button" class="button button-quiet"
            aria-label=${t('billing.price.deactivateFor', { code: p.code })}
            @click=${() => this.deactivate(p)}>${t('billing.price.deactivate')}</button>` : nothing}</span></td>` : nothing}</tr>`)
        : html`<tr><td colspan=${edit ? 8 : 7}>${this.busy ? t('billing.loading') : t('billing.prices.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const f = this.filter;
    render(html`<div class="page">
      <h1>${t('billing.page.prices')}</h1>
      <form id="billing-prices-filter" class="form" role="search" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-prices-q">${t('billing.prices.search')}</label>
            <input id="billing-prices-q" name="q" type="search" autocomplete="off" .value=${f.q || ''}></div>
          <div class="field"><label for="billing-prices-category">${t('billing.col.category')}</label>
            <select id="billing-prices-category" name="category"><option value="">${t('billing.any')}</option>
              ${CATEGORIES.map((c) => html`<option value=${c} ?selected=${f.category === c}>${label(ctx, 'category', c)}</option>`)}
            </select></div>
          <div class="field"><label for="billing-prices-on">${t('billing.prices.on')}</label>
            <input id="billing-prices-on" name="on" type="date" .value=${f.on || ''}></div>
          <div class="field"><label for="billing-prices-active">${t('billing.col.status')}</label>
            <select id="billing-prices-active" name="active"><option value="">${t('billing.any')}</option>
              <option value="true" ?selected=${f.active === 'true'}>${t('billing.price.active')}</option>
              <option value="false" ?selected=${f.active === 'false'}>${t('billing.price.inactive')}</option></select></div>
        </div>
        <div class="bl-actions"><button type="submit" class="button">${t('billing.filter')}</button>
          ${can(ctx, 'billing.prices.edit') ? html`<button type="button" class="button button-quiet" id="billing-price-new"
            @click=${() => this.edit(null)}>${t('billing.price.new')}</button>` : nothing}</div>
      </form>
      ${alertRegion(this.error, 'billing-prices-error')}
      ${this.form()}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('billing.prices.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('billing-prices')) {
  customElements.define('billing-prices', BillingPrices);
}
