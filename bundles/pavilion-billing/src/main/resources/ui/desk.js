// /billing/desk: the cashier's desk. Find a patient by MRN, see their open charges grouped by encounter, create the
// invoice of an encounter (or of a period), then work the draft in the invoice panel: discount, issue, payment,
// receipt, refund. Below, the patient's invoices, and the cashier's till of the day with "close my day".
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, can, errorText, formValues, focusSoon } from '/ui/shell/kit.js';
import { BASE, useStyles, label, money, unitMoney, today, listOf } from './common.js';
import { InvoicePanel } from './invoice-panel.js';
import { Till } from './till.js';

const SIZE = 100;
const NO_ENCOUNTER = '';

class BillingDesk extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.panel = new InvoicePanel(this, () => this.reload());
    this.till = new Till(this);
    useStyles();
    this.paint();
    this.till.load();
    const state = ctx.state || {};
    if (state.patientId) this.find(state.patientId);
    if (state.invoiceId) this.panel.open(state.invoiceId);
  }

  get ctx() {
    return this._ctx;
  }

  submitFind(event) {
    event.preventDefault();
    const { patientId } = formValues(event.target);
    if (!patientId) {
      this.error = this._ctx.t('billing.desk.mrnRequired');
      this.paint();
      return;
    }
    this.panel.close();
    this.find(patientId);
  }

  async find(patientId) {
    this.patientId = patientId;
    this.busy = true;
    this.error = '';
    this.paint();
    await this.loadPatient();
    this.busy = false;
    this.paint();
    focusSoon(this, '#billing-patient-title');
  }

  /** The patient's open charges and invoices; an older answer arriving late never replaces a newer patient's. */
  async loadPatient() {
    const ctx = this._ctx;
    const patientId = this.patientId;
    try {
      const [charges, invoices] = await Promise.all([
        ctx.api.get(`${BASE}/charges`, { patientId, status: 'OPEN', page: 0, size: SIZE }),
        can(ctx, 'billing.invoices.view')
          ? ctx.api.get(`${BASE}/invoices`, { patientId, page: 0, size: SIZE }) : Promise.resolve(null)]);
      if (patientId !== this.patientId) return;
      this.charges = listOf(charges);
      this.invoices = invoices ? listOf(invoices) : null;
      this.error = '';
    } catch (err) {
      if (patientId !== this.patientId) return;
      this.charges = null;
      this.invoices = null;
      this.error = errorText(ctx, err);
    }
  }

  async reload() {
    if (this.patientId) await this.loadPatient();
    await this.till.load();
    this.paint();
  }

  /** The open charges by encounter (charges without one together), in the order they came. */
  groups() {
    const groups = new Map();
    for (const c of this.charges || []) {
      const key = c.encounterId || NO_ENCOUNTER;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    return [...groups.entries()];
  }

  /** The first and last service day of the open charges without an encounter: the period the form proposes. */
  loosePeriod() {
    const days = (this.charges || []).filter((c) => !c.encounterId).map((c) => c.serviceDate).filter(Boolean).sort();
    return days.length ? { from: days[0], to: days[days.length - 1] } : { from: '', to: today() };
  }

  async createForPeriod(event) {
    event.preventDefault();
    const v = formValues(event.target);
    if (!v.from || !v.to) {
      this.createError = this._ctx.t('billing.desk.periodRequired');
      this.paint();
      return;
    }
    await this.create({ patientId: this.patientId, from: v.from, to: v.to });
  }

  async create(body) {
    const ctx = this._ctx;
    this.creating = true;
    this.createError = '';
    this.paint();
    try {
      const draft = await ctx.api.post(`${BASE}/invoices`, body);
      ctx.notify(ctx.t('billing.desk.created'), 'success');
      await this.loadPatient();
      this.panel.show(draft);
    } catch (err) {
      this.createError = errorText(ctx, err);
    }
    this.creating = false;
    this.paint();
  }

  chargesView() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    if (!this.charges) return nothing;
    const manage = can(ctx, 'billing.invoices.manage');
    const groups = this.groups();
    const period = this.loosePeriod();
    return html`<section class="bl-panel" aria-labelledby="billing-charges-title">
      <h3 id="billing-charges-title">${t('billing.desk.openCharges')}</h3>
      ${groups.length ? groups.map(([encounter, charges], i) => html`<div class="bl-group" data-encounter=${encounter}>
        <h4 id="billing-charges-group-${i}">${encounter ? t('billing.desk.encounter', { encounter })
          : t('billing.desk.noEncounter')}</h4>
        ${scrollTable(encounter ? t('billing.desk.encounter', { encounter }) : t('billing.desk.noEncounter'),
          html`<table class="billing-charges-table">
          <caption class="visually-hidden">${t('billing.desk.chargesOf', { group: encounter || t('billing.desk.noEncounter') })}</caption>
          <thead><tr><th scope="col">${t('billing.col.serviceDate')}</th><th scope="col">${t('billing.col.item')}</th>
            <th scope="col">${t('billing.col.department')}</th><th scope="col">${t('billing.col.quantity')}</th>
            <th scope="col">${t('billing.col.unitPrice')}</th></tr></thead>
          <tbody>${charges.map((c) => html`<tr data-charge=${c.id}>
            <td>${c.serviceDate ? ctx.fmt.date(c.serviceDate) : ''}</td>
            <td>${c.description} <span class="hint">${c.priceCode}</span></td>
            <td>${c.department || ''}</td>
            <td class="bl-num">${ctx.fmt.number(c.quantity)}</td>
            <td class="bl-num">${unitMoney(ctx, c.unitPrice, this.currency(c))}</td></tr>`)}</tbody></table>`)}
        ${manage && encounter ? html`<button type="button" class="button billing-create-invoice" ?disabled=${this.creating}
          aria-describedby="billing-charges-group-${i}"
          @click=${() => this.create({ patientId: this.patientId, encounterId: encounter })}>${t('billing.desk.createInvoice')}</button>`
          : nothing}
        ${manage && !encounter ? html`<p class="hint">${t('billing.desk.looseHint')}</p>` : nothing}
      </div>`) : html`<p class="empty" id="billing-no-charges">${t('billing.desk.noCharges')}</p>`}
      ${manage ? html`<details class="bl-panel" ?open=${groups.some(([encounter]) => !encounter)}>
        <summary>${t('billing.desk.byPeriod')}</summary>
        <form id="billing-period-form" class="form" novalidate @submit=${(e) => this.createForPeriod(e)}>
          <div class="field-row">
            <div class="field"><label for="billing-period-from">${t('billing.col.from')}</label>
              <input id="billing-period-from" name="from" type="date" required .value=${period.from}></div>
            <div class="field"><label for="billing-period-to">${t('billing.col.to')}</label>
              <input id="billing-period-to" name="to" type="date" required .value=${period.to}></div>
          </div>
          <button type="submit" class="button button-quiet" ?disabled=${this.creating}>${t('billing.desk.createInvoice')}</button>
        </form></details>` : nothing}
      ${alertRegion(this.createError, 'billing-create-error')}
    </section>`;
  }

  currency(charge) {
    return charge.currency || (this.invoices && this.invoices[0] && this.invoices[0].currency) || 'EUR';
  }

  invoicesView() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    if (!this.invoices) return nothing;
    return html`<section class="bl-panel" aria-labelledby="billing-patient-invoices-title">
      <h3 id="billing-patient-invoices-title">${t('billing.desk.invoices')}</h3>
      ${this.invoices.length ? scrollTable(t('billing.desk.invoices'), html`<table id="billing-patient-invoices">
        <caption class="visually-hidden">${t('billing.desk.invoices')}</caption>
        <thead><tr><th scope="col">${t('billing.col.number')}</th><th scope="col">${t('billing.col.status')}</th>
          <th scope="col">${t('billing.invoice.grossTotal')}</th><th scope="col">${t('billing.invoice.patientBalance')}</th>
          <th scope="col">${t('billing.col.actions')}</th></tr></thead>
        <tbody>${this.invoices.map((i) => html`<tr data-id=${i.id}>
          <td>${i.number || t('billing.invoice.draft')}</td><td>${label(ctx, 'status', i.status)}</td>
          <td class="bl-num">${money(ctx, i.grossTotal, i.currency)}</td>
          <td class="bl-num">${i.status === 'DRAFT' ? '' : money(ctx, i.patientBalance, i.currency)}</td>
          <td><button type="button" class="button button-quiet"
            aria-label=${t('billing.invoice.openFor', { number: i.number || t('billing.invoice.draft') })}
            @click=${() => this.panel.open(i.id)}>${t('billing.open')}</button></td></tr>`)}</tbody>
      </table>`) : html`<p class="empty">${t('billing.desk.noInvoices')}</p>`}
    </section>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('billing.page.desk')}</h1>
      <form id="billing-desk-find" class="form" role="search" novalidate @submit=${(e) => this.submitFind(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-desk-mrn">${t('billing.desk.mrn')}</label>
            <input id="billing-desk-mrn" name="patientId" autocomplete="off" required .value=${this.patientId || ''}></div>
          <div class="actions"><button type="submit" class="button">${t('billing.desk.find')}</button></div>
        </div>
      </form>
      ${alertRegion(this.error, 'billing-desk-error')}
      ${this.busy ? html`<p role="status">${t('billing.loading')}</p>` : nothing}
      ${this.patientId && this.charges ? html`<h2 id="billing-patient-title" tabindex="-1">${
        t('billing.desk.patient', { patient: this.patientId })}</h2>` : nothing}
      ${this.panel.view()}
      ${this.chargesView()}
      ${this.invoicesView()}
      ${this.till.view()}
    </div>`, this);
  }
}

if (!customElements.get('billing-desk')) {
  customElements.define('billing-desk', BillingDesk);
}
