// /billing/claims: the claims board. Claims by status (GET /claims), a SUBMITTED one refreshed from the insurer
// (POST /claims/{id}/refresh), the adjudication (approved amount, reason); and the issued invoices with an insurance
// balance, each with "submit a claim" (POST /claims {invoiceId}).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, can, errorText, formValues } from '/ui/shell/kit.js';
import { BASE, CLAIM_STATUSES, useStyles, label, money, isPositive, go } from './common.js';

const SIZE = 50;
const CLAIMABLE = ['ISSUED', 'PARTIALLY_PAID'];

class BillingClaims extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || { status: 'SUBMITTED' };
    useStyles();
    this.paint();
    // The board first: the invoices to claim leave out those whose claim it shows waiting.
    this.load(0).then(() => this.loadClaimable());
  }

  get ctx() {
    return this._ctx;
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/claims`, { ...this.filter, page, size: SIZE });
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  /** Issued invoices whose insurer still owes something and that have no claim waiting: the ones to claim. */
  async loadClaimable() {
    const ctx = this._ctx;
    if (!can(ctx, 'billing.invoices.view')) return;
    try {
      const pages = await Promise.all(CLAIMABLE.map((status) => ctx.api.get(`${BASE}/invoices`,
        { status, kind: 'INVOICE', page: 0, size: SIZE })));
      this.claimable = pages.flatMap((p) => p.items || [])
        .filter((i) => i.policyId && isPositive(i.insuranceBalance) && !this.waiting().has(i.id));
      // Claims carry no currency: the hospital's one, as its invoices give it.
      this.currency = (pages.flatMap((p) => p.items || [])[0] || {}).currency || this.currency;
      this.claimableError = '';
    } catch (err) {
      this.claimableError = errorText(ctx, err);
    }
    this.paint();
  }

  /** The invoices whose claim the board shows waiting for the insurer (a second open claim is refused anyway). */
  waiting() {
    return new Set(((this.page && this.page.items) || []).filter((c) => c.status === 'SUBMITTED').map((c) => c.invoiceId));
  }

  applyFilter(event) {
    event.preventDefault();
    this.filter = formValues(event.target);
    this.load(0);
  }

  async run(call, doneKey) {
    const ctx = this._ctx;
    this.saving = true;
    this.paint();
    let failure = '';
    try {
      const claim = await call();
      ctx.notify(ctx.t(doneKey, { number: claim.number || '', status: label(ctx, 'claimStatus', claim.status) }), 'success');
      this.last = claim;
    } catch (err) {
      failure = errorText(ctx, err);
    }
    this.saving = false;
    await this.load(this.page ? this.page.page : 0);
    await this.loadClaimable();
    this.actionError = failure;
    this.paint();
  }

  submit(invoice) {
    this.run(() => this._ctx.api.post(`${BASE}/claims`, { invoiceId: invoice.id }), 'billing.claim.submittedAs');
  }

  refresh(claim) {
    this.run(() => this._ctx.api.post(`${BASE}/claims/${encodeURIComponent(claim.id)}/refresh`, {}), 'billing.claim.refreshed');
  }

  adjudication(c) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    if (!c.adjudicatedAt && (c.approvedAmount === null || c.approvedAmount === undefined)) {
      return html`<span class="hint">${t('billing.claim.waiting')}</span>`;
    }
    return html`${c.approvedAmount !== null && c.approvedAmount !== undefined
      ? t('billing.claim.approvedAmount', { amount: money(ctx, c.approvedAmount, c.currency || this.currency) }) : ''}
      ${c.adjudicatedAt ? html`<span class="hint">${ctx.fmt.dateTime(c.adjudicatedAt)}</span>` : nothing}
      ${c.reason ? html`<br><span>${c.reason}</span>` : nothing}`;
  }

  claimsTable() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    const manage = can(ctx, 'billing.claims.manage');
    return scrollTable(t('billing.claims.caption'), html`<table id="billing-claims-table">
      <caption>${t('billing.claims.caption')}</caption>
      <thead><tr><th scope="col">${t('billing.col.number')}</th><th scope="col">${t('billing.col.invoice')}</th>
        <th scope="col">${t('billing.col.patient')}</th><th scope="col">${t('billing.invoice.insurer')}</th>
        <th scope="col">${t('billing.col.submitted')}</th><th scope="col">${t('billing.col.status')}</th>
        <th scope="col">${t('billing.col.claimed')}</th><th scope="col">${t('billing.claim.adjudication')}</th>
        <th scope="col">${t('billing.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((c) => html`<tr data-id=${c.id} data-status=${c.status}>
        <td>${c.number}</td>
        <td><a href="/billing/invoices" @click=${go(ctx, '/billing/invoices', { invoiceId: c.invoiceId })}
          aria-label=${t('billing.invoice.openFor', { number: c.invoiceNumber || '' })}>${c.invoiceNumber}</a></td>
        <td>${c.patientId}</td><td>${c.insurerCode}${c.planCode ? html` <span class="hint">${c.planCode}</span>` : nothing}</td>
        <td>${c.submittedAt ? ctx.fmt.dateTime(c.submittedAt) : ''}</td>
        <td><span class="bl-status bl-claim-${String(c.status).toLowerCase()}">${label(ctx, 'claimStatus', c.status)}</span></td>
        <td class="bl-num">${money(ctx, c.claimedAmount, c.currency || this.currency)}</td>
        <td>${this.adjudication(c)}</td>
        <td>${manage && c.status === 'SUBMITTED' ? html`<button type="button" class="button button-quiet"
          ?disabled=${this.saving} aria-label=${t('billing.claim.refreshFor', { number: c.number })}
          @click=${() => this.refresh(c)}>${t('billing.claim.refresh')}</button>` : nothing}</td></tr>`)
        : html`<tr><td colspan="9">${this.busy ? t('billing.loading') : t('billing.claims.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  claimableView() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    if (!can(ctx, 'billing.claims.manage') || !can(ctx, 'billing.invoices.view')) return nothing;
    const list = this.claimable || [];
    return html`<section class="bl-panel" aria-labelledby="billing-claimable-title">
      <h2 id="billing-claimable-title">${t('billing.claims.toClaim')}</h2>
      ${alertRegion(this.claimableError, 'billing-claimable-error')}
      ${list.length ? scrollTable(t('billing.claims.toClaim'), html`<table id="billing-claimable-table">
        <caption class="visually-hidden">${t('billing.claims.toClaim')}</caption>
        <thead><tr><th scope="col">${t('billing.col.invoice')}</th><th scope="col">${t('billing.col.patient')}</th>
          <th scope="col">${t('billing.invoice.insurer')}</th><th scope="col">${t('billing.invoice.insuranceBalance')}</th>
          <th scope="col">${t('billing.col.actions')}</th></tr></thead>
        <tbody>${list.map((i) => html`<tr data-id=${i.id}><td>${i.number}</td><td>${i.patientId}</td><td>${i.insurerCode || ''}</td>
          <td class="bl-num">${money(ctx, i.insuranceBalance, i.currency)}</td>
          <td><button type="button" class="button" ?disabled=${this.saving}
            aria-label=${t('billing.claim.submitFor', { number: i.number })}
            @click=${() => this.submit(i)}>${t('billing.claim.submit')}</button></td></tr>`)}</tbody>
      </table>`) : html`<p class="empty">${this.claimable ? t('billing.claims.nothingToClaim') : t('billing.loading')}</p>`}
    </section>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const f = this.filter;
    render(html`<div class="page">
      <h1>${t('billing.page.claims')}</h1>
      <form id="billing-claims-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-claims-status">${t('billing.col.status')}</label>
            <select id="billing-claims-status" name="status"><option value="">${t('billing.any')}</option>
              ${CLAIM_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${label(ctx, 'claimStatus', s)}</option>`)}
            </select></div>
          <div class="field"><label for="billing-claims-insurer">${t('billing.invoice.insurer')}</label>
            <input id="billing-claims-insurer" name="insurerCode" autocomplete="off" .value=${f.insurerCode || ''}></div>
          <div class="field"><label for="billing-claims-from">${t('billing.col.from')}</label>
            <input id="billing-claims-from" name="from" type="date" .value=${f.from || ''}></div>
          <div class="field"><label for="billing-claims-to">${t('billing.col.to')}</label>
            <input id="billing-claims-to" name="to" type="date" .value=${f.to || ''}></div>
        </div>
        <div class="bl-actions"><button type="submit" class="button">${t('billing.filter')}</button>
          <button type="button" class="button button-quiet" @click=${() => this.load(this.page ? this.page.page : 0)}>
            ${t('billing.reload')}</button></div>
      </form>
      ${alertRegion(this.error || this.actionError, 'billing-claims-error')}
      ${this.claimsTable()}
      ${pager(ctx, this.page, (n) => this.load(n), t('billing.claims.pages'))}
      ${this.claimableView()}
    </div>`, this);
  }
}

if (!customElements.get('billing-claims')) {
  customElements.define('billing-claims', BillingClaims);
}
