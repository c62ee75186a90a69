// /pharmacy/queue: prescriptions waiting for the pharmacy, oldest first (the server's order). Open one to match it to
// the catalogue, set the quantity and dispense it (dispense.js).
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText, formValues } from '/ui/shell/kit.js';
import { BASE, useStyles, statusLabel, qty } from './common.js';
import { DispensePanel } from './dispense.js';

const STATUSES = ['PENDING', 'PARTIALLY_DISPENSED', 'DISPENSED', 'STOPPED', 'CANCELLED'];
const SIZE = 50;

class PharmacyQueue extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || {};
    this.panel = new DispensePanel(this, () => this.load(this.page ? this.page.page : 0));
    useStyles();
    this.paint();
    this.load(0);
  }

  get ctx() {
    return this._ctx;
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/queue`, { ...this.filter, page, size: SIZE });
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

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    return scrollTable(t('pharmacy.queue.caption'), html`<table id="pharmacy-queue-table">
      <caption>${t('pharmacy.queue.caption')}</caption>
      <thead><tr><th scope="col">${t('pharmacy.col.issued')}</th><th scope="col">${t('pharmacy.col.patient')}</th>
        <th scope="col">${t('pharmacy.col.drug')}</th><th scope="col">${t('pharmacy.col.item')}</th>
        <th scope="col">${t('pharmacy.col.quantity')}</th><th scope="col">${t('pharmacy.col.status')}</th>
        <th scope="col">${t('pharmacy.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((p) => html`<tr data-id=${p.id}>
        <td>${p.issuedAt ? ctx.fmt.dateTime(p.issuedAt) : ''}</td><td>${p.patientId}</td>
        <td>${p.drug} <span class="hint">${[p.dose, p.route, p.frequency].filter(Boolean).join(' · ')}</span></td>
        <td>${p.itemCode ? html`${p.itemName || ''} <span class="hint">${p.itemCode}</span>`
          : html`<em>${t('pharmacy.queue.unmatched')}</em>`}</td>
        <td>${p.quantityPrescribed ? t('pharmacy.queue.progress', { dispensed: qty(ctx, p.quantityDispensed || '0'),
          prescribed: qty(ctx, p.quantityPrescribed) }) : t('pharmacy.queue.noQuantity')}</td>
        <td>${statusLabel(ctx, p.status)}</td>
        <td><button type="button" class="button" aria-label=${t('pharmacy.queue.openFor', { drug: p.drug, patient: p.patientId })}
          @click=${() => this.panel.open(p.id)}>${t('pharmacy.queue.open')}</button></td></tr>`)
        : html`<tr><td colspan="7">${this.busy ? t('pharmacy.loading') : t('pharmacy.queue.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('pharmacy.page.queue')}</h1>
      <form id="pharmacy-queue-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="pharmacy-queue-status">${t('pharmacy.col.status')}</label>
            <select id="pharmacy-queue-status" name="status"><option value="">${t('pharmacy.queue.waiting')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${statusLabel(ctx, s)}</option>`)}
            </select></div>
          <div class="field"><label for="pharmacy-queue-patient">${t('pharmacy.col.patient')}</label>
            <input id="pharmacy-queue-patient" name="patientId" autocomplete="off" .value=${this.filter.patientId || ''}></div>
        </div>
        <div class="ph-actions"><button type="submit" class="button">${t('pharmacy.filter')}</button>
          <button type="button" class="button button-quiet" @click=${() => this.load(0)}>${t('pharmacy.refresh')}</button></div>
      </form>
      ${alertRegion(this.error, 'pharmacy-queue-error')}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('pharmacy.queue.pages'))}
      ${this.panel.view()}
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-queue')) {
  customElements.define('pharmacy-queue', PharmacyQueue);
}
