// One purchase order: its lines (ordered and received), send and cancel while allowed, and the goods receipt form
// (delivery note, then batch, expiry and quantity per line; more than ordered is refused by the API with 422).
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, statusLabel, qty, today } from './common.js';

const RECEIVABLE = ['SENT', 'PARTIALLY_RECEIVED'];

export class OrderDetail {
  constructor(host, changed) {
    this.host = host;
    this.changed = changed;
    this.order = null;
  }

  async open(id) {
    const ctx = this.host.ctx;
    this.id = id;
    this.order = null;
    this.error = '';
    this.host.paint();
    try {
      this.order = await ctx.api.get(`${BASE}/purchase-orders/${encodeURIComponent(id)}`);
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
    focusSoon(this.host, '#pharmacy-order-title');
  }

  close() {
    this.id = null;
    this.order = null;
    this.host.paint();
  }

  async act(action, body, doneKey) {
    const ctx = this.host.ctx;
    try {
      this.order = await ctx.api.post(`${BASE}/purchase-orders/${encodeURIComponent(this.order.id)}/${action}`, body);
      this.error = '';
      ctx.notify(ctx.t(doneKey, { number: this.order.number }), 'success');
      this.changed();
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  cancel(event) {
    event.preventDefault();
    const { reason } = formValues(event.target);
    if (!reason) {
      this.error = this.host.ctx.t('pharmacy.order.reasonRequired');
      this.host.paint();
      return;
    }
    this.act('cancel', { reason }, 'pharmacy.order.cancelled');
  }

  /** The receipt's lines: every order line with a quantity typed; batch and expiry as typed (the API checks them). */
  async receive(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const v = formValues(event.target);
    const lines = (this.order.lines || []).filter((l) => v[`quantity-${l.id}`]).map((l) => ({
      lineId: l.id, batchNumber: v[`batch-${l.id}`] || null, expiryDate: v[`expiry-${l.id}`] || null,
      quantity: v[`quantity-${l.id}`] }));
    if (!lines.length) {
      this.receiptError = ctx.t('pharmacy.receipt.required');
      this.host.paint();
      return;
    }
    try {
      await ctx.api.post(`${BASE}/purchase-orders/${encodeURIComponent(this.order.id)}/receipts`,
        { deliveryNote: v.deliveryNote || null, lines });
      this.receiptError = '';
      ctx.notify(ctx.t('pharmacy.receipt.done'), 'success');
      event.target.reset();
      this.order = await ctx.api.get(`${BASE}/purchase-orders/${encodeURIComponent(this.order.id)}`);
      this.changed();
    } catch (err) {
      this.receiptError = errorText(ctx, err);
    }
    this.host.paint();
  }

  receiptForm() {
    const o = this.order;
    if (!RECEIVABLE.includes(o.status)) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const open = (o.lines || []).filter((l) => Number(l.quantityReceived || 0) < Number(l.quantityOrdered));
    return html`<form id="pharmacy-receipt-form" class="form ph-panel" novalidate @submit=${(e) => this.receive(e)}>
      <h3>${t('pharmacy.receipt.title')}</h3>
      <div class="field"><label for="pharmacy-receipt-note">${t('pharmacy.receipt.deliveryNote')}</label>
        <input id="pharmacy-receipt-note" name="deliveryNote" autocomplete="off"></div>
      ${open.map((l) => html`<fieldset class="ph-order-line"><legend>${t('pharmacy.receipt.line', {
          item: l.itemName || l.itemCode, left: qty(ctx, Number(l.quantityOrdered) - Number(l.quantityReceived || 0)) })}</legend>
        <div class="field-row">
          <div class="field"><label for="pharmacy-receipt-batch-${l.id}">${t('pharmacy.col.batch')}</label>
            <input id="pharmacy-receipt-batch-${l.id}" name="batch-${l.id}" autocomplete="off"></div>
          <div class="field"><label for="pharmacy-receipt-expiry-${l.id}">${t('pharmacy.col.expiry')}</label>
            <input id="pharmacy-receipt-expiry-${l.id}" name="expiry-${l.id}" type="date" min=${today()}></div>
          <div class="field"><label for="pharmacy-receipt-qty-${l.id}">${t('pharmacy.col.quantity')}</label>
            <input id="pharmacy-receipt-qty-${l.id}" name="quantity-${l.id}" inputmode="decimal" autocomplete="off"></div>
        </div></fieldset>`)}
      ${alertRegion(this.receiptError, 'pharmacy-receipt-error')}
      <button type="submit" class="button">${t('pharmacy.receipt.submit')}</button>
    </form>`;
  }

  actions() {
    const o = this.order;
    const t = (k, p) => this.host.ctx.t(k, p);
    const received = (o.receipts || []).length > 0;
    return html`<div class="ph-actions">
      ${o.status === 'DRAFT' ? html`<button type="button" class="button" id="pharmacy-order-send"
        @click=${() => this.act('send', {}, 'pharmacy.order.sent')}>${t('pharmacy.order.send')}</button>` : nothing}
      ${['DRAFT', 'SENT'].includes(o.status) && !received ? html`<form id="pharmacy-order-cancel" class="form" novalidate
          @submit=${(e) => this.cancel(e)}>
        <div class="field"><label for="pharmacy-order-cancel-reason">${t('pharmacy.order.cancelReason')}</label>
          <input id="pharmacy-order-cancel-reason" name="reason" autocomplete="off"></div>
        <button type="submit" class="button button-quiet">${t('pharmacy.order.cancel')}</button></form>` : nothing}
    </div>`;
  }

  view() {
    if (!this.id) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const o = this.order;
    return html`<section id="pharmacy-order" class="ph-panel card" aria-labelledby="pharmacy-order-title">
      <h2 id="pharmacy-order-title" tabindex="-1">${o ? t('pharmacy.order.title', { number: o.number,
        supplier: o.supplierName || '', status: statusLabel(ctx, o.status) }) : t(this.error ? 'pharmacy.order.notLoaded' : 'pharmacy.loading')}</h2>
      ${alertRegion(this.error, 'pharmacy-order-detail-error')}
      ${o ? html`${o.note ? html`<p>${o.note}</p>` : nothing}
        ${scrollTable(t('pharmacy.order.lines'), html`<table id="pharmacy-order-lines">
          <caption>${t('pharmacy.order.lines')}</caption>
          <thead><tr><th scope="col">${t('pharmacy.col.item')}</th><th scope="col">${t('pharmacy.order.ordered')}</th>
            <th scope="col">${t('pharmacy.order.received')}</th><th scope="col">${t('pharmacy.order.unitPrice')}</th></tr></thead>
          <tbody>${(o.lines || []).map((l) => html`<tr><td>${l.itemName} <span class="hint">${l.itemCode}</span></td>
            <td>${qty(ctx, l.quantityOrdered)}</td><td>${qty(ctx, l.quantityReceived || '0')}</td>
            <td>${l.unitPrice ? qty(ctx, l.unitPrice) : ''}</td></tr>`)}</tbody></table>`)}
        ${this.actions()}
        ${this.receiptForm()}
        ${(o.receipts || []).length ? html`<h3>${t('pharmacy.receipt.history')}</h3><ul class="ph-plain">
          ${o.receipts.map((r) => html`<li>${t('pharmacy.receipt.summary', { when: ctx.fmt.dateTime(r.receivedAt),
            by: r.receivedBy || '', note: r.deliveryNote || '', lines: ctx.fmt.number((r.lines || []).length) })}</li>`)}</ul>`
          : nothing}` : nothing}
      <div class="ph-actions ph-panel"><button type="button" class="button button-quiet" @click=${() => this.close()}>
        ${t('pharmacy.close')}</button></div>
    </section>`;
  }
}
