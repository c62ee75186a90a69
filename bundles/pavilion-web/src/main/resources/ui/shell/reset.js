// A forgotten password: the form behind the sign-in page's "Forgot your password?" link, and the page the e-mailed
// link opens (/#/reset-password?token=...), which sets the new password and leads back to signing in.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { shell, notify, problem } from './shell.js';

const RESET_HASH = '#/reset-password';

/** The token of a reset link in the address, or null. The token leaves the address bar and the history at once. */
export function takeResetToken() {
  if (!location.hash.startsWith(RESET_HASH)) return null;
  const q = location.hash.indexOf('?');
  const token = q < 0 ? null : new URLSearchParams(location.hash.slice(q + 1)).get('token');
  history.replaceState(history.state, '', location.pathname + location.search);
  return token || null;
}

/** Asks for a reset link in {@code box}; {@code back} returns to the sign-in form. */
export function forgotPasswordForm(box, back) {
  let sent = false;
  let busy = false;
  let error = '';
  const submit = async (e) => {
    e.preventDefault();
    if (busy) return;
    const username = String(new FormData(e.target).get('username') || '').trim();
    if (!username) return;
    busy = true;
    error = '';
    draw();
    try {
      // Answered alike whether or not the account exists.
      await api.post('/auth/password-reset', { username });
      sent = true;
    } catch (err) {
      error = problem(err);
    }
    busy = false;
    draw();
    box.querySelector(sent ? '#forgot-sent' : '#forgot-error')?.focus();
  };
  const draw = () => {
    document.title = t('shell.reset.forgot-title') + ' · ' + t('shell.brand');
    render(html`<div class="page sign-in-page">
      <h1>${t('shell.reset.forgot-title')}</h1>
      <form id="forgot-password" class="form card" @submit=${submit} novalidate ?hidden=${sent}>
        <p>${t('shell.reset.forgot-text')}</p>
        <div class="field">
          <label for="forgot-username">${t('shell.signin.username')}</label>
          <input id="forgot-username" name="username" autocomplete="username" required autocapitalize="off" spellcheck="false">
        </div>
        <div id="forgot-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!error}>${error}</div>
        <button type="submit" class="button" ?disabled=${busy}>${t('shell.reset.forgot-submit')}</button>
      </form>
      <div id="forgot-sent" class="alert alert-info" role="status" tabindex="-1" ?hidden=${!sent}>${t('shell.reset.forgot-sent')}</div>
      <p><a href="#" @click=${(e) => { e.preventDefault(); back(); }}>${t('shell.reset.back')}</a></p>
    </div>`, box);
  };
  shell.onLanguage = draw;
  draw();
  box.querySelector('#forgot-username').focus();
}

/** The page of a reset link: the new password twice; resolves once it is set or the user goes back to sign in. */
export function resetPasswordPage(token) {
  return new Promise((resolve) => {
    const box = document.createElement('div');
    document.getElementById('main').replaceChildren(box);
    let busy = false;
    let error = '';
    const submit = async (e) => {
      e.preventDefault();
      if (busy) return;
      const data = new FormData(e.target);
      const password = String(data.get('password') || '');
      if (password !== String(data.get('again') || '')) {
        error = t('shell.account.mismatch');
      } else {
        busy = true;
        error = '';
        draw();
        try {
          await api.post('/auth/password-reset/confirm', { token, password });
          notify(t('shell.reset.done'), 'success');
          resolve();
          return;
        } catch (err) {
          error = problem(err);
        }
        busy = false;
      }
      draw();
      box.querySelector('#reset-error')?.focus();
    };
    const draw = () => {
      document.title = t('shell.reset.title') + ' · ' + t('shell.brand');
      render(html`<div class="page sign-in-page">
        <h1>${t('shell.reset.title')}</h1>
        <form id="reset-password" class="form card" @submit=${submit} novalidate>
          <div class="field">
            <label for="reset-new">${t('shell.account.new')}</label>
            <input id="reset-new" name="password" type="password" autocomplete="new-password" required>
          </div>
          <div class="field">
            <label for="reset-again">${t('shell.account.confirm')}</label>
            <input id="reset-again" name="again" type="password" autocomplete="new-password" required>
          </div>
          <div id="reset-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!error}>${error}</div>
          <button type="submit" class="button" ?disabled=${busy}>${t('shell.reset.submit')}</button>
        </form>
        <p><a href="/" @click=${(e) => { e.preventDefault(); resolve(); }}>${t('shell.reset.back')}</a></p>
      </div>`, box);
    };
    shell.onLanguage = draw;
    draw();
    box.querySelector('#reset-new').focus();
  });
}
