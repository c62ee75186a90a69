// /portal/bills: "My bills" for the signed-in patient (GET /portal/invoices, newest first), in plain words: what each
// bill is for, what is left to pay, the PDF, and "Pay now" (POST /portal/payments {invoiceId}, then the payment
// provider's page at the answered redirectUrl). On a phone one card per bill.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, money, isPositive, pdfHref } from './common.js';

const SIZE = 20;
const PAYABLE = ['ISSUED', 'PARTIALLY_PAID'];

/** Only a web address is followed (never a javascript: or data: one, whatever an answer says). */
function safeRedirect(url) {
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

class BillingPortalBills extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.load(0);
  }

  async load(page) {
    try {
      const answer = await this._ctx.api.get(`${BASE}/portal/invoices`, { page, size: SIZE });
      // A page ({items, page, size, total}) as every list; a bare list is read too.
      this.page = Array.isArray(answer) ? { items: answer, page: 0, size: answer.length || SIZE, total: answer.length } : answer;
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.loaded = true;
    this.paint();
  }

  async pay(invoice) {
    const ctx = this._ctx;
    this.paying = invoice.id;
    this.error = '';
    this.paint();
    try {
      const intent = await ctx.api.post(`${BASE}/portal/payments`, { invoiceId: invoice.id });
      const target = safeRedirect(intent && intent.redirectUrl);
      if (!target) throw new Error('no payment page');
      window.location.assign(target);
      return;
    } catch (err) {
      this.error = err && err.status !== undefined ? errorText(ctx, err) : ctx.t('billing.portal.payFailed');
    }
    this.paying = null;
    this.paint();
  }

  bill(inv) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const owes = PAYABLE.includes(inv.status) && isPositive(inv.patientBalance);
    const what = (inv.lines || []).map((l) => l.description).filter(Boolean).join(', ');
    return html`<li class="card bl-bill" data-id=${inv.id} data-status=${inv.status}>
      <h2 id="billing-bill-${inv.id}">${t(inv.kind === 'CREDIT_NOTE' ? 'billing.portal.creditTitle' : 'billing.portal.billTitle',
        { number: inv.number, date: ctx.fmt.date(inv.issuedAt || inv.createdAt) })}</h2>
      ${what ? html`<p>${what}</p>` : nothing}
      <dl class="facts">
        <dt>${t('billing.portal.total')}</dt><dd class="bl-num">${money(ctx, inv.grossTotal, inv.currency)}</dd>
        ${isPositive(inv.insuranceShare) ? html`<dt>${t('billing.portal.insurancePays')}</dt>
          <dd class="bl-num">${money(ctx, inv.insuranceShare, inv.currency)}</dd>` : nothing}
        <dt>${t('billing.portal.yourShare')}</dt><dd class="bl-num">${money(ctx, inv.patientShare, inv.currency)}</dd>
        <dt>${t('billing.portal.left')}</dt><dd class="bl-num bl-left">${money(ctx, inv.patientBalance, inv.currency)}</dd>
        ${owes && inv.dueDate ? html`<dt>${t('billing.portal.due')}</dt><dd>${ctx.fmt.date(inv.dueDate)}</dd>` : nothing}
      </dl>
      <p class="bl-state">${owes ? t('billing.portal.toPay') : t(`billing.portal.state.${inv.status}`)}</p>
      <div class="bl-actions">
        ${owes ? html`<button type="button" class="button bl-pay" ?disabled=${this.paying === inv.id}
          aria-describedby="billing-bill-${inv.id}" @click=${() => this.pay(inv)}>${
          this.paying === inv.id ? t('billing.portal.paying') : t('billing.portal.payNow', {
            amount: money(ctx, inv.patientBalance, inv.currency) })}</button>` : nothing}
        <a class="button button-quiet bl-pdf" href=${pdfHref(`/portal/documents/${encodeURIComponent(inv.id)}/pdf`)}
          target="_blank" rel="noopener" type="application/pdf" aria-describedby="billing-bill-${inv.id}">${t('billing.portal.pdf')}</a>
      </div>
    </li>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    render(html`<div class="page bl-portal">
      <h1>${t('billing.page.portal')}</h1>
      <p>${t('billing.portal.intro')}</p>
      ${alertRegion(this.error, 'billing-portal-error')}
      ${!this.loaded ? html`<p role="status">${t('billing.loading')}</p>` : nothing}
      ${this.loaded && !items.length && !this.error ? html`<p>${t('billing.portal.none')}</p>` : nothing}
      ${items.length ? html`<ul class="bl-bills" id="billing-portal-bills" aria-label=${t('billing.page.portal')}>
        ${items.map((inv) => this.bill(inv))}</ul>` : nothing}
      ${pager(ctx, this.page, (n) => this.load(n), t('billing.portal.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('billing-portal-bills')) {
  customElements.define('billing-portal-bills', BillingPortalBills);
}
