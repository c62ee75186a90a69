// Patient portal: own demographics (read-only: the front desk changes them) and contact details and preferences.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalPage, targetPatient, errorText, codeLabel } from './common.js';

const CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'];
const LANGUAGES = ['en', 'fr'];
const PHONE_FIELDS = 2;
/** The phone shape the EMR accepts (DemographicRules.PHONE, which also wants six digits). */
const PHONE = /^\+?[0-9 ()./-]{6,32}$/;

class EmrPortalProfile extends PortalPage {
  async load() {
    const ctx = this.ctx;
    await this.loadFor(targetPatient(ctx), async (patient) => {
      const person = await ctx.api.get(`/emr/patients/${encodeURIComponent(patient)}`);
      // Contact preferences belong to the account's own record only (the endpoint takes no id).
      const own = ctx.caller && ctx.caller.patientId && (patient === ctx.caller.patientId
        || person.redirectedFrom === ctx.caller.patientId || person.mrn === ctx.caller.patientId);
      const contact = own ? await ctx.api.get('/emr/portal/contact') : null;
      return { person, contact };
    });
  }

  draw() {
    const s = this.state;
    render(this.frame('portal-profile', 'emr.portal.profile.title', html`
      ${s.person ? this.demographics(s.person) : nothing}
      ${s.contact ? this.contactForm(s.contact) : nothing}`), this);
  }

  demographics(p) {
    const ctx = this.ctx;
    const address = p.address ? [p.address.line, [p.address.postalCode, p.address.city].filter(Boolean).join(' '),
      p.address.country].filter(Boolean).join(', ') : '';
    const row = (label, value) => html`<div class="portal-field"><dt>${label}</dt><dd>${value || '—'}</dd></div>`;
    return html`<section class="portal-section" aria-labelledby="portal-identity-h">
      <h2 id="portal-identity-h">${ctx.t('emr.portal.profile.identity')}</h2>
      <dl class="portal-fields">
        ${row(ctx.t('emr.portal.profile.name'), `${p.givenName} ${p.familyName}`)}
        ${row(ctx.t('emr.portal.profile.mrn'), p.mrn)}
        ${row(ctx.t('emr.portal.profile.birthDate'), p.birthDate ? ctx.fmt.date(p.birthDate) : '')}
        ${row(ctx.t('emr.portal.profile.sex'), codeLabel(ctx, 'sex', p.sex))}
        ${row(ctx.t('emr.portal.profile.address'), address)}
      </dl>
      <p class="portal-hint">${ctx.t('emr.portal.profile.identity.hint')}</p>
    </section>`;
  }

  contactForm(c) {
    const ctx = this.ctx;
    const s = this.state;
    const canChange = ctx.caller.can('emr.portal.contact-own');
    const phones = [...(c.phones || [])];
    while (phones.length < PHONE_FIELDS) {
      phones.push('');
    }
    const languages = LANGUAGES.includes(c.preferredLanguage) || !c.preferredLanguage
      ? LANGUAGES : [...LANGUAGES, c.preferredLanguage];
    return html`<section class="portal-section" aria-labelledby="portal-contact-h">
      <h2 id="portal-contact-h">${ctx.t('emr.portal.profile.contact')}</h2>
      <form id="portal-contact" class="portal-form" novalidate @submit=${(e) => this.save(e)}>
        <fieldset ?disabled=${!canChange || s.saving}>
          <legend class="portal-visually-hidden">${ctx.t('emr.portal.profile.contact')}</legend>
          ${phones.map((ph, i) => html`<div class="form-field">
            <label for="portal-phone-${i}">${ctx.t(i === 0 ? 'emr.portal.profile.phone'
              : 'emr.portal.profile.phone2')}</label>
            <input id="portal-phone-${i}" name="phones" type="tel"
              aria-invalid=${s.invalid === `portal-phone-${i}` ? 'true' : 'false'}
              aria-describedby=${s.invalid === `portal-phone-${i}` ? 'portal-contact-error' : nothing} autocomplete=${i === 0 ? 'tel' : 'off'}
              inputmode="tel" maxlength="32" .value=${ph}>
          </div>`)}
          <div class="form-field">
            <label for="portal-email">${ctx.t('emr.portal.profile.email')}</label>
            <input id="portal-email" name="email" type="email"
              aria-invalid=${s.invalid === 'portal-email' ? 'true' : 'false'}
              aria-describedby=${s.invalid === 'portal-email' ? 'portal-contact-error' : nothing} autocomplete="email" maxlength="254"
              .value=${c.email || ''}>
          </div>
          <div class="form-field">
            <label for="portal-channel">${ctx.t('emr.portal.profile.channel')}</label>
            <select id="portal-channel" name="preferredChannel"
              aria-invalid=${s.invalid === 'portal-channel' ? 'true' : 'false'}
              aria-describedby=${s.invalid === 'portal-channel' ? 'portal-contact-error' : nothing}>
              <option value="" ?selected=${!c.preferredChannel}>${ctx.t('emr.portal.channel.none')}</option>
              ${CHANNELS.map((ch) => html`<option value=${ch} ?selected=${c.preferredChannel === ch}>
                ${codeLabel(ctx, 'channel', ch)}</option>`)}
            </select>
          </div>
          <div class="form-field">
            <label for="portal-language">${ctx.t('emr.portal.profile.language')}</label>
            <select id="portal-language" name="preferredLanguage">
              <option value="" ?selected=${!c.preferredLanguage}>${ctx.t('emr.portal.language.none')}</option>
              ${languages.map((l) => html`<option value=${l} ?selected=${c.preferredLanguage === l}>
                ${codeLabel(ctx, 'language', l)}</option>`)}
            </select>
          </div>
          <div id="portal-contact-error" role="alert">${s.saveError || ''}</div>
          <p role="status">${s.saved ? ctx.t('emr.portal.profile.saved') : ''}</p>
          ${canChange ? html`<button type="submit">${ctx.t(s.saving ? 'emr.portal.saving'
            : 'emr.portal.profile.save')}</button>` : html`<p>${ctx.t('emr.portal.profile.readOnly')}</p>`}
        </fieldset>
      </form>
    </section>`;
  }

  /**
   * The checks the server makes too, done first so the patient gets them in their language and at the right
   * field: phone and email shapes, and a preferred channel the hospital can use.
   */
  checkContact(form, body) {
    const phoneInputs = [...form.querySelectorAll('input[name=phones]')];
    const badPhone = phoneInputs.find((i) => i.value.trim() && !PHONE.test(i.value.trim()));
    if (badPhone) {
      return { key: 'emr.portal.profile.error.phone', field: badPhone.id };
    }
    if (form.querySelector('#portal-email').validity.typeMismatch) {
      return { key: 'emr.portal.profile.error.email', field: 'portal-email' };
    }
    const c = body.preferredChannel;
    if (c === 'EMAIL' && !body.email) {
      return { key: 'emr.portal.profile.error.channel-email', field: 'portal-email' };
    }
    if ((c === 'SMS' || c === 'PHONE') && body.phones.length === 0) {
      return { key: 'emr.portal.profile.error.channel-phone', field: 'portal-phone-0' };
    }
    if (c === 'POST' && !(this.state.person.address && this.state.person.address.line)) {
      return { key: 'emr.portal.profile.error.channel-post', field: 'portal-channel' };
    }
    return null;
  }

  async save(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const form = event.target;
    const data = new FormData(form);
    const body = {
      phones: data.getAll('phones').map((p) => p.trim()).filter(Boolean),
      email: (data.get('email') || '').trim() || null,
      preferredChannel: data.get('preferredChannel') || null,
      preferredLanguage: data.get('preferredLanguage') || null,
      version: this.state.contact.version,
    };
    const problem = this.checkContact(form, body);
    if (problem) {
      this.state = { ...this.state, saved: false, saveError: ctx.t(problem.key), invalid: problem.field };
      this.draw();
      this.querySelector(`#${problem.field}`).focus();
      return;
    }
    this.state = { ...this.state, saving: true, saved: false, saveError: '', invalid: null };
    this.draw();
    try {
      const contact = await ctx.api.put('/emr/portal/contact', body);
      this.state = { ...this.state, saving: false, saved: true, contact };
      ctx.notify(ctx.t('emr.portal.profile.saved'), 'success');
    } catch (e) {
      let saveError = errorText(ctx, e);
      let contact = this.state.contact;
      if (e && e.status === 412) {
        // Changed at the front desk meanwhile: show what is stored now, and ask to redo the change.
        saveError = ctx.t('emr.portal.profile.conflict');
        try {
          contact = await ctx.api.get('/emr/portal/contact');
        } catch (ignored) {
          // keep the form as it was; the message says what to do
        }
      }
      this.state = { ...this.state, saving: false, saveError, contact, invalid: null };
    }
    this.draw();
    const focusTarget = this.state.saveError ? this.querySelector('#portal-contact-error')
      : this.querySelector('#portal-contact button[type=submit]');
    if (focusTarget && this.state.saveError) {
      focusTarget.setAttribute('tabindex', '-1');
      focusTarget.focus();
    }
  }
}

if (!customElements.get('emr-portal-profile')) {
  customElements.define('emr-portal-profile', EmrPortalProfile);
}
