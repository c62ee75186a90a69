// /billing/invoices: invoices and credit notes by patient, status, kind and period (GET /invoices, without lines);
// one opens in the invoice panel (lines, taxes, shares, payments, claims, PDF, void, credit note). Opened from another
// page with the state {invoiceId}, that invoice opens at once.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText, formValues } from '/ui/shell/kit.js';
import { BASE, INVOICE_STATUSES, useStyles, label, money } from './common.js';
import { InvoicePanel } from './invoice-panel.js';

const SIZE = 50;
const KINDS = ['INVOICE', 'CREDIT_NOTE'];

class BillingInvoices extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || {};
    this.panel = new InvoicePanel(this, () => this.load(this.page ? this.page.page : 0));
    useStyles();
    this.paint();
    this.load(0);
    const state = ctx.state || {};
    if (state.invoiceId) this.panel.open(state.invoiceId);
  }

  get ctx() {
    return this._ctx;
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/invoices`, { ...this.filter, page, size: SIZE });
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
    return scrollTable(t('billing.invoices.caption'), html`<table id="billing-invoices-table">
      <caption>${t('billing.invoices.caption')}</caption>
      <thead><tr><th scope="col">${t('billing.col.number')}</th><th scope="col">${t('billing.col.patient')}</th>
        <th scope="col">${t('billing.invoice.kind')}</th><th scope="col">${t('billing.col.status')}</th>
        <th scope="col">${t('billing.col.created')}</th><th scope="col">${t('billing.invoice.grossTotal')}</th>
        <th scope="col">${t('billing.invoice.patientBalance')}</th><th scope="col">${t('billing.invoice.insuranceBalance')}</th>
        <th scope="col">${t('billing.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((i) => html`<tr data-id=${i.id}>
        <td>${i.number || t('billing.invoice.draft')}</td><td>${i.patientId}</td><td>${label(ctx, 'kind', i.kind)}</td>
        <td>${label(ctx, 'status', i.status)}</td><td>${i.createdAt ? ctx.fmt.date(i.createdAt) : ''}</td>
        <td class="bl-num">${money(ctx, i.grossTotal, i.currency)}</td>
        <td class="bl-num">${i.status === 'DRAFT' ? '' : money(ctx, i.patientBalance, i.currency)}</td>
        <td class="bl-num">${i.status === 'DRAFT' ? '' : money(ctx, i.insuranceBalance, i.currency)}</td>
        <td><button type="button" class="button button-quiet"
          aria-label=${t('billing.invoice.openFor', { number: i.number || t('billing.invoice.draft') })}
          @click=${() => this.panel.open(i.id)}>${t('billing.open')}</button></td></tr>`)
        : html`<tr><td colspan="9">${this.busy ? t('billing.loading') : t('billing.invoices.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const f = this.filter;
    render(html`<div class="page">
      <h1>${t('billing.page.invoices')}</h1>
      <form id="billing-invoices-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-invoices-patient">${t('billing.col.patient')}</label>
            <input id="billing-invoices-patient" name="patientId" autocomplete="off" .value=${f.patientId || ''}></div>
          <div class="field"><label for="billing-invoices-status">${t('billing.col.status')}</label>
            <select id="billing-invoices-status" name="status"><option value="">${t('billing.any')}</option>
              ${INVOICE_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${label(ctx, 'status', s)}</option>`)}
            </select></div>
          <div class="field"><label for="billing-invoices-kind">${t('billing.invoice.kind')}</label>
            <select id="billing-invoices-kind" name="kind"><option value="">${t('billing.any')}</option>
              ${KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${label(ctx, 'kind', k)}</option>`)}
            </select></div>
          <div class="field"><label for="billing-invoices-from">${t('billing.col.from')}</label>
            <input id="billing-invoices-from" name="from" type="date" .value=${f.from || ''}></div>
          <div class="field"><label for="billing-invoices-to">${t('billing.col.to')}</label>
            <input id="billing-invoices-to" name="to" type="date" .value=${f.to || ''}></div>
        </div>
        <div class="bl-actions"><button type="submit" class="button">${t('billing.filter')}</button></div>
      </form>
      ${alertRegion(this.error, 'billing-invoices-error')}
      ${this.panel.view()}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('billing.invoices.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('billing-invoices')) {
  customElements.define('billing-invoices', BillingInvoices);
}
