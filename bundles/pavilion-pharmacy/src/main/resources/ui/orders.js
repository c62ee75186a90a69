// /pharmacy/purchase-orders: orders by status; create one (supplier, store, lines), open one to send it, cancel it or
// receive a delivery (order-detail.js). Opened from the reorder list with state {orderId}: that order is shown.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, ORDER_STATUSES, useStyles, statusLabel, storeOptions, listOf, debounce } from './common.js';
import { OrderDetail } from './order-detail.js';

const SIZE = 50;

class PharmacyOrders extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || {};
    this.lines = [{}];
    this.items = [];
    this.suggest = debounce((q) => this.findItems(q), 300);
    this.detail = new OrderDetail(this, () => this.load(this.page ? this.page.page : 0));
    useStyles();
    this.paint();
    this.start();
  }

  get ctx() {
    return this._ctx;
  }

  async start() {
    const api = this._ctx.api;
    const [suppliers, stores] = await Promise.all([
      api.get(`${BASE}/suppliers`, { page: 0, size: 200 }).catch(() => []),
      api.get(`${BASE}/stores`).catch(() => [])]);
    this.suppliers = listOf(suppliers).filter((s) => s.active !== false);
    this.stores = listOf(stores);
    await this.load(0);
    const wanted = this._ctx.state && this._ctx.state.orderId;
    if (wanted) this.detail.open(wanted);
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/purchase-orders`, { ...this.filter, page, size: SIZE });
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

  openForm() {
    this.creating = true;
    this.lines = [{}];
    this.formError = '';
    this.paint();
    focusSoon(this, '#pharmacy-order-form-title');
  }

  /** Keeps what was typed in the line fields across repaints (adding or removing a line). */
  lineInput(index, field, value) {
    this.lines[index] = { ...this.lines[index], [field]: value.trim() };
    if (field === 'itemCode') this.suggest(value.trim());
  }

  /** Item codes offered while typing a line (a datalist); the code typed is sent as it is. */
  async findItems(q) {
    if (!q || q.length < 2) return;
    try {
      this.items = (await this._ctx.api.get(`${BASE}/items`, { q, active: true, page: 0, size: 20 })).items || [];
      this.paint();
    } catch (err) {
      // Suggestions only: the API says if a code is unknown when the order is created.
    }
  }

  async create(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const head = formValues(event.target);
    const lines = this.lines.filter((l) => l.itemCode || l.quantity)
      .map((l) => ({ itemCode: l.itemCode, quantity: l.quantity, unitPrice: l.unitPrice || null }));
    if (!head.supplierId || !head.storeCode || !lines.length || lines.some((l) => !l.itemCode || !l.quantity)) {
      this.formError = ctx.t('pharmacy.order.required');
      this.paint();
      return;
    }
    try {
      const order = await ctx.api.post(`${BASE}/purchase-orders`, { ...head, lines });
      ctx.notify(ctx.t('pharmacy.order.created', { number: order.number }), 'success');
      this.creating = false;
      await this.load(0);
      this.detail.open(order.id);
    } catch (err) {
      this.formError = errorText(ctx, err);
      this.paint();
    }
  }

  createForm() {
    if (!this.creating) return nothing;
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<section class="ph-panel card" aria-labelledby="pharmacy-order-form-title">
      <h2 id="pharmacy-order-form-title" tabindex="-1">${t('pharmacy.order.new')}</h2>
      <form id="pharmacy-order-form" class="form" novalidate @submit=${(e) => this.create(e)}>
        <div class="field-row">
          <div class="field"><label for="pharmacy-order-supplier">${t('pharmacy.col.supplier')}</label>
            <select id="pharmacy-order-supplier" name="supplierId" required><option value="">${t('pharmacy.choose')}</option>
              ${(this.suppliers || []).map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></div>
          <div class="field"><label for="pharmacy-order-store">${t('pharmacy.col.store')}</label>
            <select id="pharmacy-order-store" name="storeCode" required>${storeOptions(this.stores, '')}</select></div>
        </div>
        <fieldset><legend>${t('pharmacy.order.lines')}</legend>
          ${this.lines.map((l, i) => html`<div class="field-row ph-order-line">
            <div class="field"><label for="pharmacy-order-item-${i}">${t('pharmacy.order.lineItem', { n: i + 1 })}</label>
              <input id="pharmacy-order-item-${i}" name="lineItem" list="pharmacy-order-items" autocomplete="off" .value=${l.itemCode || ''}
                @input=${(e) => this.lineInput(i, 'itemCode', e.target.value)}></div>
            <div class="field"><label for="pharmacy-order-qty-${i}">${t('pharmacy.col.quantity')}</label>
              <input id="pharmacy-order-qty-${i}" name="lineQuantity" inputmode="decimal" autocomplete="off" .value=${l.quantity || ''}
                @input=${(e) => this.lineInput(i, 'quantity', e.target.value)}></div>
            <div class="field"><label for="pharmacy-order-price-${i}">${t('pharmacy.order.unitPrice')}</label>
              <input id="pharmacy-order-price-${i}" name="linePrice" inputmode="decimal" autocomplete="off" .value=${l.unitPrice || ''}
                @input=${(e) => this.lineInput(i, 'unitPrice', e.target.value)}></div>
            ${this.lines.length > 1 ? html`<button type="button" class="button button-quiet"
              aria-label=${t('pharmacy.order.removeLine', { n: i + 1 })}
              @click=${() => { this.lines.splice(i, 1); this.paint(); }}>${t('pharmacy.order.remove')}</button>` : nothing}
          </div>`)}
          <datalist id="pharmacy-order-items">${this.items.map((i) => html`<option value=${i.code}>${i.name}</option>`)}</datalist>
          <button type="button" class="button button-quiet" @click=${() => { this.lines.push({}); this.paint(); }}>
            ${t('pharmacy.order.addLine')}</button>
        </fieldset>
        <div class="field"><label for="pharmacy-order-note">${t('pharmacy.move.note')}</label>
          <textarea id="pharmacy-order-note" name="note" rows="2"></textarea></div>
        ${alertRegion(this.formError, 'pharmacy-order-error')}
        <div class="ph-actions"><button type="submit" class="button">${t('pharmacy.order.create')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.creating = false; this.paint(); }}>
            ${t('pharmacy.close')}</button></div>
      </form>
    </section>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    return scrollTable(t('pharmacy.order.caption'), html`<table id="pharmacy-orders-table">
      <caption>${t('pharmacy.order.caption')}</caption>
      <thead><tr><th scope="col">${t('pharmacy.col.number')}</th><th scope="col">${t('pharmacy.col.supplier')}</th>
        <th scope="col">${t('pharmacy.col.store')}</th><th scope="col">${t('pharmacy.col.status')}</th>
        <th scope="col">${t('pharmacy.col.created')}</th><th scope="col">${t('pharmacy.order.lines')}</th>
        <th scope="col">${t('pharmacy.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((o) => html`<tr data-id=${o.id}>
        <td>${o.number}</td><td>${o.supplierName}</td><td>${o.storeCode}</td><td>${statusLabel(ctx, o.status)}</td>
        <td>${o.createdAt ? ctx.fmt.dateTime(o.createdAt) : ''}</td><td>${ctx.fmt.number((o.lines || []).length)}</td>
        <td><button type="button" class="button button-quiet" aria-label=${t('pharmacy.order.openFor', { number: o.number })}
          @click=${() => this.detail.open(o.id)}>${t('pharmacy.queue.open')}</button></td></tr>`)
        : html`<tr><td colspan="7">${this.busy ? t('pharmacy.loading') : t('pharmacy.order.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('pharmacy.page.orders')}</h1>
      <form id="pharmacy-orders-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field"><label for="pharmacy-orders-status">${t('pharmacy.col.status')}</label>
          <select id="pharmacy-orders-status" name="status"><option value="">${t('pharmacy.any')}</option>
            ${ORDER_STATUSES.map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${statusLabel(ctx, s)}</option>`)}
          </select></div>
        <div class="ph-actions"><button type="submit" class="button">${t('pharmacy.filter')}</button>
          <button type="button" class="button button-quiet" id="pharmacy-new-order" @click=${() => this.openForm()}>
            ${t('pharmacy.order.new')}</button></div>
      </form>
      ${alertRegion(this.error, 'pharmacy-orders-error')}
      ${this.createForm()}
      ${this.detail.view()}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('pharmacy.order.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-orders')) {
  customElements.define('pharmacy-orders', PharmacyOrders);
}
