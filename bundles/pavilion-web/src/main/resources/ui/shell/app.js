// Boots the staff workspace (index.html) or the patient portal (portal.html): language, session, then the page.
import { html } from '/ui/lib/lit-html/lit-html.js';
import { api } from './api.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import {
  app, HOME, shell, renderLayout, show, mount, installNavigation, takePatientFromAddress, refreshManifest,
} from './shell.js';
import { signInPage, started } from './session.js';
import { takeResetToken, resetPasswordPage } from './reset.js';
import { passwordChangePage } from './password-change.js';

function toastRegions() {
  const box = document.getElementById('toasts');
  const status = document.createElement('div');
  status.id = 'toasts-status';
  status.setAttribute('role', 'status');
  const alert = document.createElement('div');
  alert.id = 'toasts-alert';
  alert.setAttribute('role', 'alert');
  box.replaceChildren(status, alert);
}

function staffAtPortal() {
  document.title = t('shell.portal-staff.title') + ' · ' + t('shell.brand');
  mount(html`<div class="page">
      <h1>${t('shell.portal-staff.title')}</h1>
      <p>${t('shell.portal-staff.text')}</p>
      <p><a href="/">${t('shell.portal-staff.link')}</a></p>
    </div>`);
  document.querySelector('#main h1').setAttribute('tabindex', '-1');
  document.querySelector('#main h1').focus();
}

async function enter(session) {
  started(session);
  if (app === 'staff' && shell.caller.patientId) {
    location.replace('/portal'); // a patient's account belongs to the portal
    return;
  }
  if (app === 'portal' && !shell.caller.patientId) {
    renderLayout();
    staffAtPortal();
    return;
  }
  if (session.passwordChangeRequired) {
    // Nothing else answers until the password is changed: no navigation meanwhile (the page has its own sign-out).
    // The same session goes on afterwards, to the home page.
    const caller = shell.caller;
    shell.caller = null;
    renderLayout();
    await passwordChangePage();
    shell.caller = caller;
    shell.onLanguage = null;
    if (location.pathname !== HOME) history.replaceState(null, '', HOME);
    renderLayout();
  }
  await refreshManifest();
  if (await enrolmentRequired()) {
    // A role requires two-step sign-in: until it is set up, only the account page works.
    history.replaceState(null, '', '/account');
  }
  await show(location.pathname, history.state);
}

async function enrolmentRequired() {
  try {
    const s = await api.get('/auth/totp');
    return s.required && !s.enrolled;
  } catch (e) {
    return false;
  }
}

async function boot() {
  toastRegions();
  takePatientFromAddress();
  await i18n.useLanguage(i18n.chooseLanguage());
  installNavigation();
  if (app === 'portal' && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('/portal/sw.js', { scope: '/portal' }).catch(() => {});
  }
  let session = null;
  const resetToken = takeResetToken();
  if (resetToken) {
    // A reset link: set the password, then sign in with it (not as whoever may still be signed in here).
    renderLayout();
    await resetPasswordPage(resetToken);
  } else {
    try {
      session = await api.get('/auth/session');
    } catch (e) {
      session = null; // not signed in (or the session ended)
    }
  }
  if (!session) {
    renderLayout();
    session = await signInPage();
  }
  await enter(session);
}

boot();
