// The worklist's second part: results entered by another technician waiting for verification (and, when the lab
// releases separately, verified results waiting for release). The worklist names the items; each order tells the
// current result of its items (who entered it), so one GET per order.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, errorText } from '/ui/shell/kit.js';
import { BASE, flagBadge, valueText, priorityLabel, statusLabel } from './common.js';

export class VerifyList {
  constructor(host) {
    this.host = host;
    this.rows = null;
  }

  async pending(status) {
    const ctx = this.host.ctx;
    try {
      const page = await ctx.api.get(`${BASE}/worklist`, { status, size: 100 });
      return page.items || [];
    } catch (err) {
      // VERIFIED is only pending when the lab releases separately; a worklist that does not list it is not an error.
      if (status === 'VERIFIED') return [];
      throw err;
    }
  }

  async load() {
    const ctx = this.host.ctx;
    try {
      const entries = [...await this.pending('RESULTED'), ...await this.pending('VERIFIED')];
      const orders = new Map();
      await Promise.all([...new Set(entries.map((e) => e.orderId))].map(async (id) => {
        orders.set(id, await ctx.api.get(`${BASE}/orders/${encodeURIComponent(id)}`));
      }));
      const me = (ctx.caller || {}).username;
      this.rows = entries.map((e) => {
        const item = (orders.get(e.orderId).items || []).find((i) => i.id === e.itemId) || {};
        return { entry: e, result: item.result };
      }).filter((r) => r.result && (r.result.status === 'VERIFIED' || r.result.enteredBy !== me));
      this.error = '';
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  async act(result, action) {
    const ctx = this.host.ctx;
    let failure = '';
    try {
      await ctx.api.post(`${BASE}/results/${encodeURIComponent(result.id)}/${action}`, {});
      ctx.notify(ctx.t(action === 'verify' ? 'lab.verify.verified' : 'lab.verify.released'), 'success');
    } catch (err) {
      // 409: another technician verified it first, or it was entered by this user after all.
      failure = errorText(ctx, err);
    }
    await this.host.refresh();
    this.error = failure;
    this.host.paint();
  }

  view() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const rows = this.rows || [];
    return html`<section class="lab-panel" aria-labelledby="lab-verify-title">
      <h2 id="lab-verify-title">${t('lab.verify.title')}</h2>
      <p class="hint">${t('lab.verify.hint')}</p>
      ${alertRegion(this.error, 'lab-verify-error')}
      ${this.rows && !rows.length ? html`<p>${t('lab.verify.empty')}</p>` : nothing}
      ${rows.length ? scrollTable(t('lab.verify.title'), html`<table id="lab-verify-table">
        <caption class="visually-hidden">${t('lab.verify.title')}</caption>
        <thead><tr><th scope="col">${t('lab.col.priority')}</th><th scope="col">${t('lab.col.test')}</th>
          <th scope="col">${t('lab.col.patient')}</th><th scope="col">${t('lab.col.value')}</th>
          <th scope="col">${t('lab.col.flag')}</th><th scope="col">${t('lab.col.enteredBy')}</th>
          <th scope="col">${t('lab.col.status')}</th><th scope="col">${t('lab.col.actions')}</th></tr></thead>
        <tbody>${rows.map(({ entry: e, result: r }) => html`<tr class=${r.critical ? 'lab-row-critical' : ''}>
          <td>${priorityLabel(ctx, e.priority)}</td><td>${r.testName}</td><td>${r.patientId}</td>
          <td>${valueText(ctx, r.value, r.unit)}${r.comment ? html`<br><span class="hint">${r.comment}</span>` : nothing}</td>
          <td>${flagBadge(ctx, r.flag, r.critical)}</td>
          <td>${r.enteredBy} <span class="hint">${ctx.fmt.dateTime(r.enteredAt)}</span></td>
          <td>${statusLabel(ctx, r.status)}</td>
          <td>${r.status === 'ENTERED' ? html`<button type="button" class="button"
              aria-label=${t('lab.verify.verifyFor', { test: r.testName, patient: r.patientId })}
              @click=${() => this.act(r, 'verify')}>${t('lab.verify.verify')}</button>`
            : r.status === 'VERIFIED' ? html`<button type="button" class="button"
              aria-label=${t('lab.verify.releaseFor', { test: r.testName, patient: r.patientId })}
              @click=${() => this.act(r, 'release')}>${t('lab.verify.release')}</button>` : nothing}</td></tr>`)}
        </tbody></table>`) : nothing}
    </section>`;
  }
}
