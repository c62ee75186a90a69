// /lab/worklist: the technician's pending items, STAT then URGENT then ROUTINE, oldest first (the server's order).
// Receive or reject a specimen, start an item, open it to enter its result; below, the results waiting for a second
// technician's verification.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, can, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, PRIORITIES, useStyles, priorityLabel, statusLabel } from './common.js';
import { ResultEntry } from './result-entry.js';
import { VerifyList } from './verify.js';

const STATUSES = ['COLLECTED', 'RECEIVED', 'IN_PROGRESS', 'RESULTED'];
const SIZE = 50;

class LabWorklist extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.filter = this.filter || {};
    this.entry = new ResultEntry(this, () => this.refresh());
    this.verify = new VerifyList(this);
    useStyles();
    this.paint();
    this.load(0);
    if (can(ctx, 'lab.result.verify')) this.verify.load();
  }

  get ctx() {
    return this._ctx;
  }

  async load(page) {
    this.busy = true;
    this.paint();
    try {
      this.page = await this._ctx.api.get(`${BASE}/worklist`, { ...this.filter, page, size: SIZE });
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  async refresh() {
    await Promise.all([this.load(this.page ? this.page.page : 0),
      can(this._ctx, 'lab.result.verify') ? this.verify.load() : null]);
  }

  applyFilter(event) {
    event.preventDefault();
    this.filter = formValues(event.target);
    this.load(0);
  }

  /** One action on a specimen or item; a 409 (someone else was quicker) is shown and the list reloaded. */
  async act(path, body, doneKey) {
    let failure = '';
    try {
      await this._ctx.api.post(`${BASE}${path}`, body || {});
      this._ctx.notify(this._ctx.t(doneKey), 'success');
    } catch (err) {
      failure = errorText(this._ctx, err);
    }
    // The list as it is now, then why the action failed (the reload must not wipe the message).
    await this.refresh();
    this.error = failure;
    this.paint();
  }

  askReject(entry) {
    this.rejecting = entry;
    this.paint();
    focusSoon(this, '#lab-reject-reason');
  }

  async reject(event) {
    event.preventDefault();
    const { reason } = formValues(event.target);
    if (!reason) {
      this.rejectError = this._ctx.t('lab.worklist.reasonRequired');
      this.paint();
      return;
    }
    const specimen = this.rejecting.specimenId;
    this.rejecting = null;
    this.rejectError = '';
    await this.act(`/specimens/${encodeURIComponent(specimen)}/reject`, { reason }, 'lab.worklist.rejected');
  }

  /** What can be done from here: a RESULTED item may be entered again until verified (the new entry replaces it). */
  actions(e) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const sid = encodeURIComponent(e.specimenId || '');
    const label = `${e.testName} ${e.specimenId || ''}`;
    return html`<div class="lab-actions">
      ${e.status === 'COLLECTED' ? html`
        <button type="button" class="button" aria-label=${t('lab.worklist.receiveFor', { what: label })}
          @click=${() => this.act(`/specimens/${sid}/receive`, {}, 'lab.worklist.received')}>${t('lab.worklist.receive')}</button>
        <button type="button" class="button button-quiet" aria-label=${t('lab.worklist.rejectFor', { what: label })}
          @click=${() => this.askReject(e)}>${t('lab.worklist.reject')}</button>` : nothing}
      ${e.status === 'RECEIVED' ? html`<button type="button" class="button"
          aria-label=${t('lab.worklist.startFor', { what: label })}
          @click=${() => this.act(`/items/${encodeURIComponent(e.itemId)}/start`, {}, 'lab.worklist.started')}>${t('lab.worklist.start')}</button>` : nothing}
      ${['RECEIVED', 'IN_PROGRESS', 'RESULTED'].includes(e.status) && can(ctx, 'lab.result.enter') ? html`<button
          type="button" class="button button-quiet" aria-label=${t('lab.worklist.enterFor', { what: label })}
          @click=${() => this.entry.open(e)}>${t('lab.worklist.enter')}</button>` : nothing}
    </div>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    return scrollTable(t('lab.worklist.caption'), html`<table id="lab-worklist-table">
      <caption>${t('lab.worklist.caption')}</caption>
      <thead><tr><th scope="col">${t('lab.col.priority')}</th><th scope="col">${t('lab.col.test')}</th>
        <th scope="col">${t('lab.col.order')}</th><th scope="col">${t('lab.col.patient')}</th>
        <th scope="col">${t('lab.col.specimen')}</th><th scope="col">${t('lab.col.status')}</th>
        <th scope="col">${t('lab.col.waiting')}</th><th scope="col">${t('lab.col.due')}</th>
        <th scope="col">${t('lab.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((e) => html`<tr class=${e.priority === 'STAT' ? 'lab-stat' : ''}>
        <td>${priorityLabel(ctx, e.priority)}</td><td>${e.testName} <span class="hint">${e.testCode}</span></td>
        <td>${e.orderNumber}</td><td>${e.patientId}</td>
        <td>${e.specimenId || ''} <span class="hint">${e.specimenType || ''}</span></td>
        <td>${statusLabel(ctx, e.status)}</td>
        <td>${t('lab.worklist.minutes', { n: ctx.fmt.number(e.waitingMinutes || 0) })}</td>
        <td class=${e.dueAt && Date.parse(e.dueAt) < Date.now() ? 'lab-critical' : ''}>${e.dueAt ? ctx.fmt.dateTime(e.dueAt) : ''}</td>
        <td>${this.actions(e)}</td></tr>`)
        : html`<tr><td colspan="9">${this.busy ? t('lab.loading') : t('lab.worklist.empty')}</td></tr>`}</tbody>
    </table>`);
  }

  rejectForm() {
    if (!this.rejecting) return nothing;
    const t = (k, p) => this._ctx.t(k, p);
    return html`<form id="lab-reject-form" class="form lab-panel" novalidate @submit=${(e) => this.reject(e)}>
      <h2>${t('lab.worklist.rejectTitle', { specimen: this.rejecting.specimenId })}</h2>
      <div class="field"><label for="lab-reject-reason">${t('lab.worklist.reason')}</label>
        <textarea id="lab-reject-reason" name="reason" required rows="2"></textarea></div>
      ${alertRegion(this.rejectError, 'lab-reject-error')}
      <div class="lab-actions"><button type="submit" class="button">${t('lab.worklist.rejectConfirm')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.rejecting = null; this.paint(); }}>
          ${t('lab.cancel')}</button></div>
    </form>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('lab.page.worklist')}</h1>
      <form id="lab-worklist-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="lab-filter-status">${t('lab.col.status')}</label>
            <select id="lab-filter-status" name="status"><option value="">${t('lab.any')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${statusLabel(ctx, s)}</option>`)}
            </select></div>
          <div class="field"><label for="lab-filter-priority">${t('lab.col.priority')}</label>
            <select id="lab-filter-priority" name="priority"><option value="">${t('lab.any')}</option>
              ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${this.filter.priority === p}>${priorityLabel(ctx, p)}</option>`)}
            </select></div>
        </div>
        <div class="lab-actions"><button type="submit" class="button">${t('lab.filter')}</button>
          <button type="button" class="button button-quiet" @click=${() => this.refresh()}>${t('lab.refresh')}</button></div>
      </form>
      ${alertRegion(this.error, 'lab-worklist-error')}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('lab.worklist.pages'))}
      ${this.rejectForm()}
      ${this.entry.view()}
      ${can(ctx, 'lab.result.verify') ? this.verify.view() : nothing}
    </div>`, this);
  }
}

if (!customElements.get('lab-worklist')) {
  customElements.define('lab-worklist', LabWorklist);
}
