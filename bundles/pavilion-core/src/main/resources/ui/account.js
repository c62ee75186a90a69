// The signed-in user's account: who they are, the change of their own password (POST /auth/password) and, for staff,
// two-step sign-in (/auth/totp: enrolment with an authenticator app, confirmation, removal).
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, errorText, focusSoon } from './common.js';

class PlatformAccount extends PlatformPage {
  start() {
    this.error = '';
    this.done = false;
    this.busy = false;
    this.totp = null; // {enrolled, required} once loaded; staff accounts only
    this.enrolment = null; // {secret, otpauthUri} while enrolling
    this.recoveryCodes = null; // shown once after the confirmation
    this.totpError = '';
    this.update();
    if (!this.ctx.caller.patientId) this.loadTotp();
  }

  async loadTotp() {
    try {
      this.totp = await this.ctx.api.get('/auth/totp');
    } catch (e) {
      this.totpError = errorText(this.ctx, e);
    }
    this.update();
  }

  /** Runs one two-step sign-in action; a failure is shown in the section's alert and focused. */
  async totpAction(work, focus) {
    this.totpError = '';
    this.busy = true;
    this.update();
    try {
      await work();
    } catch (e) {
      this.totpError = e && (e.status === 400 || e.status === 403) ? this.ctx.t('platform.totp.wrong') : errorText(this.ctx, e);
      focus = '#totp [role=alert]';
    } finally {
      this.busy = false;
      this.update();
      if (focus) focusSoon(this, focus);
    }
  }

  startEnrolment() {
    this.recoveryCodes = null;
    return this.totpAction(async () => {
      this.enrolment = await this.ctx.api.post('/auth/totp/enrolment', {});
    }, '#totp-code');
  }

  confirm(event) {
    event.preventDefault();
    const code = event.target.elements.code.value.trim();
    return this.totpAction(async () => {
      const r = await this.ctx.api.post('/auth/totp/enrolment/confirm', { code });
      this.enrolment = null;
      this.recoveryCodes = r.recoveryCodes;
      this.totp = { ...this.totp, enrolled: true };
      this.ctx.notify(this.ctx.t('platform.totp.enabled'), 'success');
    }, '#totp-recovery');
  }

  remove(event) {
    event.preventDefault();
    const form = event.target;
    const body = { password: form.elements.password.value, code: form.elements.code.value.trim() };
    return this.totpAction(async () => {
      await this.ctx.api.post('/auth/totp/removal', body);
      this.recoveryCodes = null;
      this.totp = { ...this.totp, enrolled: false };
      this.ctx.notify(this.ctx.t('platform.totp.removed'), 'success');
    }, '#totp-start');
  }

  totpSection() {
    const { t } = this.ctx;
    if (this.ctx.caller.patientId || (!this.totp && !this.totpError)) return '';
    const s = this.totp || {};
    let body;
    if (this.enrolment) {
      body = html`<p>${t('platform.totp.scan')}</p>
        <dl class="facts pv-facts">
          <dt>${t('platform.totp.secret')}</dt><dd><code id="totp-secret">${this.enrolment.secret}</code></dd>
          <dt>${t('platform.totp.uri')}</dt><dd><code id="totp-uri">${this.enrolment.otpauthUri}</code></dd>
        </dl>
        <form id="totp-confirm" @submit=${(e) => this.confirm(e)}>
          <label>${t('platform.totp.code')}
            <input id="totp-code" name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
          <div class="pv-actions"><button type="submit" ?disabled=${this.busy}>${t('platform.totp.confirm')}</button></div>
        </form>`;
    } else if (s.enrolled) {
      body = html`<p>${t('platform.totp.on')}</p>
        ${this.recoveryCodes ? html`<div id="totp-recovery" tabindex="-1">
          <p>${t('platform.totp.recovery')}</p>
          <ul class="pv-codes">${this.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}</ul></div>` : ''}
        <form id="totp-remove" @submit=${(e) => this.remove(e)}>
          <label>${t('platform.account.current')}
            <input name="password" type="password" autocomplete="current-password" required></label>
          <label>${t('platform.totp.code')}
            <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
          <div class="pv-actions"><button type="submit" ?disabled=${this.busy}>${t('platform.totp.remove')}</button></div>
        </form>`;
    } else {
      body = html`<p>${t(s.required ? 'platform.totp.required' : 'platform.totp.off')}</p>
        <div class="pv-actions"><button id="totp-start" type="button" ?disabled=${this.busy}
          @click=${() => this.startEnrolment()}>${t('platform.totp.start')}</button></div>`;
    }
    return html`<section id="totp" aria-labelledby="totp-heading">
      <h2 id="totp-heading">${t('platform.totp.title')}</h2>
      ${body}
      ${alertRegion(this.totpError)}
    </section>`;
  }

  async submit(event) {
    event.preventDefault();
    const form = event.target;
    const current = form.elements.currentPassword.value;
    const next = form.elements.newPassword.value;
    const again = form.elements.confirmPassword.value;
    this.done = false;
    if (next !== again) {
      this.error = this.ctx.t('platform.account.mismatch');
      this.update();
      form.elements.confirmPassword.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.update();
    try {
      await this.ctx.api.post('/auth/password', { currentPassword: current, newPassword: next });
      form.reset();
      this.done = true;
      this.ctx.notify(this.ctx.t('platform.account.changed'), 'success');
    } catch (e) {
      this.error = e && e.status === 403 ? this.ctx.t('platform.account.wrong') : errorText(this.ctx, e);
      focusSoon(this, '#password-change [role=alert]');
    } finally {
      this.busy = false;
      this.update();
    }
  }

  update() {
    const { t, caller } = this.ctx;
    render(html`<div class="page pv-page">
      <h1>${t('platform.page.account')}</h1>
      <dl class="facts pv-facts">
        <dt>${t('platform.account.username')}</dt><dd>${caller.username}</dd>
        <dt>${t('platform.account.roles')}</dt><dd>${[...(caller.roles || [])].join(', ')}</dd>
      </dl>
      <h2 id="password-heading">${t('platform.account.password')}</h2>
      <form id="password-change" aria-labelledby="password-heading" @submit=${(e) => this.submit(e)}>
        <label>${t('platform.account.current')}
          <input name="currentPassword" type="password" autocomplete="current-password" required></label>
        <label>${t('platform.account.new')}
          <input name="newPassword" type="password" autocomplete="new-password" required
            aria-describedby="password-hint"></label>
        <p id="password-hint" class="hint pv-muted">${t('platform.account.hint')}</p>
        <label>${t('platform.account.confirm')}
          <input name="confirmPassword" type="password" autocomplete="new-password" required></label>
        ${alertRegion(this.error)}
        <div role="status">${this.done ? html`<p class="alert alert-success">${t('platform.account.changed')}</p>` : ''}</div>
        <div class="pv-actions"><button type="submit" ?disabled=${this.busy}>${t('platform.account.submit')}</button></div>
      </form>
      ${this.totpSection()}
    </div>`, this);
  }
}

if (!customElements.get('platform-account')) {
  customElements.define('platform-account', PlatformAccount);
}
