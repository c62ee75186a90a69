// The signed-in user's account: who they are and the change of their own password (POST /auth/password).
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, errorText, focusSoon } from './common.js';

class PlatformAccount extends PlatformPage {
  start() {
    this.error = '';
    this.done = false;
    this.busy = false;
    this.update();
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
    </div>`, this);
  }
}

if (!customElements.get('platform-account')) {
  customElements.define('platform-account', PlatformAccount);
}
