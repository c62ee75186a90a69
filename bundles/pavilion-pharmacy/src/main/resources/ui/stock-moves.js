// The stock page's forms: receive (opening stock, a donation: POST /stock/receipts), transfer between stores
// (/stock/transfers) and adjust with a reason (/stock/adjustments). One form open at a time; the movements posted
// are shown after, and the stock list reloads.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, ADJUSTMENT_REASONS, storeOptions, movementSummary, today, debounce } from './common.js';

const PATHS = { receive: '/stock/receipts', transfer: '/stock/transfers', adjust: '/stock/adjustments' };

export class StockMoves {
  /** host: the page (ctx, stores, paint()); moved(): called after a movement was posted. */
  constructor(host, moved) {
    this.host = host;
    this.moved = moved;
    this.mode = null;
    this.items = [];
    this.suggest = debounce((q) => this.findItems(q), 300);
  }

  open(mode, line) {
    this.mode = mode;
    this.line = line || {};
    this.error = '';
    this.done = null;
    this.host.paint();
    const form = this.host.querySelector(`#pharmacy-${mode}-form`);
    if (form) form.reset();
    focusSoon(this.host, '#pharmacy-move-title');
  }

  close() {
    this.mode = null;
    this.host.paint();
  }

  /** Item codes offered while typing (a datalist): the catalogue's items matching what was typed. */
  async findItems(q) {
    if (!q || q.length < 2) return;
    try {
      const page = await this.host.ctx.api.get(`${BASE}/items`, { q, active: true, page: 0, size: 20 });
      this.items = page.items || [];
      this.host.paint();
    } catch (err) {
      // Suggestions only: the code typed is still sent and the API says if it is unknown.
    }
  }

  async submit(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const body = formValues(event.target);
    if (!body.itemCode || !body.quantity) {
      this.error = ctx.t('pharmacy.move.required');
      this.host.paint();
      return;
    }
    this.saving = true;
    this.host.paint();
    try {
      this.done = await ctx.api.post(`${BASE}${PATHS[this.mode]}`, body);
      this.error = '';
      ctx.notify(ctx.t(`pharmacy.move.done.${this.mode}`), 'success');
      event.target.reset();
      this.moved();
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.saving = false;
    this.host.paint();
  }

  itemField() {
    const t = (k, p) => this.host.ctx.t(k, p);
    return html`<div class="field"><label for="pharmacy-move-item">${t('pharmacy.col.itemCode')}</label>
      <input id="pharmacy-move-item" name="itemCode" list="pharmacy-move-items" autocomplete="off" required
        value=${this.line.itemCode || ''} @input=${(e) => this.suggest(e.target.value.trim())}>
      <datalist id="pharmacy-move-items">${this.items.map((i) => html`<option value=${i.code}>${i.name}</option>`)}</datalist></div>`;
  }

  storeField(name, label, chosen) {
    const t = (k, p) => this.host.ctx.t(k, p);
    return html`<div class="field"><label for="pharmacy-move-${name}">${t(label)}</label>
      <select id="pharmacy-move-${name}" name=${name} required>${storeOptions(this.host.stores, chosen)}</select></div>`;
  }

  fields() {
    const t = (k, p) => this.host.ctx.t(k, p);
    const l = this.line;
    if (this.mode === 'receive') {
      return html`<div class="field-row">${this.storeField('storeCode', 'pharmacy.col.store', l.storeCode)}${this.itemField()}</div>
        <div class="field-row">
          <div class="field"><label for="pharmacy-move-batch">${t('pharmacy.col.batch')}</label>
            <input id="pharmacy-move-batch" name="batchNumber" autocomplete="off" required></div>
          <div class="field"><label for="pharmacy-move-expiry">${t('pharmacy.col.expiry')}</label>
            <input id="pharmacy-move-expiry" name="expiryDate" type="date" min=${today()}></div>
          <div class="field"><label for="pharmacy-move-quantity">${t('pharmacy.col.quantity')}</label>
            <input id="pharmacy-move-quantity" name="quantity" inputmode="decimal" autocomplete="off" required></div>
        </div>
        <div class="field"><label for="pharmacy-move-reason">${t('pharmacy.move.reason')}</label>
          <input id="pharmacy-move-reason" name="reason" autocomplete="off" value=${t('pharmacy.move.opening')}></div>`;
    }
    if (this.mode === 'transfer') {
      return html`<div class="field-row">${this.storeField('fromStore', 'pharmacy.move.from', l.storeCode)}
          ${this.storeField('toStore', 'pharmacy.move.to', '')}</div>
        <div class="field-row">${this.itemField()}
          <div class="field"><label for="pharmacy-move-quantity">${t('pharmacy.col.quantity')}</label>
            <input id="pharmacy-move-quantity" name="quantity" inputmode="decimal" autocomplete="off" required></div>
          <div class="field"><label for="pharmacy-move-batch">${t('pharmacy.dispense.batch')}</label>
            <input id="pharmacy-move-batch" name="batchNumber" autocomplete="off"></div></div>`;
    }
    return html`<div class="field-row">${this.storeField('storeCode', 'pharmacy.col.store', l.storeCode)}${this.itemField()}</div>
      <div class="field-row">
        <div class="field"><label for="pharmacy-move-batch">${t('pharmacy.col.batch')}</label>
          <select id="pharmacy-move-batch" name="batchNumber" required>${(l.batches || []).map((b) => html`<option
            value=${b.batchNumber}>${b.batchNumber}</option>`)}</select></div>
        <div class="field"><label for="pharmacy-move-quantity">${t('pharmacy.move.signedQuantity')}</label>
          <input id="pharmacy-move-quantity" name="quantity" inputmode="decimal" autocomplete="off" required
            aria-describedby="pharmacy-move-quantity-hint">
          <span id="pharmacy-move-quantity-hint" class="hint">${t('pharmacy.move.signedHint')}</span></div>
        <div class="field"><label for="pharmacy-move-adjust-reason">${t('pharmacy.move.reason')}</label>
          <select id="pharmacy-move-adjust-reason" name="reason">${ADJUSTMENT_REASONS.map((r) => html`<option
            value=${r}>${t(`pharmacy.reason.${r}`)}</option>`)}</select></div>
      </div>
      <div class="field"><label for="pharmacy-move-note">${t('pharmacy.move.note')}</label>
        <textarea id="pharmacy-move-note" name="note" rows="2"></textarea></div>`;
  }

  view() {
    if (!this.mode) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<section class="ph-panel card" aria-labelledby="pharmacy-move-title">
      <h2 id="pharmacy-move-title" tabindex="-1">${t(`pharmacy.move.title.${this.mode}`)}</h2>
      <form id="pharmacy-${this.mode}-form" class="form" novalidate @submit=${(e) => this.submit(e)}>
        ${this.fields()}
        ${alertRegion(this.error, 'pharmacy-move-error')}
        <div class="ph-actions"><button type="submit" class="button" ?disabled=${this.saving}>${t(`pharmacy.move.submit.${this.mode}`)}</button>
          <button type="button" class="button button-quiet" @click=${() => this.close()}>${t('pharmacy.close')}</button></div>
      </form>
      ${this.done ? html`<div role="status">${movementSummary(ctx, this.done)}</div>` : nothing}
    </section>`;
  }
}
