// Outbound feeds (/api/v1/hl7/outbound): each feed's queue in counts, the messages filtered by feed and delivery
// state, one message with its text and ACK, and a retry for users holding hl7.outbound.retry.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { Hl7Page, alertRegion, can, errorText, focusSoon, pager, scrollTable, segments, when } from './common.js';

const SIZE = 20;
const STATUSES = ['PENDING', 'FAILED', 'SENT'];

class Hl7Outbound extends Hl7Page {
  start() {
    this.query = {};
    this.queues = null;
    this.queuesError = '';
    this.page = null;
    this.listError = '';
    this.message = null;
    this.detailError = '';
    this.retryError = '';
    this.busy = false;
    this.update();
    this.refresh();
  }

  refresh() {
    this.loadQueues();
    this.load(this.page ? this.page.page : 0);
  }

  async loadQueues() {
    try {
      this.queues = await this.ctx.api.get('/hl7/outbound/queues');
      this.queuesError = '';
    } catch (e) {
      this.queuesError = errorText(this.ctx, e);
    }
    this.update();
  }

  async load(n) {
    try {
      this.page = await this.ctx.api.get('/hl7/outbound', { ...this.query, page: n, size: SIZE });
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
    if (f.feed.value.trim()) {
      q.feed = f.feed.value.trim();
    }
    if (f.status.value) {
      q.status = f.status.value;
    }
    this.query = q;
    this.load(0);
  }

  /** Shows one feed's messages in a state, from the queue summary. */
  show(feed, status) {
    this.query = status ? { feed, status } : { feed };
    const form = this.querySelector('#hl7-outbound-filter');
    form.elements.feed.value = feed;
    form.elements.status.value = status || '';
    this.load(0).then(() => focusSoon(this, '#hl7-outbound-list'));
  }

  open(id) {
    this.retryError = '';
    return this.openMessage(`/hl7/outbound/${encodeURIComponent(id)}`, '#hl7-out-detail-heading',
      '#hl7-out-detail-error');
  }

  async retry() {
    const id = this.message.id;
    this.busy = true;
    this.retryError = '';
    this.update();
    try {
      this.message = await this.ctx.api.post(`/hl7/outbound/${encodeURIComponent(id)}/retry`, {});
      this.ctx.notify(this.ctx.t('hl7.outbound.retried', { id }), 'success');
      this.refresh();
    } catch (e) {
      this.retryError = errorText(this.ctx, e);
      focusSoon(this, '#hl7-retry-error');
    } finally {
      this.busy = false;
      this.update();
    }
  }

  status(s) {
    return STATUSES.includes(s) ? this.ctx.t(`hl7.status.${s}`) : s;
  }

  queuesView() {
    const { t, fmt } = this.ctx;
    if (this.queues && !this.queues.length) {
      return html`<p>${t('hl7.outbound.no-queues')}</p>`;
    }
    return scrollTable(t('hl7.outbound.queues'), html`<table id="hl7-queues">
      <caption>${t('hl7.outbound.queues')}</caption>
      <thead><tr><th scope="col">${t('hl7.outbound.feed')}</th><th scope="col">${t('hl7.status.PENDING')}</th>
        <th scope="col">${t('hl7.status.FAILED')}</th><th scope="col">${t('hl7.status.SENT')}</th>
        <th scope="col">${t('hl7.outbound.oldest-pending')}</th><th scope="col">${t('hl7.outbound.last-sent')}</th>
        <th scope="col"><span class="visually-hidden">${t('hl7.actions')}</span></th></tr></thead>
      <tbody>${(this.queues || []).map((q) => html`<tr>
        <th scope="row">${q.feed}</th><td>${fmt.number(q.pending)}</td>
        <td>${q.failed ? html`<strong>${fmt.number(q.failed)}</strong>` : fmt.number(0)}</td>
        <td>${fmt.number(q.sent)}</td><td>${when(this.ctx, q.oldestPendingMs)}</td><td>${when(this.ctx, q.lastSentMs)}</td>
        <td class="hl7-actions">
          <button type="button" class="button button-quiet" aria-label=${t('hl7.outbound.show-all-label', { feed: q.feed })}
            @click=${() => this.show(q.feed, '')}>${t('hl7.outbound.show-all')}</button>
          ${q.failed ? html`<button type="button" class="button button-quiet" aria-label=${t('hl7.outbound.show-failed-label', { feed: q.feed })}
            @click=${() => this.show(q.feed, 'FAILED')}>${t('hl7.outbound.show-failed')}</button>` : ''}
        </td></tr>`)}</tbody></table>`);
  }

  detail() {
    const { t, fmt } = this.ctx;
    if (this.detailError) {
      return html`<p class="alert alert-error hl7-alert" role="alert" id="hl7-out-detail-error" tabindex="-1">${this.detailError}</p>`;
    }
    const m = this.message;
    if (!m) {
      return '';
    }
    const retryable = (m.status === 'FAILED' || m.status === 'PENDING') && m.messageText
      && can(this.ctx, 'hl7.outbound.retry');
    return html`<section id="hl7-out-detail" class="hl7-panel" aria-labelledby="hl7-out-detail-heading">
      <h2 id="hl7-out-detail-heading" tabindex="-1">${t('hl7.outbound.detail',
        { type: m.messageType || m.eventType || '', id: m.id })}</h2>
      <dl class="facts hl7-facts">
        <dt>${t('hl7.outbound.feed')}</dt><dd>${m.feed}</dd>
        <dt>${t('hl7.outbound.status')}</dt><dd>${this.status(m.status)} ${m.ackCode ? `(${m.ackCode})` : ''}</dd>
        <dt>${t('hl7.outbound.event')}</dt><dd>${m.eventType} <code>${m.eventId}</code></dd>
        <dt>${t('hl7.outbound.patient')}</dt><dd>${m.patientKey || ''}${m.relatedKey ? ` / ${m.relatedKey}` : ''}</dd>
        <dt>${t('hl7.outbound.control-id')}</dt><dd>${m.controlId || ''} ${m.version || ''}</dd>
        <dt>${t('hl7.outbound.occurred')}</dt><dd>${when(this.ctx, m.occurredMs)}</dd>
        <dt>${t('hl7.outbound.attempts')}</dt><dd>${fmt.number(m.attempts)}</dd>
        ${m.status === 'PENDING' ? html`<dt>${t('hl7.outbound.next-attempt')}</dt>
          <dd>${when(this.ctx, m.nextAttemptMs)}</dd>` : ''}
        ${m.sentMs ? html`<dt>${t('hl7.outbound.sent')}</dt><dd>${when(this.ctx, m.sentMs)}</dd>` : ''}
      </dl>
      ${m.lastError ? html`<h3>${t('hl7.outbound.last-error')}</h3><pre>${m.lastError}</pre>` : ''}
      ${m.messageText ? html`<h3>${t('hl7.outbound.message')}</h3>
        <pre id="hl7-out-text" tabindex="0" aria-label=${t('hl7.outbound.message')}>${segments(m.messageText)}</pre>` : ''}
      ${m.ackText ? html`<h3>${t('hl7.outbound.ack')}</h3>
        <pre tabindex="0" aria-label=${t('hl7.outbound.ack')}>${segments(m.ackText)}</pre>` : ''}
      <p class="alert alert-error hl7-alert" role="alert" id="hl7-retry-error" tabindex="-1" ?hidden=${!this.retryError}>${this.retryError}</p>
      <div class="hl7-actions">
        ${retryable ? html`<button type="button" class="button button-quiet" id="hl7-retry" ?disabled=${this.busy} @click=${() => this.retry()}>
          ${t('hl7.outbound.retry')}</button>` : ''}
        <button type="button" class="button button-quiet" @click=${() => this.close()}>${t('hl7.close')}</button>
      </div>
    </section>`;
  }

  update() {
    const { t, fmt } = this.ctx;
    const items = this.page ? this.page.items : [];
    const current = this.message && this.message.id;
    render(html`<div class="page hl7-page">
      <h1 tabindex="-1">${t('hl7.page.outbound')}</h1>
      <section aria-labelledby="hl7-queues-heading">
        <h2 id="hl7-queues-heading">${t('hl7.outbound.queues')}</h2>
        <div class="hl7-actions"><button type="button" class="button button-quiet" id="hl7-outbound-refresh" @click=${() => this.refresh()}>
          ${t('hl7.refresh')}</button></div>
        ${alertRegion(this.queuesError)}
        ${this.queuesView()}
      </section>
      <h2 id="hl7-outbound-messages-heading">${t('hl7.outbound.messages')}</h2>
      <form id="hl7-outbound-filter" aria-labelledby="hl7-outbound-messages-heading" @submit=${(e) => this.filter(e)}>
        <div class="hl7-fields">
          <label>${t('hl7.outbound.feed')}<input name="feed" list="hl7-feed-names" autocomplete="off"
            spellcheck="false"></label>
          <datalist id="hl7-feed-names">${(this.queues || []).map((q) => html`<option value=${q.feed}></option>`)}</datalist>
          <label>${t('hl7.outbound.status')}<select name="status">
            <option value="">${t('hl7.any')}</option>
            ${STATUSES.map((s) => html`<option value=${s}>${t(`hl7.status.${s}`)}</option>`)}</select></label>
        </div>
        <div class="hl7-actions"><button type="submit">${t('hl7.search')}</button></div>
      </form>
      ${alertRegion(this.listError)}
      ${scrollTable(t('hl7.outbound.messages'), html`<table id="hl7-outbound-list" tabindex="-1">
        <caption>${t('hl7.outbound.count', { total: fmt.number(this.page ? this.page.total : 0) })}</caption>
        <thead><tr>
          <th scope="col">${t('hl7.outbound.occurred')}</th><th scope="col">${t('hl7.outbound.feed')}</th>
          <th scope="col">${t('hl7.outbound.type')}</th><th scope="col">${t('hl7.outbound.control-id')}</th>
          <th scope="col">${t('hl7.outbound.status')}</th><th scope="col">${t('hl7.outbound.attempts')}</th>
          <th scope="col">${t('hl7.outbound.last-error')}</th>
          <th scope="col"><span class="visually-hidden">${t('hl7.actions')}</span></th></tr></thead>
        <tbody>${items.map((m) => html`<tr aria-current=${m.id === current ? 'true' : 'false'}>
          <td>${when(this.ctx, m.occurredMs)}</td><td>${m.feed}</td><td>${m.messageType || m.eventType}</td>
          <td>${m.controlId || ''}</td><td>${this.status(m.status)}${m.ackCode ? ` (${m.ackCode})` : ''}</td>
          <td>${fmt.number(m.attempts)}</td>
          <td>${m.lastError ? (m.lastError.length > 120 ? `${m.lastError.slice(0, 120)}…` : m.lastError) : ''}</td>
          <td><button type="button" class="button button-quiet" data-id=${m.id} @click=${() => this.open(m.id)}
            aria-label=${t('hl7.outbound.open-label', { type: m.messageType || m.eventType || '', id: m.id })}>
            ${t('hl7.open')}</button></td></tr>`)}</tbody></table>`)}
      ${pager(this.ctx, this.page, (n) => this.load(n), t('hl7.outbound.pages'))}
      ${this.detail()}
    </div>`, this);
  }
}

if (!customElements.get('hl7-outbound')) {
  customElements.define('hl7-outbound', Hl7Outbound);
}
