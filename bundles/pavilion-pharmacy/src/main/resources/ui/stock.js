// /pharmacy/stock: a store's items with on hand, usable stock, the reorder level (marked when below) and the batches
// with their expiry (EXPIRED red, EXPIRING amber, OK green, always in words too); receive, transfer and adjust
// (stock-moves.js) for the users allowed to.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, can, errorText, formValues } from '/ui/shell/kit.js';
import { BASE, useStyles, qty, expiryBadge, storeOptions, dispensingStores, listOf } from './common.js';
import { StockMoves } from './stock-moves.js';

const SIZE = 50;

class PharmacyStock extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || {};
    this.moves = new StockMoves(this, () => this.load(this.page ? this.page.page : 0));
    useStyles();
    this.paint();
    this.start();
  }

  get ctx() {
    return this._ctx;
  }

  async start() {
    try {
      this.stores = listOf(await this._ctx.api.get(`${BASE}/stores`));
    } catch (err) {
      this.stores = [];
      this.error = errorText(this._ctx, err);
    }
    if (!this.filter.store) {
      const first = dispensingStores(this.stores)[0] || this.stores.find((s) => s.active !== false);
      this.filter = { ...this.filter, store: first ? first.code : '' };
    }
    await this.load(0);
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/stock`, { ...this.filter, page, size: SIZE });
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

  /** An expired batch's whole quantity out of the store (the API refuses a batch still in date). */
  async writeOff(line, batch) {
    const ctx = this._ctx;
    let failure = '';
    try {
      await ctx.api.post(`${BASE}/stock/write-offs`, { storeCode: line.storeCode, itemCode: line.itemCode,
        batchNumber: batch.batchNumber });
      ctx.notify(ctx.t('pharmacy.stock.writtenOff', { batch: batch.batchNumber }), 'success');
    } catch (err) {
      failure = errorText(ctx, err);
    }
    // The list as it is now, then why the write-off failed (the reload must not wipe the message).
    await this.load(this.page ? this.page.page : 0);
    this.error = failure;
    this.paint();
  }

  rowActions(line) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const what = line.itemName || line.itemCode;
    return html`<div class="ph-actions">
      ${can(ctx, 'pharmacy.stock.move') ? html`<button type="button" class="button button-quiet"
        aria-label=${t('pharmacy.stock.transferFor', { item: what })}
        @click=${() => this.moves.open('transfer', line)}>${t('pharmacy.stock.transferButton')}</button>` : nothing}
      ${can(ctx, 'pharmacy.stock.adjust') ? html`<button type="button" class="button button-quiet"
        aria-label=${t('pharmacy.stock.adjustFor', { item: what })}
        @click=${() => this.moves.open('adjust', line)}>${t('pharmacy.stock.adjustButton')}</button>` : nothing}
    </div>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    const actions = can(ctx, 'pharmacy.stock.move') || can(ctx, 'pharmacy.stock.adjust');
    return scrollTable(t('pharmacy.stock.caption'), html`<table id="pharmacy-stock-table">
      <caption>${t('pharmacy.stock.caption')}</caption>
      <thead><tr><th scope="col">${t('pharmacy.col.item')}</th><th scope="col">${t('pharmacy.stock.onHand')}</th>
        <th scope="col">${t('pharmacy.stock.usable')}</th><th scope="col">${t('pharmacy.stock.reorderLevel')}</th>
        <th scope="col">${t('pharmacy.col.batches')}</th>
        ${actions ? html`<th scope="col">${t('pharmacy.col.actions')}</th>` : nothing}</tr></thead>
      <tbody>${items.length ? items.map((l) => html`<tr data-item=${l.itemCode}>
        <td>${l.itemName} <span class="hint">${l.itemCode}</span></td>
        <td class="ph-on-hand">${qty(ctx, l.onHand, l.unit)}</td>
        <td>${qty(ctx, l.usable, l.unit)}</td>
        <td>${l.reorderLevel ? qty(ctx, l.reorderLevel) : ''}${l.belowReorder
          ? html` <strong class="ph-below">${t('pharmacy.stock.below')}</strong>` : nothing}</td>
        <td><ul class="ph-batches">${(l.batches || []).map((b) => html`<li>${b.batchNumber}: ${qty(ctx, b.quantity)}
          ${expiryBadge(ctx, b.expiry, b.expiryDate)}${b.expiry === 'EXPIRED' && Number(b.quantity) > 0
            && can(ctx, 'pharmacy.stock.adjust') ? html` <button type="button" class="button button-quiet"
              aria-label=${t('pharmacy.stock.writeOffFor', { batch: b.batchNumber, item: l.itemName || l.itemCode })}
              @click=${() => this.writeOff(l, b)}>${t('pharmacy.stock.writeOff')}</button>` : nothing}</li>`)}</ul></td>
        ${actions ? html`<td>${this.rowActions(l)}</td>` : nothing}</tr>`)
        : html`<tr><td colspan=${actions ? 6 : 5}>${this.busy ? t('pharmacy.loading') : t('pharmacy.stock.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('pharmacy.page.stock')}</h1>
      <form id="pharmacy-stock-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="pharmacy-stock-store">${t('pharmacy.col.store')}</label>
            <select id="pharmacy-stock-store" name="store">${storeOptions(this.stores, this.filter.store)}</select></div>
          <div class="field"><label for="pharmacy-stock-q">${t('pharmacy.stock.search')}</label>
            <input id="pharmacy-stock-q" name="q" type="search" autocomplete="off" .value=${this.filter.q || ''}></div>
        </div>
        <div class="ph-actions"><button type="submit" class="button">${t('pharmacy.filter')}</button>
          ${can(ctx, 'pharmacy.stock.move') || can(ctx, 'pharmacy.stock.adjust') ? html`<button type="button" class="button button-quiet" id="pharmacy-open-receive"
            @click=${() => this.moves.open('receive', { storeCode: this.filter.store })}>${t('pharmacy.stock.receive')}</button>` : nothing}
        </div>
      </form>
      ${alertRegion(this.error, 'pharmacy-stock-error')}
      ${this.moves.view()}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('pharmacy.stock.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-stock')) {
  customElements.define('pharmacy-stock', PharmacyStock);
}
