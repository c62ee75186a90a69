// /notifications/contact: the signed-in staff member's own alert contact (GET/PUT /me/contact): the e-mail address
// and phone number alerts reach (a critical result, a stock alert) and the language they are written in. A 422 puts
// each field's reason under that field.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText, formValues, focusSoon } from '/ui/shell/kit.js';
import { BASE, LANGUAGES, useStyles, fieldErrors, fieldError, when } from './common.js';

class NotificationsContact extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.contact = null;
    this.errors = {};
    useStyles();
    this.paint();
    this.load();
  }

  async load() {
    try {
      this.contact = await this._ctx.api.get(`${BASE}/me/contact`);
      this.error = '';
    } catch (err) {
      // No contact recorded yet reads as an empty form.
      if (err && err.status === 404) {
        this.contact = {};
      } else {
        this.error = errorText(this._ctx, err);
      }
    }
    this.loaded = true;
    this.paint();
  }

  async save(event) {
    event.preventDefault();
    const ctx = this._ctx;
    const v = formValues(event.target);
    this.saving = true;
    this.error = '';
    this.errors = {};
    this.paint();
    try {
      this.contact = await ctx.api.put(`${BASE}/me/contact`, { email: v.email || null, phone: v.phone || null,
        language: v.language || null }) || v;
      ctx.notify(ctx.t('notifications.contact.saved'), 'success');
    } catch (err) {
      this.errors = err && err.status === 422 ? fieldErrors(err) : {};
      this.error = errorText(ctx, err);
      focusSoon(this, '#nt-contact-error');
    }
    this.saving = false;
    this.paint();
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const c = this.contact || {};
    const e = this.errors || {};
    render(html`<div class="page">
      <h1>${t('notifications.page.contact')}</h1>
      <p>${t('notifications.contact.intro')}</p>
      ${alertRegion(this.error, 'nt-contact-error')}
      ${this.loaded ? html`<form id="nt-contact-form" class="form" novalidate @submit=${(ev) => this.save(ev)}>
        <div class="field"><label for="nt-contact-email">${t('notifications.contact.email')}</label>
          <input id="nt-contact-email" name="email" type="email" autocomplete="email" .value=${c.email || ''}
            aria-invalid=${e.email ? 'true' : 'false'} aria-describedby="nt-contact-email-error">
          ${fieldError('nt-contact-email-error', e.email)}</div>
        <div class="field"><label for="nt-contact-phone">${t('notifications.contact.phone')}</label>
          <input id="nt-contact-phone" name="phone" type="tel" autocomplete="tel" .value=${c.phone || ''}
            aria-invalid=${e.phone ? 'true' : 'false'} aria-describedby="nt-contact-phone-hint nt-contact-phone-error">
          <p class="hint" id="nt-contact-phone-hint">${t('notifications.contact.phoneHint')}</p>
          ${fieldError('nt-contact-phone-error', e.phone)}</div>
        <div class="field"><label for="nt-contact-language">${t('notifications.contact.language')}</label>
          <select id="nt-contact-language" name="language" aria-describedby="nt-contact-language-error">
            <option value="">${t('notifications.contact.languageDefault')}</option>
            ${[...new Set([...LANGUAGES, ...(c.language ? [c.language] : [])])].map((l) => html`<option value=${l}
              ?selected=${c.language === l}>${t(`notifications.language.${l}`) === `notifications.language.${l}` ? l
              : t(`notifications.language.${l}`)}</option>`)}
          </select>
          ${fieldError('nt-contact-language-error', e.language)}</div>
        ${c.updatedAt || c.updatedMs ? html`<p id="nt-contact-updated">${t('notifications.contact.updated', {
          when: when(ctx, c.updatedAt, c.updatedMs), by: c.updatedBy || '' })}</p>` : ''}
        <div class="nt-actions"><button type="submit" class="button" ?disabled=${this.saving}>
          ${t('notifications.contact.save')}</button></div>
      </form>` : html`<p role="status">${t('notifications.loading')}</p>`}
    </div>`, this);
  }
}

if (!customElements.get('notifications-contact')) {
  customElements.define('notifications-contact', NotificationsContact);
}
