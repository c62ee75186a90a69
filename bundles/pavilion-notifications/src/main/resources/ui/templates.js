// The templates part of /notifications/rules: templates per key, channel and language (GET /templates), an editor
// (PUT /templates/{id}, POST /templates) and a live preview of the text being written (POST /previews with the
// event type's sample fields) whose 422 problems (a field the event lacks, a clinical field in a rule without
// clinical detail, a template that does not compile) are listed inline, one by one.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, errorText, formValues, can, focusSoon } from '/ui/shell/kit.js';
import { BASE, CHANNELS, LANGUAGES, EVENT_TYPES, label, listOf, eventName, fieldErrors, fieldError } from './common.js';

/** How long typing pauses before the preview is asked again. */
const PREVIEW_PAUSE_MS = 400;

export class TemplatesPanel {
  /** host: the rules page (ctx, paint(), events); keys(): the template keys the rules name. */
  constructor(host, keys) {
    this.host = host;
    this.keys = keys;
    this.filter = {};
    this.items = [];
    this.previewSeq = 0;
  }

  get ctx() {
    return this.host.ctx;
  }

  async load() {
    const asked = (this.loads = (this.loads || 0) + 1);
    try {
      const answer = await this.ctx.api.get(`${BASE}/templates`, { ...this.filter, page: 0, size: 200 });
      if (asked !== this.loads) return;
      this.items = listOf(answer);
      this.error = '';
    } catch (err) {
      if (asked !== this.loads) return;
      this.error = errorText(this.ctx, err);
    }
    this.host.paint();
  }

  applyFilter(event) {
    event.preventDefault();
    this.filter = formValues(event.target);
    this.load();
  }

  /** The event type whose fields a template key sees: the first rule naming the key. */
  eventOf(key) {
    const rule = (this.host.rules || []).find((r) => r.templateKey === key);
    return rule ? rule.eventType : '';
  }

  edit(template) {
    this.editing = template ? { ...template }
      : { templateKey: this.filter.key || '', channel: this.filter.channel || 'EMAIL', language: 'en' };
    this.editing.eventType = this.eventOf(this.editing.templateKey) || EVENT_TYPES[0];
    this.saveError = '';
    this.saveErrors = {};
    this.preview = null;
    this.previewError = '';
    this.previewProblems = [];
    this.host.paint();
    focusSoon(this.host, '#nt-template-form-title');
    this.runPreview();
  }

  /** The editor's current values, read from the form. */
  draft() {
    const form = this.host.querySelector('#nt-template-form');
    const v = form ? formValues(form) : {};
    return { ...this.editing, ...v, subject: v.subject || null, body: (form && form.elements.body.value) || '' };
  }

  changed() {
    this.editing = this.draft();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runPreview(), PREVIEW_PAUSE_MS);
  }

  async runPreview() {
    if (!this.editing) return;
    const d = this.editing;
    const asked = ++this.previewSeq;
    try {
      const answer = await this.ctx.api.post(`${BASE}/previews`, { eventType: d.eventType, templateKey: d.templateKey,
        channel: d.channel, language: d.language, subject: d.channel === 'EMAIL' ? d.subject : null, body: d.body,
        clinicalDetail: (this.host.rules || []).some((r) => r.templateKey === d.templateKey && r.clinicalDetail) });
      if (asked !== this.previewSeq) return;
      this.preview = answer || {};
      this.previewError = '';
      this.previewProblems = [];
    } catch (err) {
      if (asked !== this.previewSeq) return;
      this.preview = null;
      this.previewError = errorText(this.ctx, err);
      this.previewProblems = Object.entries(fieldErrors(err)).map(([field, text]) => (field ? `${field}: ${text}` : text));
    }
    this.host.paint();
  }

  async save(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const d = this.draft();
    const body = { templateKey: d.templateKey, channel: d.channel, language: d.language,
      subject: d.channel === 'EMAIL' ? d.subject : null, body: d.body, version: d.version };
    this.saveError = '';
    this.saveErrors = {};
    try {
      if (d.id) {
        await ctx.api.put(`${BASE}/templates/${encodeURIComponent(d.id)}`, body);
      } else {
        await ctx.api.post(`${BASE}/templates`, body);
      }
      ctx.notify(ctx.t('notifications.template.saved'), 'success');
      this.editing = null;
      await this.load();
      return;
    } catch (err) {
      this.saveErrors = fieldErrors(err);
      this.saveError = errorText(ctx, err);
      this.editing = d;
    }
    this.host.paint();
  }

  editor() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const d = this.editing;
    if (!d) return nothing;
    const e = this.saveErrors || {};
    const manage = can(ctx, 'notifications.rules.manage');
    const events = this.host.events || EVENT_TYPES;
    return html`<section class="nt-panel card nt-editor" aria-labelledby="nt-template-form-title">
      <h3 id="nt-template-form-title" tabindex="-1">${d.id ? t('notifications.template.editTitle', {
        key: d.templateKey, channel: label(ctx, 'channel', d.channel), language: d.language })
        : t('notifications.template.newTitle')}</h3>
      <form id="nt-template-form" class="form" novalidate @submit=${(ev) => this.save(ev)}
        @input=${() => this.changed()} @change=${() => this.changed()}>
        <div class="field-row">
          <div class="field"><label for="nt-template-key">${t('notifications.col.template')}</label>
            <input id="nt-template-key" name="templateKey" required .value=${d.templateKey || ''} ?readonly=${!!d.id}
              aria-describedby="nt-template-key-error">${fieldError('nt-template-key-error', e.templateKey)}</div>
          <div class="field"><label for="nt-template-channel">${t('notifications.col.channel')}</label>
            <select id="nt-template-channel" name="channel" ?disabled=${!!d.id}>
              ${[...new Set([...CHANNELS, d.channel])].map((c) => html`<option value=${c} ?selected=${d.channel === c}>
                ${label(ctx, 'channel', c)}</option>`)}</select>
            ${fieldError('nt-template-channel-error', e.channel)}</div>
          <div class="field"><label for="nt-template-language">${t('notifications.col.language')}</label>
            <input id="nt-template-language" name="language" required .value=${d.language || ''} ?readonly=${!!d.id}
              aria-describedby="nt-template-language-hint nt-template-language-error">
            <p class="hint" id="nt-template-language-hint">${t('notifications.template.languageHint')}</p>
            ${fieldError('nt-template-language-error', e.language)}</div>
        </div>
        ${d.channel === 'EMAIL' ? html`<div class="field"><label for="nt-template-subject">${t('notifications.template.subject')}</label>
          <input id="nt-template-subject" name="subject" .value=${d.subject || ''} ?readonly=${!manage}
            aria-describedby="nt-template-subject-error">${fieldError('nt-template-subject-error', e.subject)}</div>` : nothing}
        <div class="field"><label for="nt-template-body">${t('notifications.template.body')}</label>
          <textarea id="nt-template-body" name="body" rows="8" .value=${d.body || ''} ?readonly=${!manage}
            aria-describedby="nt-template-body-hint nt-template-body-error"></textarea>
          <p class="hint" id="nt-template-body-hint">${t('notifications.template.bodyHint')}</p>
          ${fieldError('nt-template-body-error', e.body)}</div>
        <div class="field"><label for="nt-template-event">${t('notifications.template.previewEvent')}</label>
          <select id="nt-template-event" name="eventType">${events.map(eventName).map((ev) => html`
            <option value=${ev} ?selected=${d.eventType === ev}>${label(ctx, 'event', ev)}</option>`)}</select></div>
        ${alertRegion(this.saveError, 'nt-template-save-error')}
        <div class="nt-actions">
          ${manage ? html`<button type="submit" class="button">${t('notifications.save')}</button>` : nothing}
          <button type="button" class="button button-quiet" @click=${() => this.runPreview()}>
            ${t('notifications.template.previewNow')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.editing = null; this.host.paint(); }}>
            ${t('notifications.close')}</button></div>
      </form>
      <section id="nt-preview" aria-labelledby="nt-preview-title" aria-live="polite">
        <h4 id="nt-preview-title">${t('notifications.template.preview')}</h4>
        ${alertRegion(this.previewError, 'nt-preview-error')}
        <ul class="nt-problems" id="nt-preview-problems" ?hidden=${!(this.previewProblems || []).length}>
          ${(this.previewProblems || []).map((p) => html`<li>${p}</li>`)}</ul>
        ${this.preview ? html`${this.preview.subject ? html`<p id="nt-preview-subject"><strong>${t(
          'notifications.template.subject')}:</strong> ${this.preview.subject}</p>` : nothing}
          <pre class="nt-text" id="nt-preview-body">${this.preview.body || this.preview.text || ''}</pre>` : nothing}
      </section>
    </section>`;
  }

  view() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const f = this.filter;
    const manage = can(ctx, 'notifications.rules.manage');
    return html`<section class="nt-panel" aria-labelledby="nt-templates-heading">
      <h2 id="nt-templates-heading">${t('notifications.templates.heading')}</h2>
      <form id="nt-templates-filter" class="form" @submit=${(e) => this.applyFilter(e)}>
        <div class="field-row">
          <div class="field"><label for="nt-templates-key">${t('notifications.col.template')}</label>
            <select id="nt-templates-key" name="key"><option value="">${t('notifications.any')}</option>
              ${this.keys().map((k) => html`<option value=${k} ?selected=${f.key === k}>${k}</option>`)}</select></div>
          <div class="field"><label for="nt-templates-channel">${t('notifications.col.channel')}</label>
            <select id="nt-templates-channel" name="channel"><option value="">${t('notifications.any')}</option>
              ${CHANNELS.map((c) => html`<option value=${c} ?selected=${f.channel === c}>${label(ctx, 'channel', c)}</option>`)}
            </select></div>
          <div class="field"><label for="nt-templates-language">${t('notifications.col.language')}</label>
            <select id="nt-templates-language" name="language"><option value="">${t('notifications.any')}</option>
              ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${f.language === l}>${l}</option>`)}</select></div>
        </div>
        <div class="nt-actions"><button type="submit" class="button">${t('notifications.filter.apply')}</button>
          ${manage ? html`<button type="button" class="button button-quiet" id="nt-template-new"
            @click=${() => this.edit(null)}>${t('notifications.template.new')}</button>` : nothing}</div>
      </form>
      ${alertRegion(this.error, 'nt-templates-error')}
      ${this.editor()}
      ${scrollTable(t('notifications.templates.caption'), html`<table id="nt-templates-table">
        <caption>${t('notifications.templates.caption')}</caption>
        <thead><tr><th scope="col">${t('notifications.col.template')}</th><th scope="col">${t('notifications.col.channel')}</th>
          <th scope="col">${t('notifications.col.language')}</th><th scope="col">${t('notifications.template.subject')}</th>
          <th scope="col">${t('notifications.col.actions')}</th></tr></thead>
        <tbody>${this.items.length ? this.items.map((tp) => html`<tr data-id=${tp.id}>
          <td>${tp.templateKey}</td><td>${label(ctx, 'channel', tp.channel)}</td><td>${tp.language}</td>
          <td>${tp.subject || ''}</td>
          <td><button type="button" class="button button-quiet nt-template-open"
            aria-label=${t('notifications.template.openFor', { key: tp.templateKey, channel: label(ctx, 'channel',
              tp.channel), language: tp.language })} @click=${() => this.edit(tp)}>
            ${manage ? t('notifications.edit') : t('notifications.open')}</button></td></tr>`)
          : html`<tr><td colspan="5">${t('notifications.templates.empty')}</td></tr>`}</tbody></table>`)}
    </section>`;
  }
}
