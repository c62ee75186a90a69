// /notifications/messages: the delivery log (GET /deliveries) by patient MRN, status, channel, event type and dates;
// one message opens in a panel with its text and every attempt's answer (GET /deliveries/{id}), and a FAILED, BOUNCED
// or CANCELLED one can be sent again (POST /deliveries/{id}/retry) by those holding notifications.deliveries.retry.
// Opened with the state {patientId}, the log starts filtered on that patient.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, scrollTable, errorText, formValues, can, focusSoon } from '/ui/shell/kit.js';
import { BASE, STATUSES, RETRYABLE, CHANNELS, EVENT_TYPES, useStyles, label, listOf, asPage, when, eventName }
  from './common.js';

const SIZE = 25;

/** How many times a message was tried: attemptCount in the log (attempts is the list, in one message's answer). */
function attemptCount(m) {
  if (typeof m.attemptCount === 'number') return m.attemptCount;
  return Array.isArray(m.attempts) ? m.attempts.length : (m.attempts || 0);
}

class NotificationsMessages extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    const state = ctx.state || {};
    this.filter = state.patientId ? { patientId: state.patientId } : {};
    this.channels = CHANNELS;
    useStyles();
    this.paint();
    this.loadChannels();
    this.load(0);
  }

  async loadChannels() {
    try {
      // Installed channels with their queue counts: vendors' channels join the filter.
      const names = listOf(await this._ctx.api.get(`${BASE}/channels`)).map((c) => (typeof c === 'string' ? c
        : c.channel || c.name)).filter(Boolean);
      this.channels = [...new Set([...CHANNELS, ...names])];
      this.paint();
    } catch (err) {
      // The filter keeps the built-in channels; the log itself reports its own errors.
    }
  }

  async load(page) {
    // Only the latest search's answer is shown (a slow first page must not overwrite a filtered one).
    const asked = (this.loads = (this.loads || 0) + 1);
    this.busy = true;
    this.paint();
    try {
      const answer = await this._ctx.api.get(`${BASE}/deliveries`, { ...this.filter, page, size: SIZE });
      if (asked !== this.loads) return;
      this.page = asPage(answer, SIZE);
      this.error = '';
    } catch (err) {
      if (asked !== this.loads) return;
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  applyFilter(event) {
    event.preventDefault();
    this.filter = formValues(event.target);
    this.load(0);
  }

  async open(id) {
    this.detailError = '';
    try {
      this.detail = await this._ctx.api.get(`${BASE}/deliveries/${encodeURIComponent(id)}`);
    } catch (err) {
      this.detail = null;
      this.detailError = errorText(this._ctx, err);
    }
    this.paint();
    focusSoon(this, '#nt-message-title');
  }

  async retry(message) {
    const ctx = this._ctx;
    this.retrying = true;
    this.detailError = '';
    this.paint();
    try {
      await ctx.api.post(`${BASE}/deliveries/${encodeURIComponent(message.id)}/retry`, {});
      ctx.notify(ctx.t('notifications.message.retried'), 'success');
      await this.open(message.id);
      await this.load(this.page ? this.page.page : 0);
    } catch (err) {
      this.detailError = errorText(ctx, err);
    }
    this.retrying = false;
    this.paint();
  }

  recipient(m) {
    return [m.recipientName || m.recipientRef, m.address].filter(Boolean).join(' · ');
  }

  status(m) {
    return html`<span class=${`nt-status nt-status-${String(m.status || '').toLowerCase()}`}>${label(this._ctx,
      'status', m.status)}</span>`;
  }

  panel() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const m = this.detail;
    if (!m && !this.detailError) return nothing;
    if (!m) return html`<section class="nt-panel card" aria-labelledby="nt-message-title">
      <h2 id="nt-message-title" tabindex="-1">${t('notifications.message.title')}</h2>
      ${alertRegion(this.detailError, 'nt-message-error')}</section>`;
    const attempts = m.attempts || [];
    return html`<section id="nt-message" class="nt-panel card" aria-labelledby="nt-message-title" data-id=${m.id}>
      <h2 id="nt-message-title" tabindex="-1">${t('notifications.message.heading', {
        event: label(ctx, 'event', m.eventType), channel: label(ctx, 'channel', m.channel) })}</h2>
      <dl class="facts">
        <dt>${t('notifications.col.status')}</dt><dd id="nt-message-status">${this.status(m)}</dd>
        <dt>${t('notifications.col.recipient')}</dt><dd>${this.recipient(m)}</dd>
        ${m.patientId ? html`<dt>${t('notifications.col.patient')}</dt><dd>${m.patientId}</dd>` : nothing}
        <dt>${t('notifications.col.created')}</dt><dd>${when(ctx, m.createdAt, m.createdMs)}</dd>
        ${m.sentAt || m.sentMs ? html`<dt>${t('notifications.col.sent')}</dt><dd>${when(ctx, m.sentAt, m.sentMs)}</dd>`
          : nothing}
        <dt>${t('notifications.col.language')}</dt><dd>${m.language || ''}</dd>
        ${m.lastAnswer || m.reason ? html`<dt>${t('notifications.message.lastAnswer')}</dt>
          <dd>${m.reason ? label(ctx, 'reason', m.reason) : ''} ${m.lastAnswer || ''}</dd>` : nothing}
      </dl>
      ${m.subject ? html`<h3>${t('notifications.message.subject')}</h3><p id="nt-message-subject">${m.subject}</p>`
        : nothing}
      <h3>${t('notifications.message.text')}</h3>
      <pre class="nt-text" id="nt-message-body">${m.body || ''}</pre>
      ${scrollTable(t('notifications.attempts.caption'), html`<table id="nt-message-attempts">
        <caption>${t('notifications.attempts.caption')}</caption>
        <thead><tr><th scope="col">${t('notifications.attempts.no')}</th><th scope="col">${t('notifications.attempts.at')}</th>
          <th scope="col">${t('notifications.attempts.outcome')}</th><th scope="col">${t('notifications.attempts.answer')}</th>
          <th scope="col">${t('notifications.attempts.actor')}</th></tr></thead>
        <tbody>${attempts.length ? attempts.map((a) => html`<tr>
          <td>${ctx.fmt.number(a.attemptNo)}</td><td>${when(ctx, a.at, a.atMs)}</td>
          <td>${label(ctx, 'outcome', a.outcome)}</td><td>${a.answer || ''}</td><td>${a.actor || ''}</td></tr>`)
          : html`<tr><td colspan="5">${t('notifications.attempts.none')}</td></tr>`}</tbody></table>`)}
      ${alertRegion(this.detailError, 'nt-message-error')}
      <div class="nt-actions">
        ${RETRYABLE.includes(m.status) && can(ctx, 'notifications.deliveries.retry')
          ? html`<button type="button" class="button" id="nt-retry" ?disabled=${this.retrying}
              @click=${() => this.retry(m)}>${t('notifications.message.retry')}</button>` : nothing}
        <button type="button" class="button button-quiet" @click=${() => { this.detail = null; this.paint(); }}>
          ${t('notifications.close')}</button>
      </div>
    </section>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = listOf(this.page);
    return scrollTable(t('notifications.messages.caption'), html`<table id="nt-messages-table">
      <caption>${t('notifications.messages.caption')}</caption>
      <thead><tr><th scope="col">${t('notifications.col.created')}</th><th scope="col">${t('notifications.col.recipient')}</th>
        <th scope="col">${t('notifications.col.channel')}</th><th scope="col">${t('notifications.col.event')}</th>
        <th scope="col">${t('notifications.col.status')}</th><th scope="col">${t('notifications.col.attempts')}</th>
        <th scope="col">${t('notifications.col.actions')}</th></tr></thead>
      <tbody>${items.length ? items.map((m) => html`<tr data-id=${m.id} data-event=${m.eventType}>
        <td>${when(ctx, m.createdAt, m.createdMs)}</td><td>${this.recipient(m)}</td>
        <td>${label(ctx, 'channel', m.channel)}</td><td>${label(ctx, 'event', m.eventType)}</td>
        <td>${this.status(m)}</td><td>${ctx.fmt.number(attemptCount(m))}</td>
        <td><button type="button" class="button button-quiet nt-open"
          aria-label=${t('notifications.message.openFor', { event: label(ctx, 'event', m.eventType),
            when: when(ctx, m.createdAt, m.createdMs) })}
          @click=${() => this.open(m.id)}>${t('notifications.open')}</button></td></tr>`)
        : html`<tr><td colspan="7">${this.busy ? t('notifications.loading') : t('notifications.messages.empty')}</td></tr>`}
      </tbody></table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const f = this.filter;
    render(html`<div class="page">
      <h1>${t('notifications.page.messages')}</h1>
      <form id="nt-messages-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="nt-filter-patient">${t('notifications.filter.patient')}</label>
            <input id="nt-filter-patient" name="patientId" autocomplete="off" .value=${f.patientId || ''}></div>
          <div class="field"><label for="nt-filter-status">${t('notifications.col.status')}</label>
            <select id="nt-filter-status" name="status"><option value="">${t('notifications.any')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${label(ctx, 'status', s)}</option>`)}
            </select></div>
          <div class="field"><label for="nt-filter-channel">${t('notifications.col.channel')}</label>
            <select id="nt-filter-channel" name="channel"><option value="">${t('notifications.any')}</option>
              ${this.channels.map((c) => html`<option value=${c} ?selected=${f.channel === c}>${label(ctx, 'channel', c)}</option>`)}
            </select></div>
          <div class="field"><label for="nt-filter-event">${t('notifications.col.event')}</label>
            <select id="nt-filter-event" name="eventType"><option value="">${t('notifications.any')}</option>
              ${EVENT_TYPES.map(eventName).map((e) => html`<option value=${e} ?selected=${f.eventType === e}>${label(ctx,
                'event', e)}</option>`)}
            </select></div>
          <div class="field"><label for="nt-filter-from">${t('notifications.filter.from')}</label>
            <input id="nt-filter-from" name="from" type="date" .value=${f.from || ''}></div>
          <div class="field"><label for="nt-filter-to">${t('notifications.filter.to')}</label>
            <input id="nt-filter-to" name="to" type="date" .value=${f.to || ''}></div>
        </div>
        <div class="nt-actions"><button type="submit" class="button">${t('notifications.filter.apply')}</button></div>
      </form>
      ${alertRegion(this.error, 'nt-messages-error')}
      ${this.panel()}
      ${this.table()}
      ${pager(ctx, this.page, (n) => this.load(n), t('notifications.messages.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('notifications-messages')) {
  customElements.define('notifications-messages', NotificationsMessages);
}
