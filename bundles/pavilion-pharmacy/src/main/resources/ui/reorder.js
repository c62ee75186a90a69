// /pharmacy/reorder: per store, the items at or below their reorder level with the suggested quantity (earliest
// stock-out first); tick the lines and create a draft purchase order for a supplier (POST
// /purchase-orders/from-suggestions), which opens on the purchase orders page. Each item's forecast opens below.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, can, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, useStyles, qty, storeOptions, listOf } from './common.js';
import { forecastChart, forecastFacts, forecastTable } from './forecast.js';

const FORECAST_DAYS = 28;

class PharmacyReorder extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.start();
  }

  get ctx() {
    return this._ctx;
  }

  async start() {
    const api = this._ctx.api;
    const [stores, suppliers] = await Promise.all([
      api.get(`${BASE}/stores`).catch((err) => { this.error = errorText(this._ctx, err); return []; }),
      can(this._ctx, 'pharmacy.purchasing.manage')
        ? api.get(`${BASE}/suppliers`, { page: 0, size: 200 }).catch(() => []) : Promise.resolve([])]);
    this.stores = listOf(stores);
    this.suppliers = listOf(suppliers).filter((s) => s.active !== false);
    const first = this.stores.find((s) => s.active !== false && s.kind === 'CENTRAL') || this.stores[0];
    this.store = first ? first.code : '';
    await this.load();
  }

  async load() {
    this.busy = true;
    this.forecast = null;
    this.paint();
    try {
      this.suggestions = await this._ctx.api.get(`${BASE}/reorder-suggestions`, { store: this.store });
      this.picked = new Set((this.suggestions || []).map((s) => s.itemCode));
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  chooseStore(event) {
    event.preventDefault();
    this.store = formValues(event.target).store || '';
    this.load();
  }

  toggle(code, on) {
    if (on) this.picked.add(code); else this.picked.delete(code);
  }

  async showForecast(s) {
    const ctx = this._ctx;
    this.forecastOf = s;
    this.forecast = null;
    this.forecastError = '';
    this.paint();
    try {
      this.forecast = await ctx.api.get(`${BASE}/forecasts/${encodeURIComponent(s.storeCode || this.store)}/${
        encodeURIComponent(s.itemCode)}`, { days: FORECAST_DAYS });
    } catch (err) {
      this.forecastError = errorText(ctx, err);
    }
    this.paint();
    focusSoon(this, '#pharmacy-forecast-title');
  }

  async createOrder(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const { supplierId } = formValues(event.target);
    const itemCodes = [...this.picked];
    if (!supplierId || !itemCodes.length) {
      this.orderError = ctx.t('pharmacy.reorder.required');
      this.paint();
      return;
    }
    try {
      const order = await ctx.api.post(`${BASE}/purchase-orders/from-suggestions`,
        { supplierId, storeCode: this.store, itemCodes });
      ctx.notify(ctx.t('pharmacy.order.created', { number: order.number }), 'success');
      ctx.navigate('/pharmacy/purchase-orders', { orderId: order.id });
    } catch (err) {
      this.orderError = errorText(ctx, err);
      this.paint();
    }
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const list = this.suggestions || [];
    const ordering = can(ctx, 'pharmacy.purchasing.manage');
    return scrollTable(t('pharmacy.reorder.caption'), html`<table id="pharmacy-reorder-table">
      <caption>${t('pharmacy.reorder.caption')}</caption>
      <thead><tr>${ordering ? html`<th scope="col">${t('pharmacy.reorder.include')}</th>` : nothing}
        <th scope="col">${t('pharmacy.col.item')}</th><th scope="col">${t('pharmacy.stock.onHand')}</th>
        <th scope="col">${t('pharmacy.stock.reorderLevel')}</th><th scope="col">${t('pharmacy.forecast.suggested')}</th>
        <th scope="col">${t('pharmacy.forecast.stockOut')}</th><th scope="col">${t('pharmacy.col.actions')}</th></tr></thead>
      <tbody>${list.length ? list.map((s) => html`<tr data-item=${s.itemCode}>
        ${ordering ? html`<td><input type="checkbox" id="pharmacy-reorder-pick-${s.itemCode}" .checked=${this.picked.has(s.itemCode)}
            @change=${(e) => this.toggle(s.itemCode, e.target.checked)}>
          <label for="pharmacy-reorder-pick-${s.itemCode}" class="visually-hidden">${t('pharmacy.reorder.includeItem', { item: s.itemName })}</label></td>` : nothing}
        <td>${s.itemName} <span class="hint">${s.itemCode}</span></td><td>${qty(ctx, s.onHand, s.unit)}</td>
        <td>${qty(ctx, s.reorderLevel)}</td><td>${qty(ctx, s.suggestedQuantity, s.unit)}</td>
        <td>${s.stockOutDate ? ctx.fmt.date(s.stockOutDate) : ''}</td>
        <td>${can(ctx, 'pharmacy.forecast.view') ? html`<button type="button" class="button button-quiet"
          aria-label=${t('pharmacy.reorder.forecastFor', { item: s.itemName })}
          @click=${() => this.showForecast(s)}>${t('pharmacy.reorder.forecast')}</button>` : nothing}</td></tr>`)
        : html`<tr><td colspan=${ordering ? 7 : 6}>${this.busy ? t('pharmacy.loading') : t('pharmacy.reorder.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  orderForm() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    if (!can(ctx, 'pharmacy.purchasing.manage') || !(this.suggestions || []).length) return nothing;
    return html`<form id="pharmacy-reorder-order" class="form ph-panel" novalidate @submit=${(e) => this.createOrder(e)}>
      <div class="field"><label for="pharmacy-reorder-supplier">${t('pharmacy.col.supplier')}</label>
        <select id="pharmacy-reorder-supplier" name="supplierId" required><option value="">${t('pharmacy.choose')}</option>
          ${(this.suppliers || []).map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></div>
      ${alertRegion(this.orderError, 'pharmacy-reorder-error')}
      <button type="submit" class="button">${t('pharmacy.reorder.createOrder')}</button>
    </form>`;
  }

  forecastView() {
    if (!this.forecastOf) return nothing;
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const f = this.forecast;
    return html`<section class="ph-panel card" aria-labelledby="pharmacy-forecast-title">
      <h2 id="pharmacy-forecast-title" tabindex="-1">${t('pharmacy.forecast.title', { item: this.forecastOf.itemName })}</h2>
      ${alertRegion(this.forecastError, 'pharmacy-forecast-error')}
      ${f ? html`<div class="ph-forecast-layout">${forecastChart(ctx, f, 'pharmacy-forecast-chart')}${forecastFacts(ctx, f)}</div>
        ${forecastTable(ctx, f, 'pharmacy-forecast-table')}`
        : this.forecastError ? nothing : html`<p role="status">${t('pharmacy.loading')}</p>`}
    </section>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('pharmacy.page.reorder')}</h1>
      <form id="pharmacy-reorder-filter" class="form" @submit=${(e) => this.chooseStore(e)}>
        <div class="field"><label for="pharmacy-reorder-store">${t('pharmacy.col.store')}</label>
          <select id="pharmacy-reorder-store" name="store">${storeOptions(this.stores, this.store)}</select></div>
        <button type="submit" class="button">${t('pharmacy.filter')}</button>
      </form>
      ${alertRegion(this.error, 'pharmacy-reorder-load-error')}
      ${this.table()}
      ${this.orderForm()}
      ${this.forecastView()}
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-reorder')) {
  customElements.define('pharmacy-reorder', PharmacyReorder);
}
