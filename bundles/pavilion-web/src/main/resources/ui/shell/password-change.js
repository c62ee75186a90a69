// The first sign-in of an account whose password must be changed (the first administrator's generated one, or a
// temporary one an administrator set): until the change, the server refuses every other call (403
// password-change-required), so this page comes before anything else and leads on to the normal home.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { shell, notify, problem } from './shell.js';

function failure(e) {
  if (e instanceof ApiError && e.status === 403 && e.type === 'wrong-password') return t('shell.password-change.wrong');
  if (e instanceof ApiError && e.status === 422 && e.type === 'password-unchanged') return t('shell.password-change.same');
  return problem(e);
}

/** The "Choose a new password" page in main#main; resolves once the password is changed (the session goes on). */
export function passwordChangePage() {
  return new Promise((resolve) => {
    const box = document.createElement('div');
    document.getElementById('main').replaceChildren(box);
    let busy = false;
    let error = '';
    let errorField = '#password-change-error';
    const submit = async (e) => {
      e.preventDefault();
      if (busy) return;
      const form = e.target;
      const data = new FormData(form);
      const currentPassword = String(data.get('currentPassword') || '');
      const newPassword = String(data.get('newPassword') || '');
      if (!currentPassword || !newPassword) {
        error = t('shell.password-change.missing');
      } else if (newPassword !== String(data.get('again') || '')) {
        error = t('shell.account.mismatch');
      } else {
        busy = true;
        error = '';
        draw();
        try {
          await api.post('/auth/password', { currentPassword, newPassword });
          notify(t('shell.account.changed'), 'success');
          resolve();
          return;
        } catch (err) {
          error = failure(err);
          if (err instanceof ApiError && err.status === 403) form.elements.currentPassword.value = '';
        }
        busy = false;
      }
      draw();
      box.querySelector(errorField)?.focus();
    };
    const draw = () => {
      document.title = t('shell.password-change.title') + ' · ' + t('shell.brand');
      render(html`<div class="page sign-in-page">
        <h1 id="password-change-title">${t('shell.password-change.title')}</h1>
        <p id="password-change-text">${t('shell.password-change.text')}</p>
        <form id="first-password-change" class="form card" aria-labelledby="password-change-title"
          aria-describedby="password-change-text" @submit=${submit} novalidate>
          <div class="field">
            <label for="password-change-current">${t('shell.account.current')}</label>
            <input id="password-change-current" name="currentPassword" type="password" autocomplete="current-password" required>
          </div>
          <div class="field">
            <label for="password-change-new">${t('shell.account.new')}</label>
            <input id="password-change-new" name="newPassword" type="password" autocomplete="new-password" required>
          </div>
          <div class="field">
            <label for="password-change-again">${t('shell.account.confirm')}</label>
            <input id="password-change-again" name="again" type="password" autocomplete="new-password" required>
          </div>
          <div id="password-change-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!error}>${error}</div>
          <button type="submit" class="button" ?disabled=${busy}>${t('shell.password-change.submit')}</button>
        </form>
        <p><button id="sign-out" type="button" class="button button-quiet" @click=${() => shell.signOut()}>${t('shell.signout')}</button></p>
      </div>`, box);
    };
    shell.onLanguage = draw;
    draw();
    box.querySelector('#password-change-current').focus();
  });
}
