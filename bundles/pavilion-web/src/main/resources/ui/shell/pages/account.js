// The signed-in user's account: who they are, and their own change of password (POST /api/v1/auth/password).
import { html, render } from '/ui/lib/lit-html/lit-html.js';

class ShellAccount extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.error = '';
    this.draw();
  }

  get ctx() {
    return this._ctx;
  }

  async submit(e) {
    e.preventDefault();
    const { t, api, notify, problem } = this._ctx;
    const form = e.target;
    const data = new FormData(form);
    this.error = '';
    if (data.get('newPassword') !== data.get('confirmPassword')) {
      this.error = t('shell.account.mismatch');
      this.draw();
      this.querySelector('#password-error').focus();
      return;
    }
    try {
      await api.post('/auth/password', {
        currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword'),
      });
      form.reset();
      notify(t('shell.account.changed'), 'success');
    } catch (err) {
      this.error = problem(err);
      this.querySelector('#password-error').focus();
    }
    this.draw();
  }

  draw() {
    const { t, caller } = this._ctx;
    render(html`<div class="page">
      <h1>${t('shell.page.account')}</h1>
      <dl class="facts">
        <dt>${t('shell.account.username')}</dt><dd>${caller.username}</dd>
        <dt>${t('shell.account.roles')}</dt><dd>${caller.roles.join(', ')}</dd>
      </dl>
      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">${t('shell.account.password')}</h2>
        <form id="password-form" class="form" @submit=${(e) => this.submit(e)}>
          <div class="field">
            <label for="current-password">${t('shell.account.current')}</label>
            <input id="current-password" name="currentPassword" type="password" autocomplete="current-password" required>
          </div>
          <div class="field">
            <label for="new-password">${t('shell.account.new')}</label>
            <input id="new-password" name="newPassword" type="password" autocomplete="new-password" required minlength="8">
          </div>
          <div class="field">
            <label for="confirm-password">${t('shell.account.confirm')}</label>
            <input id="confirm-password" name="confirmPassword" type="password" autocomplete="new-password" required minlength="8">
          </div>
          <div id="password-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!this.error}>${this.error}</div>
          <button type="submit" class="button">${t('shell.account.submit')}</button>
        </form>
      </section>
    </div>`, this);
  }
}

customElements.define('shell-account', ShellAccount);
