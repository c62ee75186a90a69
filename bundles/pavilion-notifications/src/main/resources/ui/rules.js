// /notifications/rules: the rules (GET /rules): which event sends which template to whom on which channel, urgent or
// not, enabled or not (a toggle per row, PUT /rules/{id}), an edit form (PUT /rules/{id}, POST /rules for a new one),
// and below them the templates with their editor and live preview (templates.js). Changes need
// notifications.rules.manage; without it the page only reads.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, errorText, formValues, can, focusSoon } from '/ui/shell/kit.js';
import { BASE, CHANNELS, RECIPIENTS, EVENT_TYPES, useStyles, label, listOf, eventName, fieldErrors, fieldError }
  from './common.js';
import { TemplatesPanel } from './templates.js';

/** A rule's fixed addresses as one line (the API answers a list). */
function addressList(rule) {
  const a = rule.addresses;
  return Array.isArray(a) ? a.join(', ') : a || '';
}

class NotificationsRules extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.rules = [];
    this.events = EVENT_TYPES;
    this.templates = new TemplatesPanel(this, () => this.keys());
    useStyles();
    this.paint();
    this.loadEvents();
    this.load();
    this.templates.load();
  }

  get ctx() {
    return this._ctx;
  }

  get manage() {
    return can(this._ctx, 'notifications.rules.manage');
  }

  async loadEvents() {
    try {
      this.eventCatalogue = listOf(await this._ctx.api.get(`${BASE}/events`));
      const names = this.eventCatalogue.map(eventName).filter(Boolean);
      if (names.length) this.events = names;
    } catch (err) {
      // The contract's event types stay offered.
    }
    this.paint();
  }

  async load() {
    this.busy = true;
    this.paint();
    try {
      this.rules = listOf(await this._ctx.api.get(`${BASE}/rules`, { page: 0, size: 200 }));
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.busy = false;
    this.paint();
  }

  /** The template keys the rules name (the templates panel offers them). */
  keys() {
    return [...new Set(this.rules.map((r) => r.templateKey).filter(Boolean))].sort();
  }

  channels() {
    return [...new Set([...CHANNELS, ...this.rules.map((r) => r.channel).filter(Boolean)])];
  }

  async toggle(rule, enabled) {
    const ctx = this._ctx;
    this.error = '';
    try {
      const saved = await ctx.api.put(`${BASE}/rules/${encodeURIComponent(rule.id)}`, { ...rule, enabled });
      Object.assign(rule, saved || { enabled });
      ctx.notify(ctx.t(enabled ? 'notifications.rule.enabledNow' : 'notifications.rule.disabledNow', { id: rule.id }),
        'success');
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.paint();
  }

  edit(rule) {
    this.editing = rule ? { ...rule } : { enabled: true, recipient: 'PATIENT', channel: 'EMAIL' };
    this.formError = '';
    this.formErrors = {};
    this.paint();
    focusSoon(this, '#nt-rule-form-title');
  }

  async save(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const v = formValues(event.target);
    const form = event.target;
    const body = { ...this.editing, ...v, urgent: form.elements.urgent.checked,
      clinicalDetail: form.elements.clinicalDetail.checked, enabled: form.elements.enabled.checked,
      offsetMinutes: v.offsetMinutes ? Number.parseInt(v.offsetMinutes, 10) : null };
    // The API keeps addresses as a list; the form shows them separated by commas.
    body.addresses = body.recipient === 'ADDRESSES' && v.addresses
      ? v.addresses.split(/[,;\s]+/).filter(Boolean) : null;
    this.formError = '';
    this.formErrors = {};
    try {
      if (this.editing.id) {
        await ctx.api.put(`${BASE}/rules/${encodeURIComponent(this.editing.id)}`, body);
      } else {
        await ctx.api.post(`${BASE}/rules`, body);
      }
      ctx.notify(ctx.t('notifications.rule.saved'), 'success');
      this.editing = null;
      await this.load();
      return;
    } catch (err) {
      this.formErrors = fieldErrors(err);
      this.formError = errorText(ctx, err);
    }
    this.paint();
  }

  form() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const r = this.editing;
    if (!r) return nothing;
    const e = this.formErrors || {};
    const select = (id, name, values, group, current) => html`<select id=${id} name=${name}
      aria-describedby=${`${id}-error`}>${[...new Set([...values, ...(current ? [current] : [])])].map((x) => html`
      <option value=${x} ?selected=${current === x}>${label(ctx, group, x)}</option>`)}</select>`;
    return html`<section class="nt-panel card" aria-labelledby="nt-rule-form-title">
      <h2 id="nt-rule-form-title" tabindex="-1">${r.id ? t('notifications.rule.editTitle', { id: r.id })
        : t('notifications.rule.newTitle')}</h2>
      <form id="nt-rule-form" class="form" novalidate @submit=${(ev) => this.save(ev)}>
        ${r.id ? nothing : html`<div class="field"><label for="nt-rule-id">${t('notifications.rule.id')}</label>
          <input id="nt-rule-id" name="id" required aria-describedby="nt-rule-id-error">
          ${fieldError('nt-rule-id-error', e.id)}</div>`}
        <div class="field-row">
          <div class="field"><label for="nt-rule-event">${t('notifications.col.event')}</label>
            ${select('nt-rule-event', 'eventType', this.events, 'event', r.eventType)}
            ${fieldError('nt-rule-event-error', e.eventType)}</div>
          <div class="field"><label for="nt-rule-recipient">${t('notifications.col.recipient')}</label>
            ${select('nt-rule-recipient', 'recipient', RECIPIENTS, 'recipient', r.recipient)}
            ${fieldError('nt-rule-recipient-error', e.recipient)}</div>
          <div class="field"><label for="nt-rule-channel">${t('notifications.col.channel')}</label>
            ${select('nt-rule-channel', 'channel', this.channels(), 'channel', r.channel)}
            ${fieldError('nt-rule-channel-error', e.channel)}</div>
        </div>
        <div class="field"><label for="nt-rule-addresses">${t('notifications.rule.addresses')}</label>
          <input id="nt-rule-addresses" name="addresses" .value=${addressList(r)}
            aria-describedby="nt-rule-addresses-hint nt-rule-addresses-error">
          <p class="hint" id="nt-rule-addresses-hint">${t('notifications.rule.addressesHint')}</p>
          ${fieldError('nt-rule-addresses-error', e.addresses)}</div>
        <div class="field-row">
          <div class="field"><label for="nt-rule-template">${t('notifications.col.template')}</label>
            <input id="nt-rule-template" name="templateKey" required .value=${r.templateKey || ''}
              aria-describedby="nt-rule-template-error">
            ${fieldError('nt-rule-template-error', e.templateKey)}</div>
          <div class="field"><label for="nt-rule-offset">${t('notifications.rule.offset')}</label>
            <input id="nt-rule-offset" name="offsetMinutes" type="number" min="0" step="1"
              .value=${r.offsetMinutes === null || r.offsetMinutes === undefined ? '' : String(r.offsetMinutes)}
              aria-describedby="nt-rule-offset-hint nt-rule-offset-error">
            <p class="hint" id="nt-rule-offset-hint">${t('notifications.rule.offsetHint')}</p>
            ${fieldError('nt-rule-offset-error', e.offsetMinutes)}</div>
        </div>
        <div class="nt-check"><input id="nt-rule-urgent" name="urgent" type="checkbox" .checked=${!!r.urgent}>
          <label for="nt-rule-urgent">${t('notifications.rule.urgentLong')}</label></div>
        <div class="nt-check"><input id="nt-rule-clinical" name="clinicalDetail" type="checkbox" .checked=${!!r.clinicalDetail}>
          <label for="nt-rule-clinical">${t('notifications.rule.clinicalLong')}</label></div>
        <div class="nt-check"><input id="nt-rule-enabled" name="enabled" type="checkbox" .checked=${r.enabled !== false}>
          <label for="nt-rule-enabled">${t('notifications.rule.enabledLong')}</label></div>
        ${alertRegion(this.formError, 'nt-rule-form-error')}
        <div class="nt-actions"><button type="submit" class="button">${t('notifications.save')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.editing = null; this.paint(); }}>
            ${t('notifications.cancel')}</button></div>
      </form></section>`;
  }

  table() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const manage = this.manage;
    return scrollTable(t('notifications.rules.caption'), html`<table id="nt-rules-table">
      <caption>${t('notifications.rules.caption')}</caption>
      <thead><tr><th scope="col">${t('notifications.col.event')}</th><th scope="col">${t('notifications.col.recipient')}</th>
        <th scope="col">${t('notifications.col.channel')}</th><th scope="col">${t('notifications.col.template')}</th>
        <th scope="col">${t('notifications.col.urgent')}</th><th scope="col">${t('notifications.col.enabled')}</th>
        ${manage ? html`<th scope="col">${t('notifications.col.actions')}</th>` : nothing}</tr></thead>
      <tbody>${this.rules.length ? this.rules.map((r) => html`<tr data-id=${r.id}>
        <td>${label(ctx, 'event', r.eventType)}</td>
        <td>${label(ctx, 'recipient', r.recipient)}${addressList(r) ? html`<br>${addressList(r)}` : nothing}</td>
        <td>${label(ctx, 'channel', r.channel)}</td><td>${r.templateKey}</td>
        <td>${r.urgent ? t('notifications.yes') : t('notifications.no')}</td>
        <td>${manage ? html`<span class="nt-check"><input id="nt-rule-on-${r.id}" type="checkbox" role="switch"
            .checked=${!!r.enabled} @change=${(ev) => this.toggle(r, ev.target.checked)}>
            <label class="visually-hidden" for="nt-rule-on-${r.id}">${t('notifications.rule.enabledFor', { id: r.id })}</label></span>`
          : (r.enabled ? t('notifications.yes') : t('notifications.no'))}</td>
        ${manage ? html`<td><button type="button" class="button button-quiet nt-edit"
          aria-label=${t('notifications.rule.editFor', { id: r.id })} @click=${() => this.edit(r)}>
          ${t('notifications.edit')}</button></td>` : nothing}</tr>`)
        : html`<tr><td colspan="7">${this.busy ? t('notifications.loading') : t('notifications.rules.empty')}</td></tr>`}
      </tbody></table>`);
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page">
      <h1>${t('notifications.page.rules')}</h1>
      <h2 id="nt-rules-heading">${t('notifications.rules.heading')}</h2>
      ${alertRegion(this.error, 'nt-rules-error')}
      ${this.manage ? html`<div class="nt-actions"><button type="button" class="button" id="nt-rule-new"
        @click=${() => this.edit(null)}>${t('notifications.rule.new')}</button></div>` : nothing}
      ${this.form()}
      ${this.table()}
      ${this.templates.view()}
    </div>`, this);
  }
}

if (!customElements.get('notifications-rules')) {
  customElements.define('notifications-rules', NotificationsRules);
}
