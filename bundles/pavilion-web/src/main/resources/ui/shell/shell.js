// The shell: who is signed in, the layout (header, navigation), the router (History API, routes from the manifest,
// lazy modules) and the ctx every page receives (docs/ui-plugin-contract.md).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { api, ApiError } from './api.js';
import * as i18n from './i18n.js';
import { t, fmt } from './i18n.js';
import { setManifest, currentManifest, pagesIn, navGroups, createPage } from './pages.js';

export const app = document.body.dataset.app === 'portal' ? 'portal' : 'staff';
export const HOME = app === 'portal' ? '/portal' : '/';

const BUILTIN = app === 'portal'
  ? [
    { route: '/portal', module: '/ui/shell/pages/portal-home.js', element: 'shell-portal-home', titleKey: 'shell.page.portal-home' },
    { route: '/portal/account', module: '/ui/shell/pages/account.js', element: 'shell-account', titleKey: 'shell.page.account' },
  ]
  : [
    { route: '/', module: '/ui/shell/pages/home.js', element: 'shell-home', titleKey: 'shell.page.home' },
    { route: '/account', module: '/ui/shell/pages/account.js', element: 'shell-account', titleKey: 'shell.page.account' },
  ];

export const shell = {
  caller: null,
  menuOpen: false,
  signOut: null, // set by the session module
};

/** Routes seen since the page loaded: one that disappears from the manifest was uninstalled, not mistyped. */
const seen = new Map();
let renderSeq = 0;

export function isPortalPath(path) {
  return path === '/portal' || path.startsWith('/portal/');
}

export function toCaller(session) {
  const privileges = session.privileges || [];
  return Object.freeze({
    username: session.username,
    roles: session.roles || [],
    privileges,
    patientId: session.patientId || null,
    expiresAt: session.expiresAt || null,
    can: (privilege) => privileges.includes(privilege),
  });
}

// ---- manifest

export async function refreshManifest() {
  try {
    const m = await api.get('/ui/manifest');
    setManifest(m);
    for (const p of currentManifest().pages) seen.set(p.route, p);
    await i18n.loadContributions(currentManifest().contributions);
  } catch (e) {
    /* keep the last manifest: a hiccup must not empty the navigation */
  }
}

function appPages() {
  return currentManifest().pages.filter((p) => (p.portal === true) === (app === 'portal'));
}

// ---- notifications

let toastSeq = 0;
export function notify(text, kind = 'info') {
  const region = document.getElementById(kind === 'error' ? 'toasts-alert' : 'toasts-status');
  if (!region) return;
  const id = 'toast-' + (++toastSeq);
  const item = document.createElement('div');
  item.className = 'toast toast-' + (['success', 'error'].includes(kind) ? kind : 'info');
  item.id = id;
  const p = document.createElement('p');
  p.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'toast-close';
  close.setAttribute('aria-label', t('shell.toast.close'));
  close.textContent = '×';
  close.addEventListener('click', () => item.remove());
  item.append(p, close);
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 12000 : 7000);
}

export function problem(error) {
  if (!(error instanceof ApiError)) return t('shell.problem.unexpected');
  const detail = error.problem.detail || error.problem.title || '';
  const byType = 'shell.problem.' + error.type;
  if (error.type && i18n.has(byType)) return t(byType, { detail });
  const byStatus = {
    0: 'network', 400: 'validation', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict',
    413: 'too-large', 422: 'validation',
  }[error.status] || (error.status >= 500 ? 'server' : null);
  return byStatus ? t('shell.problem.' + byStatus, { detail }) : detail || t('shell.problem.unexpected');
}

// ---- ctx

export function makeCtx(state) {
  return Object.freeze({
    api,
    t,
    fmt,
    locale: i18n.currentLocale(),
    caller: shell.caller,
    state: Object.freeze({ ...(state || {}) }),
    navigate,
    notify,
    problem,
    pages: pagesIn,
  });
}

// ---- layout

function current(route) {
  const here = normalise(location.pathname);
  return here === route ? 'page' : undefined;
}

function closeMenuOnSmall() {
  if (shell.menuOpen) {
    shell.menuOpen = false;
    renderLayout();
  }
}

function toggleMenu() {
  shell.menuOpen = !shell.menuOpen;
  renderLayout();
  if (shell.menuOpen) document.querySelector('#main-nav a')?.focus();
}

async function changeLanguage(e) {
  const lang = e.target.value;
  i18n.rememberLanguage(lang);
  await i18n.useLanguage(lang);
  await i18n.loadContributions(currentManifest().contributions);
  renderLayout();
  if (shell.caller) await show(location.pathname, history.state, { focus: false });
  else if (shell.onLanguage) shell.onLanguage();
}

export function renderLayout() {
  const c = shell.caller;
  const account = app === 'portal' ? '/portal/account' : '/account';
  const languageNames = { en: 'English', fr: 'Français' };
  render(html`
    <div class="header-bar">
      <a class="brand" href=${HOME}>${t('shell.brand')}${app === 'portal'
        ? html` <span class="brand-sub">${t('shell.portal')}</span>` : nothing}</a>
      ${c ? html`<button id="menu-button" class="menu-button" type="button" aria-controls="main-nav"
          aria-expanded=${shell.menuOpen ? 'true' : 'false'} @click=${toggleMenu}>${t('shell.menu')}</button>` : nothing}
      <div class="user-area">
        ${c ? html`<span class="user-name">${c.username}</span>
          <a class="account-link" href=${account} aria-current=${current(account) || nothing}>${t('shell.account')}</a>` : nothing}
        <label class="visually-hidden" for="language">${t('shell.language')}</label>
        <select id="language" class="language" @change=${changeLanguage}>
          ${i18n.LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === i18n.currentLocale()}>${languageNames[l] || l}</option>`)}
        </select>
        ${c ? html`<button id="sign-out" type="button" class="button button-quiet" @click=${() => shell.signOut()}>${t('shell.signout')}</button>` : nothing}
      </div>
    </div>`, document.getElementById('app-header'));

  const nav = document.getElementById('main-nav');
  nav.hidden = !c || (app === 'portal' && !c.patientId);
  nav.classList.toggle('open', shell.menuOpen);
  nav.setAttribute('aria-label', t('shell.nav.label'));
  render(html`
    <ul class="nav-list">
      <li><a href=${HOME} aria-current=${current(HOME) || nothing} @click=${closeMenuOnSmall}>${t(app === 'portal' ? 'shell.page.portal-home' : 'shell.page.home')}</a></li>
    </ul>
    ${navGroups(app === 'portal').map(([section, pages]) => html`
      <h2 class="nav-heading" id=${'nav-' + section}>${i18n.has('shell.nav.' + section) ? t('shell.nav.' + section) : section}</h2>
      <ul class="nav-list" aria-labelledby=${'nav-' + section}>
        ${pages.map((p) => html`<li><a href=${p.route} aria-current=${current(p.route) || nothing} @click=${closeMenuOnSmall}>${t(p.titleKey)}</a></li>`)}
      </ul>`)}`, nav);
  document.getElementById('skip-link').textContent = t('shell.skip');
}

// ---- router

function normalise(path) {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function find(path) {
  return BUILTIN.find((p) => p.route === path) || appPages().find((p) => p.route === path) || null;
}

export function navigate(route, state) {
  const u = new URL(route, location.origin);
  if (u.origin !== location.origin || isPortalPath(u.pathname) !== (app === 'portal')) {
    location.assign(u.pathname); // the other application: a page load (no state crosses)
    return;
  }
  history.pushState(state ? { ...state } : null, '', u.pathname + u.search);
  show(u.pathname, history.state);
}

/** Puts a shell template in main#main in a box of its own (main's children are replaced on every navigation). */
export function mount(template) {
  const box = document.createElement('div');
  render(template, box);
  document.getElementById('main').replaceChildren(box);
  return box;
}

function message(titleKey, textKey, params) {
  mount(html`<div class="page">
      <h1>${t(titleKey)}</h1>
      <p>${t(textKey, params)}</p>
      <p><a href=${HOME}>${t('shell.back-home')}</a></p>
    </div>`);
  document.title = t(titleKey) + ' · ' + t('shell.brand');
}

/** Shows the page at path: the manifest is read again so pages installed or removed since show as they are now. */
export async function show(path, state, { focus = true } = {}) {
  const seq = ++renderSeq;
  const route = normalise(path);
  await refreshManifest();
  if (seq !== renderSeq) return;
  renderLayout();
  const main = document.getElementById('main');
  const page = find(route);
  if (!page) {
    if (seen.has(route)) message('shell.gone.title', 'shell.gone.text');
    else message('shell.notfound.title', 'shell.notfound.text');
    if (focus) focusHeading(main);
    return;
  }
  let el;
  try {
    el = await createPage(page, makeCtx(state));
  } catch (e) {
    if (seq !== renderSeq) return;
    message('shell.gone.title', 'shell.gone.text');
    if (focus) focusHeading(main);
    return;
  }
  if (seq !== renderSeq) return;
  main.replaceChildren(el);
  document.title = t(page.titleKey) + ' · ' + t('shell.brand');
  if (focus) focusHeading(main);
}

/** Focus to the page's h1 once it is rendered (pages may render after loading data). */
function focusHeading(main) {
  const done = (h) => {
    if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
    h.focus({ preventScroll: false });
  };
  const h1 = main.querySelector('h1');
  if (h1) {
    done(h1);
    return;
  }
  const observer = new MutationObserver(() => {
    const h = main.querySelector('h1');
    if (h) {
      observer.disconnect();
      done(h);
    }
  });
  observer.observe(main, { childList: true, subtree: true });
  setTimeout(() => {
    observer.disconnect();
    if (!main.querySelector('h1') && !main.contains(document.activeElement)) main.focus();
  }, 3000);
}

export function installNavigation() {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || u.pathname.startsWith('/api/') || u.pathname.startsWith('/ui/')) return;
    if (u.hash && u.pathname === location.pathname) return; // in-page anchor (the skip link)
    if (!shell.caller) return;
    e.preventDefault();
    navigate(u.pathname + u.search);
  });
  window.addEventListener('popstate', () => {
    if (shell.caller) show(location.pathname, history.state);
  });
}

/** `?patient=<id>` (links from other systems) becomes navigation state and leaves the address at once. */
export function takePatientFromAddress() {
  const params = new URLSearchParams(location.search);
  if (!params.has('patient')) return;
  const patientId = params.get('patient');
  params.delete('patient');
  const rest = params.toString();
  history.replaceState({ ...(history.state || {}), patientId }, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
}

export { fmt };
