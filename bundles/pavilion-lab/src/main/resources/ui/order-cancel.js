// Cancelling an order from the chart tab (lab.order.cancel): a reason is required; the server answers 409 once any
// test is resulted, and that answer is shown as it is.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE } from './common.js';

const CANCELLABLE = ['ORDERED', 'COLLECTED', 'RECEIVED', 'IN_PROGRESS'];

export class OrderCancel {
  constructor(host, done) {
    this.host = host;
    this.done = done;
    this.order = null;
  }

  /** Whether to offer it: active and nothing resulted yet (the server decides in the end). */
  static offered(order) {
    return order.status === 'ACTIVE' && (order.items || []).every((i) => CANCELLABLE.includes(i.status));
  }

  ask(order) {
    this.order = order;
    this.error = '';
    this.host.paint();
    focusSoon(this.host, '#lab-cancel-reason');
  }

  async submit(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const { reason } = formValues(event.target);
    if (!reason) {
      this.error = ctx.t('lab.cancelOrder.reasonRequired');
      this.host.paint();
      return;
    }
    try {
      await ctx.api.post(`${BASE}/orders/${encodeURIComponent(this.order.id)}/cancel`, { reason });
      ctx.notify(ctx.t('lab.cancelOrder.done', { number: this.order.orderNumber }), 'success');
      this.order = null;
      this.done();
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  view() {
    if (!this.order) return nothing;
    const t = (k, p) => this.host.ctx.t(k, p);
    return html`<form id="lab-cancel-form" class="form lab-panel card" novalidate @submit=${(e) => this.submit(e)}>
      <h3>${t('lab.cancelOrder.title', { number: this.order.orderNumber })}</h3>
      <div class="field"><label for="lab-cancel-reason">${t('lab.cancelOrder.reason')}</label>
        <textarea id="lab-cancel-reason" name="reason" required rows="2"></textarea></div>
      ${alertRegion(this.error, 'lab-cancel-error')}
      <div class="lab-actions"><button type="submit" class="button">${t('lab.cancelOrder.confirm')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.order = null; this.host.paint(); }}>
          ${t('lab.cancelOrder.keep')}</button></div>
    </form>`;
  }
}
