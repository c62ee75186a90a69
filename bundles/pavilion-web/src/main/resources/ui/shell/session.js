// Signing in and out with the browser session cookie (/api/v1/auth/session), the expired-session dialog that keeps
// the page under it and retries the interrupted calls, and the warning shortly before the session ends.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { api, ApiError, onSessionExpired, onActivity } from './api.js';
import { t, fmt } from './i18n.js';
import { shell, toCaller, renderLayout, notify, problem, app, HOME } from './shell.js';
import { forgotPasswordForm } from './reset.js';

const WARN_BEFORE_MS = 2 * 60 * 1000;
let timers = [];
let pending = null;

function credentials(form) {
  const data = new FormData(form);
  const out = { username: String(data.get('username') || '').trim(), password: String(data.get('password') || '') };
  const code = String(data.get('code') || '').trim();
  if (code) out.code = code;
  return out;
}

/** The server asks for the code of an account with two-step sign-in (the password was right). */
function needsCode(e) {
  return e instanceof ApiError && e.status === 401 && e.type === 'second-factor-required';
}

function failure(e) {
  return e instanceof ApiError && e.status === 401 ? t('shell.signin.failed') : problem(e);
}

/** The sign-in page in main#main; resolves with the session once someone signs in. */
export function signInPage() {
  return new Promise((resolve) => {
    const box = document.createElement('div');
    document.getElementById('main').replaceChildren(box);
    let error = '';
    let busy = false;
    // Second step of two-step sign-in: the password was right, the code is asked on the same page.
    let askCode = false;
    const submit = async (e) => {
      e.preventDefault();
      if (busy) return;
      busy = true;
      error = '';
      draw();
      try {
        const session = await api.post('/auth/session', credentials(e.target));
        resolve(session);
      } catch (err) {
        busy = false;
        if (needsCode(err)) {
          error = askCode ? t('shell.signin.code-failed') : '';
          askCode = true;
          draw();
          // From the box, not the event's form: the focus must land on the field on screen now.
          const code = box.querySelector('#sign-in-code');
          code.value = '';
          (error ? box.querySelector('#sign-in-error') : code).focus();
          return;
        }
        error = failure(err);
        askCode = false;
        draw();
        e.target.querySelector('[name=password]').value = '';
        e.target.querySelector('#sign-in-error')?.focus();
      }
    };
    const draw = () => {
      document.title = t('shell.signin.title') + ' · ' + t('shell.brand');
      render(html`<div class="page sign-in-page">
        <h1>${t(app === 'portal' ? 'shell.signin.portal-title' : 'shell.signin.title')}</h1>
        <form id="sign-in" class="form card" @submit=${submit} novalidate>
          <div class="field">
            <label for="sign-in-username">${t('shell.signin.username')}</label>
            <input id="sign-in-username" name="username" autocomplete="username" required autocapitalize="off" spellcheck="false">
          </div>
          <div class="field">
            <label for="sign-in-password">${t('shell.signin.password')}</label>
            <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
          </div>
          <div class="field" ?hidden=${!askCode}>
            <label for="sign-in-code">${t('shell.signin.code')}</label>
            <input id="sign-in-code" name="code" inputmode="numeric" autocomplete="one-time-code" ?required=${askCode}
              aria-describedby="sign-in-code-hint" ?disabled=${!askCode}>
            <p id="sign-in-code-hint" class="hint">${t('shell.signin.code-hint')}</p>
          </div>
          <div id="sign-in-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!error}>${error}</div>
          <button type="submit" class="button" ?disabled=${busy}>${t('shell.signin.submit')}</button>
        </form>
        <p><a id="sign-in-forgot" href="#/forgot-password" @click=${forgot}>${t('shell.signin.forgot')}</a></p>
      </div>`, box);
    };
    const signIn = () => {
      shell.onLanguage = draw;
      draw();
      box.querySelector('#sign-in-username').focus();
    };
    const forgot = (e) => {
      e.preventDefault();
      forgotPasswordForm(box, signIn);
    };
    signIn();
  });
}

/** Called with a fresh session (sign-in, or the dialog): remembers who, and plans the expiry warning. */
export function started(session) {
  shell.caller = toCaller(session);
  shell.onLanguage = null;
  const absoluteEnd = session.expiresAt ? Date.parse(session.expiresAt) : 0;
  const idleMs = (session.idleTimeoutMinutes || 0) * 60 * 1000;
  let plannedAt = 0;
  // The session ends at its absolute expiry or after idleTimeoutMinutes without a call, whichever comes first;
  // every answer restarts the idle clock, so the warning is planned again (at most every 30 seconds).
  const plan = () => {
    const now = Date.now();
    if (now - plannedAt < 30 * 1000) return;
    plannedAt = now;
    timers.forEach(clearTimeout);
    timers = [];
    const ends = [absoluteEnd, idleMs ? now + idleMs : 0].filter((e) => e > 0);
    if (!ends.length) return;
    const end = Math.min(...ends);
    const warnIn = end - now - WARN_BEFORE_MS;
    if (warnIn > 0) {
      timers.push(setTimeout(() => notify(t('shell.session.expiring', { time: fmt.time(new Date(end).toISOString()) }), 'info'), warnIn));
    }
    // At the end, ask for the password at once rather than on the next click.
    timers.push(setTimeout(() => { reauthenticate(); }, Math.max(0, end - now + 1000)));
  };
  plan();
  onActivity(plan);
  onSessionExpired(reauthenticate);
}

/** Opens the session dialog over the page (once for any number of waiting calls); true when signed in again. */
export function reauthenticate() {
  if (!pending) pending = dialog().finally(() => { pending = null; });
  return pending;
}

function dialog() {
  return new Promise((resolve) => {
    const box = document.getElementById('session-dialog');
    const before = shell.caller && shell.caller.username;
    const returnFocus = document.activeElement;
    let error = '';
    let askCode = false;
    const submit = async (e) => {
      e.preventDefault();
      try {
        const session = await api.post('/auth/session', credentials(e.target));
        askCode = false;
        if ((before && session.username !== before) || session.passwordChangeRequired) {
          // Someone else, or a password to change first (an administrator set a temporary one): start afresh.
          // Nothing of the previous page may stay on screen.
          location.assign(HOME);
          return;
        }
        started(session);
        renderLayout();
        box.close();
        if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
        resolve(true);
      } catch (err) {
        if (needsCode(err)) {
          error = askCode ? t('shell.signin.code-failed') : '';
          askCode = true;
          draw();
          box.querySelector('#again-code').value = '';
          box.querySelector(error ? '#sign-in-again-error' : '#again-code').focus();
          return;
        }
        error = failure(err);
        draw();
        box.querySelector('[name=password]').value = '';
        box.querySelector('#sign-in-again-error').focus();
      }
    };
    const leave = () => {
      box.close();
      resolve(false);
      signOut();
    };
    const draw = () => render(html`
      <h2 id="session-dialog-title">${t('shell.session.title')}</h2>
      <p>${t('shell.session.text')}</p>
      <form id="sign-in-again" class="form" @submit=${submit} novalidate>
        <div class="field">
          <label for="again-username">${t('shell.signin.username')}</label>
          <input id="again-username" name="username" autocomplete="username" required .value=${before || ''}>
        </div>
        <div class="field">
          <label for="again-password">${t('shell.signin.password')}</label>
          <input id="again-password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <div class="field" ?hidden=${!askCode}>
          <label for="again-code">${t('shell.signin.code')}</label>
          <input id="again-code" name="code" inputmode="numeric" autocomplete="one-time-code" ?disabled=${!askCode}>
        </div>
        <div id="sign-in-again-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!error}>${error}</div>
        <div class="actions">
          <button type="submit" class="button">${t('shell.signin.submit')}</button>
          <button type="button" class="button button-quiet" @click=${leave}>${t('shell.signout')}</button>
        </div>
      </form>`, box);
    // Escape would leave the page without a session under a closed dialog: keep it open.
    box.addEventListener('cancel', (e) => e.preventDefault(), { once: true });
    draw();
    if (!box.open) box.showModal();
    box.querySelector(before ? '#again-password' : '#again-username').focus();
  });
}

export async function signOut() {
  timers.forEach(clearTimeout);
  try {
    await fetch('/api/v1/auth/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-Pavilion-Request': '1' } });
  } catch (e) {
    /* the cookie is cleared by the server when reachable; the page is reset below in any case */
  }
  history.replaceState(null, '', HOME);
  location.replace(HOME);
}

shell.signOut = signOut;
