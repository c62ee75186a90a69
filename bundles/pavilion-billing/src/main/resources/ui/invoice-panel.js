// One invoice as the cashier's desk and the invoice list open it (GET /invoices/{id}): lines with taxes and the
// insurance split, totals and balances, discounts, payments with their receipts, claims, and what may be done in its
// state: ask for or decide a discount, issue, take a payment, refund, void, credit note, submit a claim. Every action
// answers the invoice again from the API; the page never computes an amount.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, can, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, DESK_METHODS, NEEDS_REFERENCE, decimalInput, label, money, unitMoney, isPositive, pdfLink, ratePercent } from './common.js';

const PAYABLE = ['ISSUED', 'PARTIALLY_PAID'];
const CREDITABLE = ['ISSUED', 'PARTIALLY_PAID', 'PAID'];
const OPEN_CLAIM = ['SUBMITTED'];

export class InvoicePanel {
  /** host: the page (ctx, paint()); changed(invoice): called after every change (the page reloads its lists). */
  constructor(host, changed) {
    this.host = host;
    this.changed = changed || (() => {});
    this.reset();
  }

  reset() {
    Object.assign(this, { id: null, invoice: null, error: '', actionError: '', method: 'CASH', receipt: null,
      refunding: null, refundError: '', creditNoteMade: null, voiding: false, crediting: false, discounting: false, saving: false });
  }

  get ctx() {
    return this.host.ctx;
  }

  async open(id) {
    this.reset();
    this.id = id;
    this.host.paint();
    try {
      this.invoice = await this.ctx.api.get(`${BASE}/invoices/${encodeURIComponent(id)}`);
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.host.paint();
    focusSoon(this.host, '#billing-invoice-title');
  }

  /** Shows an invoice the API just answered (a created draft) without asking for it again. */
  show(invoice) {
    this.reset();
    this.id = invoice.id;
    this.invoice = invoice;
    this.host.paint();
    focusSoon(this.host, '#billing-invoice-title');
  }

  close() {
    this.reset();
    this.host.paint();
  }

  /** Runs one change of the invoice; `then(answer)` keeps what the answer tells, the invoice is read again after. */
  async act(call, doneKey, then) {
    const ctx = this.ctx;
    this.saving = true;
    this.actionError = '';
    this.host.paint();
    try {
      const answer = await call();
      if (then) then(answer);
      ctx.notify(ctx.t(doneKey), 'success');
      this.invoice = await ctx.api.get(`${BASE}/invoices/${encodeURIComponent(this.id)}`);
      this.changed(this.invoice);
    } catch (err) {
      this.actionError = errorText(ctx, err);
    }
    this.saving = false;
    this.host.paint();
  }

  issue() {
    const inv = this.invoice;
    this.act(() => this.ctx.api.post(`${BASE}/invoices/${encodeURIComponent(inv.id)}/issue`, {}), 'billing.invoice.issued');
  }

  requestDiscount(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const v = formValues(event.target);
    if (!v.value || !v.reason) {
      this.actionError = ctx.t('billing.discount.required');
      this.host.paint();
      return;
    }
    const body = { reason: v.reason, [v.kind === 'percent' ? 'percent' : 'amount']: decimalInput(v.value) };
    if (v.lineId) body.lineId = v.lineId;
    this.act(() => ctx.api.post(`${BASE}/invoices/${encodeURIComponent(this.invoice.id)}/discounts`, body),
      'billing.discount.requested', () => { this.discounting = false; });
  }

  decideDiscount(discount, decision) {
    const inv = this.invoice;
    this.act(() => this.ctx.api.post(`${BASE}/invoices/${encodeURIComponent(inv.id)}/discounts/${
      encodeURIComponent(discount.id)}/${decision}`, {}), `billing.discount.${decision}d`);
  }

  takePayment(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const v = formValues(event.target);
    if (!v.amount || !v.method) {
      this.actionError = ctx.t('billing.payment.required');
      this.host.paint();
      return;
    }
    if (NEEDS_REFERENCE.includes(v.method) && !v.reference) {
      this.actionError = ctx.t(`billing.payment.referenceRequired.${v.method}`);
      this.host.paint();
      focusSoon(this.host, '#billing-payment-reference');
      return;
    }
    const body = { invoiceId: this.invoice.id, amount: decimalInput(v.amount), method: v.method };
    if (NEEDS_REFERENCE.includes(v.method)) body.reference = v.reference;
    this.act(() => ctx.api.post(`${BASE}/payments`, body), 'billing.payment.done', (payment) => {
      this.receipt = payment;
      focusSoon(this.host, '#billing-receipt-title');
    });
  }

  askRefund(payment) {
    this.refunding = payment;
    this.refundError = '';
    this.host.paint();
    focusSoon(this.host, '#billing-refund-amount');
  }

  refund(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const v = formValues(event.target);
    if (!v.amount || !v.reason) {
      this.actionError = ctx.t('billing.refund.required');
      this.host.paint();
      return;
    }
    const paid = this.refunding;
    this.act(() => ctx.api.post(`${BASE}/payments/${encodeURIComponent(paid.id)}/refunds`,
      { amount: decimalInput(v.amount), reason: v.reason }), 'billing.refund.done',
      (refund) => {
        this.refunding = null;
        this.receipt = refund;
        focusSoon(this.host, '#billing-receipt-title');
      });
  }

  voidInvoice(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const v = formValues(event.target);
    if (!v.reason) {
      this.actionError = ctx.t('billing.void.required');
      this.host.paint();
      return;
    }
    this.act(() => ctx.api.post(`${BASE}/invoices/${encodeURIComponent(this.invoice.id)}/void`, v),
      'billing.void.done', () => { this.voiding = false; });
  }

  creditNote(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const form = event.target;
    const v = formValues(form);
    if (!v.reason) {
      this.actionError = ctx.t('billing.credit.required');
      this.host.paint();
      return;
    }
    const lineIds = [...form.querySelectorAll('input[name="lineId"]:checked')].map((c) => c.value);
    const body = { reason: v.reason };
    if (lineIds.length) body.lineIds = lineIds;
    this.act(() => ctx.api.post(`${BASE}/invoices/${encodeURIComponent(this.invoice.id)}/credit-notes`, body),
      'billing.credit.done', (note) => {
        this.crediting = false;
        this.creditNoteMade = note;
      });
  }

  submitClaim() {
    const inv = this.invoice;
    this.act(() => this.ctx.api.post(`${BASE}/claims`, { invoiceId: inv.id }), 'billing.claim.submitted');
  }

  toggle(flag) {
    this[flag] = !this[flag];
    this.actionError = '';
    this.host.paint();
  }

  // ---- views

  facts() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const row = (key, value) => (value ? html`<dt>${t(key)}</dt><dd>${value}</dd>` : nothing);
    return html`<dl class="facts bl-facts">
      ${row('billing.col.patient', inv.patientId)}
      ${row('billing.col.status', html`<span class="bl-status bl-status-${String(inv.status).toLowerCase()}"
        data-status=${inv.status}>${label(ctx, 'status', inv.status)}</span>`)}
      ${row('billing.invoice.kind', label(ctx, 'kind', inv.kind))}
      ${row('billing.col.encounter', inv.encounterId)}
      ${row('billing.invoice.period', inv.periodFrom ? t('billing.price.validRange', {
        from: ctx.fmt.date(inv.periodFrom), to: ctx.fmt.date(inv.periodTo) }) : '')}
      ${row('billing.invoice.issuedAt', inv.issuedAt ? t('billing.invoice.byOn', { when: ctx.fmt.dateTime(inv.issuedAt),
        who: inv.issuedBy || '' }) : '')}
      ${row('billing.col.due', inv.dueDate ? ctx.fmt.date(inv.dueDate) : '')}
      ${row('billing.invoice.insurer', inv.insurerCode)}
      ${row('billing.invoice.voidReason', inv.voidReason)}
    </dl>`;
  }

  lines() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const m = (v) => money(ctx, v, inv.currency);
    return scrollTable(t('billing.invoice.linesCaption'), html`<table id="billing-invoice-lines">
      <caption>${t('billing.invoice.linesCaption')}</caption>
      <thead><tr><th scope="col">${t('billing.col.item')}</th><th scope="col">${t('billing.col.serviceDate')}</th>
        <th scope="col">${t('billing.col.quantity')}</th><th scope="col">${t('billing.col.unitPrice')}</th>
        <th scope="col">${t('billing.col.net')}</th><th scope="col">${t('billing.col.discount')}</th>
        <th scope="col">${t('billing.col.tax')}</th><th scope="col">${t('billing.col.gross')}</th>
        <th scope="col">${t('billing.col.insuranceShare')}</th><th scope="col">${t('billing.col.patientShare')}</th></tr></thead>
      <tbody>${(inv.lines || []).map((l) => html`<tr data-line=${l.id}>
        <td>${l.description} <span class="hint">${l.priceCode}</span></td>
        <td>${l.serviceDate ? ctx.fmt.date(l.serviceDate) : ''}</td>
        <td class="bl-num">${ctx.fmt.number(l.quantity)}</td><td class="bl-num">${unitMoney(ctx, l.unitPrice, inv.currency)}</td>
        <td class="bl-num">${m(l.net)}</td><td class="bl-num">${isPositive(l.discount) ? m(l.discount) : ''}</td>
        <td class="bl-num">${m(l.tax)} <span class="hint">${ratePercent(ctx, l.taxRate)}</span></td>
        <td class="bl-num">${m(l.gross)}</td><td class="bl-num">${m(l.insuranceShare)}</td>
        <td class="bl-num">${m(l.patientShare)}</td></tr>`)}</tbody>
    </table>`);
  }

  totals() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const row = (key, value, id) => html`<dt>${t(key)}</dt><dd id=${id || nothing} class="bl-num">${money(ctx, value, inv.currency)}</dd>`;
    return html`<dl class="facts bl-totals" id="billing-invoice-totals">
      ${row('billing.col.net', inv.netTotal)}
      ${isPositive(inv.discountTotal) ? row('billing.col.discount', inv.discountTotal) : nothing}
      ${row('billing.col.tax', inv.taxTotal)}
      ${row('billing.invoice.grossTotal', inv.grossTotal, 'billing-gross-total')}
      ${row('billing.col.insuranceShare', inv.insuranceShare)}
      ${row('billing.col.patientShare', inv.patientShare)}
      ${inv.status !== 'DRAFT' ? html`${row('billing.invoice.paidByPatient', inv.paidByPatient)}
        ${row('billing.invoice.paidByInsurance', inv.paidByInsurance)}
        ${row('billing.invoice.patientBalance', inv.patientBalance, 'billing-patient-balance')}
        ${row('billing.invoice.insuranceBalance', inv.insuranceBalance)}` : nothing}
    </dl>`;
  }

  discounts() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const list = inv.discounts || [];
    const manage = inv.status === 'DRAFT' && can(ctx, 'billing.invoices.manage');
    if (!list.length && !manage) return nothing;
    const approver = can(ctx, 'billing.discount.approve');
    const lineName = (id) => ((inv.lines || []).find((l) => l.id === id) || {}).description;
    return html`<section class="bl-panel" aria-labelledby="billing-discounts-title">
      <h3 id="billing-discounts-title">${t('billing.discount.title')}</h3>
      ${list.length ? html`<ul class="bl-plain" id="billing-discounts">${list.map((d) => html`<li data-status=${d.status}>
        ${t('billing.discount.line', { what: d.percent ? ctx.t('billing.percent', { value: ctx.fmt.number(d.percent) })
          : money(ctx, d.amount, inv.currency), on: d.lineId ? lineName(d.lineId) || '' : t('billing.discount.wholeInvoice'),
          reason: d.reason, who: d.requestedBy || '' })}
        · <strong>${label(ctx, 'discountStatus', d.status)}</strong>
        ${d.status === 'REQUESTED' && approver && inv.status === 'DRAFT' && d.requestedBy === ctx.caller.username
          ? html` <span class="hint">${t('billing.discount.notYours')}</span>` : nothing}
        ${d.status === 'REQUESTED' && approver && inv.status === 'DRAFT' && d.requestedBy !== ctx.caller.username
          ? html`<span class="bl-actions">
          <button type="button" class="button" ?disabled=${this.saving}
            @click=${() => this.decideDiscount(d, 'approve')}>${t('billing.discount.approve')}</button>
          <button type="button" class="button button-quiet" ?disabled=${this.saving}
            @click=${() => this.decideDiscount(d, 'reject')}>${t('billing.discount.reject')}</button></span>` : nothing}
      </li>`)}</ul>` : html`<p class="empty">${t('billing.discount.none')}</p>`}
      ${manage ? (this.discounting ? this.discountForm() : html`<button type="button" class="button button-quiet"
        id="billing-discount-open" @click=${() => this.toggle('discounting')}>${t('billing.discount.ask')}</button>`) : nothing}
    </section>`;
  }

  discountForm() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<form id="billing-discount-form" class="form" novalidate @submit=${(e) => this.requestDiscount(e)}>
      <div class="field-row">
        <div class="field"><label for="billing-discount-line">${t('billing.discount.on')}</label>
          <select id="billing-discount-line" name="lineId"><option value="">${t('billing.discount.wholeInvoice')}</option>
            ${(this.invoice.lines || []).map((l) => html`<option value=${l.id}>${l.lineNo}. ${l.description}</option>`)}</select></div>
        <div class="field"><label for="billing-discount-kind">${t('billing.discount.kind')}</label>
          <select id="billing-discount-kind" name="kind"><option value="amount">${t('billing.discount.amount')}</option>
            <option value="percent">${t('billing.discount.percent')}</option></select></div>
        <div class="field"><label for="billing-discount-value">${t('billing.discount.value')}</label>
          <input id="billing-discount-value" name="value" inputmode="decimal" autocomplete="off" required></div>
      </div>
      <div class="field"><label for="billing-discount-reason">${t('billing.col.reason')}</label>
        <input id="billing-discount-reason" name="reason" autocomplete="off" required></div>
      <div class="bl-actions"><button type="submit" class="button" ?disabled=${this.saving}>${t('billing.discount.submit')}</button>
        <button type="button" class="button button-quiet" @click=${() => this.toggle('discounting')}>${t('billing.cancel')}</button></div>
    </form>`;
  }

  paymentForm() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    if (!PAYABLE.includes(inv.status) || inv.kind === 'CREDIT_NOTE' || !isPositive(inv.patientBalance)
      || !can(ctx, 'billing.payments.record')) return nothing;
    const needsReference = NEEDS_REFERENCE.includes(this.method);
    return html`<section class="bl-panel" aria-labelledby="billing-payment-title">
      <h3 id="billing-payment-title">${t('billing.payment.title', { balance: money(ctx, inv.patientBalance, inv.currency) })}</h3>
      <form id="billing-payment-form" class="form" novalidate @submit=${(e) => this.takePayment(e)}>
        <div class="field-row">
          <div class="field"><label for="billing-payment-amount">${t('billing.payment.amount', { currency: inv.currency })}</label>
            <input id="billing-payment-amount" name="amount" inputmode="decimal" autocomplete="off" required
              .value=${inv.patientBalance}></div>
          <div class="field"><label for="billing-payment-method">${t('billing.payment.method')}</label>
            <select id="billing-payment-method" name="method" @change=${(e) => { this.method = e.target.value; this.host.paint(); }}>
              ${DESK_METHODS.map((m) => html`<option value=${m} ?selected=${this.method === m}>${label(ctx, 'method', m)}</option>`)}
            </select></div>
          ${needsReference ? html`<div class="field"><label for="billing-payment-reference">${
            t(`billing.payment.reference.${this.method}`)}</label>
            <input id="billing-payment-reference" name="reference" autocomplete="off" required></div>` : nothing}
        </div>
        <button type="submit" class="button" ?disabled=${this.saving}>${t('billing.payment.submit')}</button>
      </form>
    </section>`;
  }

  receiptView() {
    const p = this.receipt;
    if (!p) return nothing;
    const ctx = this.ctx;
    const t = (k, p2) => ctx.t(k, p2);
    return html`<section class="bl-panel alert alert-success" aria-labelledby="billing-receipt-title">
      <h3 id="billing-receipt-title" tabindex="-1">${t(p.kind === 'REFUND' ? 'billing.refund.recorded' : 'billing.payment.recorded', {
        amount: money(ctx, p.amount, p.currency), method: label(ctx, 'method', p.method), number: p.receiptNumber || '' })}</h3>
      <p>${pdfLink(t('billing.payment.printReceipt'), `/receipts/${encodeURIComponent(p.id)}/pdf`, 'billing-receipt-link',
        t('billing.payment.printReceiptFor', { number: p.receiptNumber || '' }))}</p>
    </section>`;
  }

  payments() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const list = inv.payments || [];
    if (!list.length) return nothing;
    const refunds = can(ctx, 'billing.payments.record');
    return html`<section class="bl-panel" aria-labelledby="billing-payments-title">
      <h3 id="billing-payments-title">${t('billing.payment.list')}</h3>
      ${scrollTable(t('billing.payment.list'), html`<table id="billing-invoice-payments">
        <caption class="visually-hidden">${t('billing.payment.list')}</caption>
        <thead><tr><th scope="col">${t('billing.col.receipt')}</th><th scope="col">${t('billing.col.when')}</th>
          <th scope="col">${t('billing.payment.method')}</th><th scope="col">${t('billing.col.payer')}</th>
          <th scope="col">${t('billing.col.amount')}</th><th scope="col">${t('billing.col.by')}</th>
          <th scope="col">${t('billing.col.actions')}</th></tr></thead>
        <tbody>${list.map((p) => html`<tr data-kind=${p.kind}>
          <td>${p.receiptNumber}${p.kind === 'REFUND' ? html` <span class="hint">${t('billing.refund.kind')}</span>` : nothing}</td>
          <td>${ctx.fmt.dateTime(p.receivedAt)}</td>
          <td>${label(ctx, 'method', p.method)}${p.reference ? html` <span class="hint">${p.reference}</span>` : nothing}</td>
          <td>${label(ctx, 'payer', p.payer)}</td>
          <td class="bl-num">${money(ctx, p.kind === 'REFUND' && !String(p.amount).startsWith('-') ? `-${p.amount}` : p.amount,
            p.currency || inv.currency)}</td>
          <td>${p.cashier || ''}</td>
          <td><span class="bl-actions">${pdfLink(t('billing.payment.receipt'), `/receipts/${encodeURIComponent(p.id)}/pdf`, '',
            t('billing.payment.printReceiptFor', { number: p.receiptNumber || '' }))}
            ${refunds && p.kind === 'PAYMENT' && p.payer !== 'INSURANCE' ? html`<button type="button" class="button button-quiet"
              aria-label=${t('billing.refund.openFor', { number: p.receiptNumber || '' })}
              @click=${() => this.askRefund(p)}>${t('billing.refund.open')}</button>` : nothing}</span></td>
        </tr>`)}</tbody>
      </table>`)}
      ${this.refundForm()}
    </section>`;
  }

  refundForm() {
    const p = this.refunding;
    if (!p) return nothing;
    const ctx = this.ctx;
    const t = (k, p2) => ctx.t(k, p2);
    return html`<form id="billing-refund-form" class="form bl-panel" novalidate @submit=${(e) => this.refund(e)}>
      <h4>${t('billing.refund.title', { number: p.receiptNumber || '', amount: money(ctx, p.amount, p.currency) })}</h4>
      <div class="field-row">
        <div class="field"><label for="billing-refund-amount">${t('billing.col.amount')}</label>
          <input id="billing-refund-amount" name="amount" inputmode="decimal" autocomplete="off" required .value=${p.amount}></div>
        <div class="field"><label for="billing-refund-reason">${t('billing.col.reason')}</label>
          <input id="billing-refund-reason" name="reason" autocomplete="off" required></div>
      </div>
      <div class="bl-actions"><button type="submit" class="button" ?disabled=${this.saving}>${t('billing.refund.submit')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.refunding = null; this.host.paint(); }}>
          ${t('billing.cancel')}</button></div>
    </form>`;
  }

  claims() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const list = inv.claims || [];
    const mayClaim = can(ctx, 'billing.claims.manage') && inv.kind !== 'CREDIT_NOTE' && CREDITABLE.includes(inv.status)
      && inv.policyId && isPositive(inv.insuranceBalance) && !list.some((c) => OPEN_CLAIM.includes(c.status));
    if (!list.length && !mayClaim) return nothing;
    return html`<section class="bl-panel" aria-labelledby="billing-claims-title">
      <h3 id="billing-claims-title">${t('billing.claim.list')}</h3>
      ${list.length ? html`<ul class="bl-plain" id="billing-invoice-claims">${list.map((c) => html`<li data-status=${c.status}>
        ${t('billing.claim.line', { number: c.number, status: label(ctx, 'claimStatus', c.status),
          claimed: money(ctx, c.claimedAmount, inv.currency) })}${c.approvedAmount !== null && c.approvedAmount !== undefined
          ? html` · ${t('billing.claim.approvedAmount', { amount: money(ctx, c.approvedAmount, inv.currency) })}` : nothing}${
          c.reason ? html` · ${c.reason}` : nothing}</li>`)}</ul>` : nothing}
      ${mayClaim ? html`<button type="button" class="button" id="billing-claim-submit" ?disabled=${this.saving}
        @click=${() => this.submitClaim()}>${t('billing.claim.submit')}</button>` : nothing}
    </section>`;
  }

  voidForm() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<form id="billing-void-form" class="form bl-panel" novalidate @submit=${(e) => this.voidInvoice(e)}>
      <div class="field"><label for="billing-void-reason">${t('billing.void.reason')}</label>
        <input id="billing-void-reason" name="reason" autocomplete="off" required></div>
      <div class="bl-actions"><button type="submit" class="button button-danger" ?disabled=${this.saving}>${t('billing.void.submit')}</button>
        <button type="button" class="button button-quiet" @click=${() => this.toggle('voiding')}>${t('billing.cancel')}</button></div>
    </form>`;
  }

  creditForm() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<form id="billing-credit-form" class="form bl-panel" novalidate @submit=${(e) => this.creditNote(e)}>
      <fieldset><legend>${t('billing.credit.lines')}</legend>
        ${(this.invoice.lines || []).map((l) => html`<div class="bl-check">
          <input id="billing-credit-line-${l.id}" type="checkbox" name="lineId" value=${l.id}>
          <label for="billing-credit-line-${l.id}">${l.lineNo}. ${l.description} (${money(ctx, l.gross, this.invoice.currency)})</label></div>`)}
      </fieldset>
      <div class="field"><label for="billing-credit-reason">${t('billing.col.reason')}</label>
        <input id="billing-credit-reason" name="reason" autocomplete="off" required></div>
      <div class="bl-actions"><button type="submit" class="button" ?disabled=${this.saving}>${t('billing.credit.submit')}</button>
        <button type="button" class="button button-quiet" @click=${() => this.toggle('crediting')}>${t('billing.cancel')}</button></div>
    </form>`;
  }

  actions() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const manage = can(ctx, 'billing.invoices.manage');
    const pending = (inv.discounts || []).some((d) => d.status === 'REQUESTED');
    const pdf = pdfLink(t(inv.status === 'DRAFT' ? 'billing.invoice.pdfDraft' : 'billing.invoice.pdf'),
      `/invoices/${encodeURIComponent(inv.id)}/pdf`, 'billing-invoice-pdf',
      t('billing.invoice.pdfFor', { number: inv.number || t('billing.invoice.draft') }));
    return html`<div class="bl-actions bl-panel">
      ${pdf}
      ${manage && inv.status === 'DRAFT' ? html`<button type="button" class="button" id="billing-issue"
        ?disabled=${this.saving || pending} aria-describedby=${pending ? 'billing-issue-hint' : nothing}
        @click=${() => this.issue()}>${t('billing.invoice.issue')}</button>
        ${pending ? html`<span id="billing-issue-hint" class="hint">${t('billing.invoice.pendingDiscount')}</span>` : nothing}` : nothing}
      ${manage && inv.status !== 'VOID' && inv.kind !== 'CREDIT_NOTE' ? html`<button type="button" class="button button-quiet"
        id="billing-void-open" aria-expanded=${this.voiding ? 'true' : 'false'} @click=${() => this.toggle('voiding')}>
        ${t('billing.void.open')}</button>` : nothing}
      ${manage && CREDITABLE.includes(inv.status) && inv.kind !== 'CREDIT_NOTE' ? html`<button type="button"
        class="button button-quiet" id="billing-credit-open" aria-expanded=${this.crediting ? 'true' : 'false'}
        @click=${() => this.toggle('crediting')}>${t('billing.credit.open')}</button>` : nothing}
    </div>
    ${this.voiding ? this.voidForm() : nothing}
    ${this.crediting ? this.creditForm() : nothing}
    ${this.creditNoteMade ? html`<p class="alert alert-success" role="status">${t('billing.credit.made', {
      number: this.creditNoteMade.number || '', amount: money(ctx, this.creditNoteMade.grossTotal, this.creditNoteMade.currency) })}
      ${pdfLink(t('billing.invoice.pdf'), `/invoices/${encodeURIComponent(this.creditNoteMade.id)}/pdf`, 'billing-credit-pdf',
        t('billing.invoice.pdfFor', { number: this.creditNoteMade.number || '' }))}</p>` : nothing}`;
  }

  view() {
    if (!this.id) return nothing;
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const inv = this.invoice;
    const title = inv ? (inv.number ? t(inv.kind === 'CREDIT_NOTE' ? 'billing.invoice.creditTitle' : 'billing.invoice.title',
      { number: inv.number }) : t('billing.invoice.draftTitle')) : t(this.error ? 'billing.invoice.notLoaded' : 'billing.loading');
    return html`<section id="billing-invoice" class="bl-panel card" aria-labelledby="billing-invoice-title">
      <h2 id="billing-invoice-title" tabindex="-1">${title}</h2>
      ${alertRegion(this.error, 'billing-invoice-error')}
      ${inv ? html`${this.facts()}${this.lines()}${this.totals()}
        ${alertRegion(this.actionError, 'billing-invoice-action-error')}
        ${this.receiptView()}${this.actions()}${this.discounts()}${this.paymentForm()}${this.payments()}${this.claims()}` : nothing}
      <div class="bl-actions bl-panel"><button type="button" class="button button-quiet" @click=${() => this.close()}>
        ${t('billing.close')}</button></div>
    </section>`;
  }
}
