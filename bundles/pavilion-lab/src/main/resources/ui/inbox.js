// /lab/inbox: the doctor's released results of their own orders, criticals first (the server's order), newest first.
// A critical result not yet acknowledged carries an Acknowledge button that asks for a note.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, can, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, useStyles, flagBadge, valueText } from './common.js';

const SIZE = 50;

class LabInbox extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.unacknowledged = !!this.unacknowledged;
    useStyles();
    this.paint();
    this.load(0);
  }

  async load(page) {
    const ctx = this._ctx;
    try {
      const [results, alerts] = await Promise.all([
        ctx.api.get(`${BASE}/inbox`, { unacknowledged: this.unacknowledged || undefined, page, size: SIZE }),
        // Every open alert, not only those notifying the caller: after an escalation the ordering doctor may still
        // acknowledge; the inbox shows only the caller's results, so only their alerts get a button. The API's
        // largest page (200): a larger size is refused with 400, which left the whole inbox empty.
        can(ctx, 'lab.critical.acknowledge') ? ctx.api.get(`${BASE}/critical`, { mine: false, size: 200 }) : { items: [] },
      ]);
      this.page = results;
      // The open alert of each result (its id is what acknowledging takes).
      this.alerts = new Map((alerts.items || []).filter((a) => !a.acknowledgedAt).map((a) => [a.resultId, a]));
      this.error = '';
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.paint();
  }

  toggle(event) {
    this.unacknowledged = event.target.checked;
    this.load(0);
  }

  ask(result, alert) {
    this.acking = { result, alert };
    this.ackError = '';
    this.paint();
    focusSoon(this, '#lab-ack-note');
  }

  async acknowledge(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const { note } = formValues(event.target);
    try {
      await ctx.api.post(`${BASE}/critical/${encodeURIComponent(this.acking.alert.id)}/acknowledge`, { note: note || '' });
      ctx.notify(ctx.t('lab.inbox.acknowledged'), 'success');
      this.acking = null;
      this.load(this.page ? this.page.page : 0);
    } catch (err) {
      // 409: a colleague acknowledged it meanwhile; the list is reloaded to show it.
      this.ackError = errorText(ctx, err);
      this.paint();
      if (err && err.status === 409) this.load(this.page ? this.page.page : 0);
    }
  }

  ackForm() {
    if (!this.acking) return nothing;
    const t = (k, p) => this._ctx.t(k, p);
    const r = this.acking.result;
    return html`<form id="lab-ack-form" class="form lab-panel card" @submit=${(e) => this.acknowledge(e)}>
      <h2>${t('lab.inbox.ackTitle', { test: r.testName, patient: r.patientId })}</h2>
      <p>${valueText(this._ctx, r.value, r.unit)} ${flagBadge(this._ctx, r.flag, r.critical)}</p>
      <div class="field"><label for="lab-ack-note">${t('lab.inbox.note')}</label>
        <textarea id="lab-ack-note" name="note" rows="2" aria-describedby="lab-ack-help"></textarea>
        <p id="lab-ack-help" class="hint">${t('lab.inbox.noteHelp')}</p></div>
      ${alertRegion(this.ackError, 'lab-ack-error')}
      <div class="lab-actions"><button type="submit" class="button">${t('lab.inbox.acknowledge')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.acking = null; this.paint(); }}>${t('lab.cancel')}</button></div>
    </form>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    render(html`<div class="page">
      <h1>${t('lab.page.inbox')}</h1>
      <div class="lab-check"><input id="lab-inbox-unack" type="checkbox" .checked=${this.unacknowledged}
        @change=${(e) => this.toggle(e)}> <label for="lab-inbox-unack">${t('lab.inbox.unacknowledged')}</label></div>
      ${alertRegion(this.error, 'lab-inbox-error')}
      ${this.ackForm()}
      ${this.page ? scrollTable(t('lab.inbox.caption'), html`<table id="lab-inbox-table">
        <caption>${t('lab.inbox.caption')}</caption>
        <thead><tr><th scope="col">${t('lab.col.released')}</th><th scope="col">${t('lab.col.patient')}</th>
          <th scope="col">${t('lab.col.test')}</th><th scope="col">${t('lab.col.value')}</th>
          <th scope="col">${t('lab.col.flag')}</th><th scope="col">${t('lab.col.range')}</th>
          <th scope="col">${t('lab.col.actions')}</th></tr></thead>
        <tbody>${items.length ? items.map((r) => {
          const alert = this.alerts && this.alerts.get(r.id);
          return html`<tr class=${r.critical ? 'lab-row-critical' : ''}>
            <td>${ctx.fmt.dateTime(r.releasedAt)}</td><td>${r.patientId}</td><td>${r.testName}</td>
            <td>${valueText(ctx, r.value, r.unit)}${r.corrected ? html` <span class="lab-corrected">${t('lab.result.corrected')}</span>` : nothing}</td>
            <td>${flagBadge(ctx, r.flag, r.critical)}</td><td>${r.referenceRange || ''}</td>
            <td>${alert ? html`<button type="button" class="button"
                aria-label=${t('lab.inbox.acknowledgeFor', { test: r.testName, patient: r.patientId })}
                @click=${() => this.ask(r, alert)}>${t('lab.inbox.acknowledge')}</button>`
              : r.critical ? html`<span class="hint">${t('lab.inbox.done')}</span>` : nothing}</td></tr>`;
        }) : html`<tr><td colspan="7">${t('lab.inbox.empty')}</td></tr>`}</tbody></table>`)
        : html`<p role="status">${this.error ? '' : t('lab.loading')}</p>`}
      ${pager(ctx, this.page, (n) => this.load(n), t('lab.inbox.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('lab-inbox')) {
  customElements.define('lab-inbox', LabInbox);
}
