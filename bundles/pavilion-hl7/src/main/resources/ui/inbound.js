// Inbound HL7 messages (/api/v1/hl7/messages): filtered and paged list, one message with its raw text, ACK and
// error; a PARKED or REJECTED message edited and replayed by users holding hl7.message.replay. A message parked
// because its sender reused a control id is replayed under a new control id, or as it is once confirmed.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { Hl7Page, alertRegion, can, errorText, focusSoon, pager, scrollTable, segments, when } from './common.js';

const SIZE = 20;
const STATUSES = ['RECEIVED', 'PROCESSED', 'PARKED', 'REJECTED'];
const REPAIRABLE = new Set(['PARKED', 'REJECTED']);
const FILTERS = ['status', 'type', 'sender', 'controlId'];

class Hl7Inbound extends Hl7Page {
  start() {
    this.query = {};
    this.page = null;
    this.listError = '';
    this.message = null;
    this.detailError = '';
    this.repairError = '';
    this.busy = false;
    this.update();
    this.load(0);
  }

  async load(n) {
    try {
      this.page = await this.ctx.api.get('/hl7/messages', { ...this.query, page: n, size: SIZE });
      this.listError = '';
    } catch (e) {
      this.listError = errorText(this.ctx, e);
    }
    this.update();
  }

  filter(event) {
    event.preventDefault();
    const f = event.target.elements;
    const q = {};
    for (const name of FILTERS) {
      if (f[name].value.trim()) {
        q[name] = f[name].value.trim();
      }
    }
    this.query = q;
    this.load(0);
  }

  open(id) {
    this.repairError = '';
    return this.openMessage(`/hl7/messages/${encodeURIComponent(id)}`, '#hl7-detail-heading', '#hl7-detail-error');
  }

  /** Runs a repair call; the answer is the message as it is now. */
  async repair(work, done) {
    this.busy = true;
    this.repairError = '';
    this.update();
    try {
      const updated = await work();
      this.message = updated; // the answer is the full message, texts included
      this.ctx.notify(done(updated), 'success');
      this.load(this.page ? this.page.page : 0);
    } catch (e) {
      this.repairError = errorText(this.ctx, e);
      focusSoon(this, '#hl7-repair-error');
    } finally {
      this.busy = false;
      this.update();
    }
  }

  save(event) {
    event.preventDefault();
    const id = this.message.id;
    const rawText = event.target.elements.rawText.value;
    this.repair(() => this.ctx.api.put(`/hl7/messages/${encodeURIComponent(id)}/raw`, { rawText }),
      () => this.ctx.t('hl7.inbound.saved'));
  }

  replay() {
    const id = this.message.id;
    const form = this.querySelector('#hl7-repair');
    const body = {};
    if (this.message.controlIdReused && form) {
      body.controlId = form.elements.controlId.value.trim();
      body.confirmReusedControlId = form.elements.confirmReused.checked;
    }
    this.repair(() => this.ctx.api.post(`/hl7/messages/${encodeURIComponent(id)}/replay`, body),
      (m) => this.ctx.t('hl7.inbound.replayed', { status: this.ctx.t(`hl7.status.${m.status}`), ack: m.ackCode || '' }));
  }

  repairForm(m) {
    const { t } = this.ctx;
    if (!REPAIRABLE.has(m.status) || !can(this.ctx, 'hl7.message.replay')) {
      return '';
    }
    return html`<section aria-labelledby="hl7-repair-heading">
      <h3 id="hl7-repair-heading">${t('hl7.inbound.repair')}</h3>
      <form id="hl7-repair" @submit=${(e) => this.save(e)}>
        <label>${t('hl7.inbound.raw-edit')}
          <textarea name="rawText" spellcheck="false" autocapitalize="none" aria-describedby="hl7-repair-hint"
            .value=${segments(m.rawText)}></textarea></label>
        <p id="hl7-repair-hint" class="hint hl7-muted">${t('hl7.inbound.repair-hint')}</p>
        ${m.controlIdReused ? html`<p class="hint" id="hl7-reused-hint">${t('hl7.inbound.reused-hint')}</p>
          <label>${t('hl7.inbound.new-control-id')}
            <input name="controlId" maxlength="20" autocapitalize="none" aria-describedby="hl7-reused-hint"></label>
          <label><input type="checkbox" name="confirmReused"> ${t('hl7.inbound.confirm-reused')}</label>` : ''}
        <p class="alert alert-error hl7-alert" role="alert" id="hl7-repair-error" tabindex="-1" ?hidden=${!this.repairError}>
          ${this.repairError}</p>
        <div class="hl7-actions">
          <button type="submit" ?disabled=${this.busy}>${t('hl7.inbound.save')}</button>
          <button type="button" class="button button-quiet" id="hl7-replay" ?disabled=${this.busy} @click=${() => this.replay()}>
            ${t('hl7.inbound.replay')}</button>
        </div>
      </form>
    </section>`;
  }

  detail() {
    const { t } = this.ctx;
    if (this.detailError) {
      return html`<p class="alert alert-error hl7-alert" role="alert" id="hl7-detail-error" tabindex="-1">${this.detailError}</p>`;
    }
    const m = this.message;
    if (!m) {
      return '';
    }
    return html`<section id="hl7-detail" class="hl7-panel" aria-labelledby="hl7-detail-heading">
      <h2 id="hl7-detail-heading" tabindex="-1">${t('hl7.inbound.detail', { type: m.messageType || '', controlId: m.controlId || '' })}</h2>
      <dl class="facts hl7-facts">
        <dt>${t('hl7.inbound.status')}</dt><dd>${t(`hl7.status.${m.status}`)} ${m.ackCode ? `(${m.ackCode})` : ''}</dd>
        <dt>${t('hl7.inbound.sender')}</dt><dd>${m.sender}</dd>
        <dt>${t('hl7.inbound.version')}</dt><dd>${m.version || ''} ${m.charset || ''}</dd>
        <dt>${t('hl7.inbound.listener')}</dt><dd>${m.listener || ''} ${m.remoteAddress || ''}</dd>
        <dt>${t('hl7.inbound.received')}</dt><dd>${when(this.ctx, m.receivedMs)}</dd>
        <dt>${t('hl7.inbound.completed')}</dt><dd>${when(this.ctx, m.completedMs)}</dd>
        <dt>${t('hl7.inbound.attempts')}</dt><dd>${this.ctx.fmt.number(m.attempts)}</dd>
        ${m.outcome ? html`<dt>${t('hl7.inbound.outcome')}</dt><dd>${m.outcome}</dd>` : ''}
        ${m.editedBy ? html`<dt>${t('hl7.inbound.edited')}</dt><dd>${t('hl7.inbound.edited-by',
          { user: m.editedBy, time: when(this.ctx, m.editedMs) })}</dd>` : ''}
      </dl>
      ${m.error ? html`<h3>${t('hl7.inbound.error')}</h3><pre id="hl7-error">${m.error}</pre>` : ''}
      <h3>${t('hl7.inbound.raw')}</h3>
      <pre id="hl7-raw" tabindex="0" aria-label=${t('hl7.inbound.raw')}>${segments(m.rawText)}</pre>
      ${m.originalText && m.originalText !== m.rawText ? html`<h3>${t('hl7.inbound.original')}</h3>
        <pre tabindex="0" aria-label=${t('hl7.inbound.original')}>${segments(m.originalText)}</pre>` : ''}
      ${m.ackText ? html`<h3>${t('hl7.inbound.ack')}</h3>
        <pre id="hl7-ack" tabindex="0" aria-label=${t('hl7.inbound.ack')}>${segments(m.ackText)}</pre>` : ''}
      ${this.repairForm(m)}
      <div class="hl7-actions"><button type="button" class="button button-quiet" @click=${() => this.close()}>${t('hl7.close')}</button></div>
    </section>`;
  }

  update() {
    const { t } = this.ctx;
    const items = this.page ? this.page.items : [];
    const current = this.message && this.message.id;
    render(html`<div class="page hl7-page">
      <h1 tabindex="-1">${t('hl7.page.inbound')}</h1>
      <form id="hl7-filter" aria-label=${t('hl7.filter')} @submit=${(e) => this.filter(e)}>
        <div class="hl7-fields">
          <label>${t('hl7.inbound.status')}<select name="status">
            <option value="">${t('hl7.any')}</option>
            ${STATUSES.map((s) => html`<option value=${s}>${t(`hl7.status.${s}`)}</option>`)}</select></label>
          <label>${t('hl7.inbound.type')}<input name="type" autocomplete="off" spellcheck="false"
            aria-describedby="hl7-type-hint"></label>
          <label>${t('hl7.inbound.sender')}<input name="sender" autocomplete="off" spellcheck="false"
            aria-describedby="hl7-sender-hint"></label>
          <label>${t('hl7.inbound.control-id')}<input name="controlId" autocomplete="off" spellcheck="false"></label>
        </div>
        <p class="hint hl7-muted"><span id="hl7-type-hint">${t('hl7.inbound.type-hint')}</span>
          <span id="hl7-sender-hint">${t('hl7.inbound.sender-hint')}</span></p>
        <div class="hl7-actions"><button type="submit">${t('hl7.search')}</button></div>
      </form>
      ${alertRegion(this.listError)}
      ${scrollTable(t('hl7.inbound.list'), html`<table id="hl7-messages">
        <caption>${t('hl7.inbound.count', { total: this.ctx.fmt.number(this.page ? this.page.total : 0) })}</caption>
        <thead><tr>
          <th scope="col">${t('hl7.inbound.received')}</th><th scope="col">${t('hl7.inbound.type')}</th>
          <th scope="col">${t('hl7.inbound.sender')}</th><th scope="col">${t('hl7.inbound.control-id')}</th>
          <th scope="col">${t('hl7.inbound.status')}</th><th scope="col">${t('hl7.inbound.error')}</th>
          <th scope="col"><span class="visually-hidden">${t('hl7.actions')}</span></th></tr></thead>
        <tbody>${items.map((m) => html`<tr aria-current=${m.id === current ? 'true' : 'false'}>
          <td>${when(this.ctx, m.receivedMs)}</td><td>${m.messageType}</td><td>${m.sender}</td><td>${m.controlId}</td>
          <td>${t(`hl7.status.${m.status}`)}${m.ackCode ? ` (${m.ackCode})` : ''}</td>
          <td>${m.error ? (m.error.length > 120 ? `${m.error.slice(0, 120)}…` : m.error) : ''}</td>
          <td><button type="button" class="button button-quiet" data-id=${m.id} @click=${() => this.open(m.id)}
            aria-label=${t('hl7.inbound.open-label', { type: m.messageType || '', controlId: m.controlId || '' })}>
            ${t('hl7.open')}</button></td></tr>`)}</tbody></table>`)}
      ${pager(this.ctx, this.page, (n) => this.load(n), t('hl7.inbound.pages'))}
      ${this.detail()}
    </div>`, this);
  }
}

if (!customElements.get('hl7-inbound')) {
  customElements.define('hl7-inbound', Hl7Inbound);
}
