// The cashier's till of the day on the desk (GET /cash/{cashier}/{day}): what it should hold by method, refunds, and
// "close my day" with the counted cash; the API answers the expected cash and the difference (once per day).
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, can, errorText, formValues, focusSoon } from '/ui/shell/kit.js';
import { BASE, money, today, isZero, decimalInput } from './common.js';

export class Till {
  constructor(host) {
    this.host = host;
  }

  get ctx() {
    return this.host.ctx;
  }


  async load() {
    const ctx = this.ctx;
    if (!can(ctx, 'billing.payments.record') || !ctx.caller || !ctx.caller.username) return;
    this.day = today();
    try {
      // The cashier's own till: the signed-in user's, today.
      this.till = await ctx.api.get(`${BASE}/cash/${encodeURIComponent(ctx.caller.username)}/${encodeURIComponent(this.day)}`);
      this.error = '';
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  async close(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const v = formValues(event.target);
    if (!v.countedCash) {
      this.closeError = ctx.t('billing.till.countedRequired');
      this.host.paint();
      return;
    }
    try {
      this.closed = await ctx.api.post(`${BASE}/cash/${encodeURIComponent(ctx.caller.username)}/${encodeURIComponent(this.day)}/close`,
        { ...v, countedCash: decimalInput(v.countedCash) });
      this.closeError = '';
      ctx.notify(ctx.t('billing.till.closedDone'), 'success');
      await this.load();
      focusSoon(this.host, '#billing-till-closed');
    } catch (err) {
      this.closeError = errorText(ctx, err);
    }
    this.host.paint();
  }

  closedView(c) {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const currency = c.currency || (this.till && this.till.currency);
    const key = isZero(c.difference) ? 'billing.till.balanced'
      : (String(c.difference).startsWith('-') ? 'billing.till.short' : 'billing.till.over');
    return html`<div id="billing-till-closed" tabindex="-1" class="alert ${isZero(c.difference) ? 'alert-success' : 'alert-warning'}">
      <p>${t('billing.till.closedAt', { when: c.closedAt ? ctx.fmt.dateTime(c.closedAt) : '', who: c.closedBy || c.cashier || '' })}</p>
      <dl class="facts">
        <dt>${t('billing.till.expected')}</dt><dd class="bl-num">${money(ctx, c.expectedCash, currency)}</dd>
        <dt>${t('billing.till.counted')}</dt><dd class="bl-num">${money(ctx, c.countedCash, currency)}</dd>
        <dt>${t('billing.till.difference')}</dt><dd class="bl-num" id="billing-till-difference">${money(ctx, c.difference, currency)}
          · ${t(key)}</dd>
      </dl>
      ${c.note ? html`<p>${c.note}</p>` : nothing}
    </div>`;
  }

  view() {
    const ctx = this.ctx;
    if (!can(ctx, 'billing.payments.record')) return nothing;
    const t = (k, p) => ctx.t(k, p);
    const till = this.till;
    const currency = till && till.currency;
    const row = (key, value) => html`<dt>${t(key)}</dt><dd class="bl-num">${money(ctx, value, currency)}</dd>`;
    const closed = (till && till.closed) || this.closed;
    return html`<section class="bl-panel card" aria-labelledby="billing-till-title" id="billing-till">
      <h2 id="billing-till-title">${t('billing.till.title', { day: this.day ? ctx.fmt.date(this.day) : '' })}</h2>
      ${alertRegion(this.error, 'billing-till-error')}
      ${till ? html`<dl class="facts bl-totals">
        ${row('billing.method.CASH', till.cash)}${row('billing.method.CARD', till.card)}
        ${row('billing.method.BANK_TRANSFER', till.transfer)}${row('billing.method.ONLINE', till.online)}
        ${row('billing.till.refunds', till.refunds)}</dl>` : nothing}
      ${closed ? this.closedView(closed) : html`<form id="billing-till-close" class="form" novalidate
        @submit=${(e) => this.close(e)}>
        <h3>${t('billing.till.close')}</h3>
        <div class="field-row">
          <div class="field"><label for="billing-till-counted">${t('billing.till.counted')}</label>
            <input id="billing-till-counted" name="countedCash" inputmode="decimal" autocomplete="off" required></div>
          <div class="field"><label for="billing-till-note">${t('billing.till.note')}</label>
            <input id="billing-till-note" name="note" autocomplete="off"></div>
        </div>
        ${alertRegion(this.closeError, 'billing-till-close-error')}
        <button type="submit" class="button">${t('billing.till.closeSubmit')}</button>
      </form>`}
    </section>`;
  }
}
