// /telemedicine/guest#<token>: the page a guest (interpreter, relative) opens from the single-use link the doctor
// created. No account and no sign-in: the token in the URL fragment (never in a request line, a server log or a
// Referer) is redeemed once for a guest session bound to this one consultation, kept in this page's memory only (no
// web storage, as on every page: a reload needs a new link from the doctor). The page waits until the doctor's call is
// in progress, then joins it with camera and microphone, chat, audio only and hang up. The guest sees the others by
// role and the doctor's name, never the patient's record number (the server does not send the patient's name to a
// guest either). Served by the department itself (GuestPage) as a page of its own, outside the signed-in shell.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { chooseLanguage, useLanguage, loadContributions, t, fmt } from '/ui/shell/i18n.js';
import { callView } from './common.js';
import { Call } from './call.js';

const API = '/api/v1/telemedicine/guest';
const POLL_MS = 3000;
// A ticket fetched while polling is used for the call only while it is this fresh (it lives 60 s by default).
const FRESH_TICKET_MS = 20000;

class GuestError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem type without its urn prefix: guest-link-used, guest-link-expired, consultation-ended, ... */
  get type() {
    return String(this.problem.type || '').replace('urn:pavilion:problem:', '');
  }
}

async function post(path, body, guestSession) {
  const headers = { 'Content-Type': 'application/json', 'X-Pavilion-Request': '1' };
  if (guestSession) headers['X-Telemedicine-Guest'] = guestSession;
  // credentials omitted: a guest is nobody's session, even in a browser where someone is signed in.
  const r = await fetch(API + path, { method: 'POST', headers, body: JSON.stringify(body || {}), credentials: 'omit',
    cache: 'no-store' });
  let json = null;
  try {
    json = await r.json();
  } catch (e) {
    json = null;
  }
  if (!r.ok) throw new GuestError(r.status, json);
  return json;
}

/** The link's token, taken out of the address bar and the history at once. */
function takeToken() {
  const token = location.hash.replace(/^#/, '').trim();
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token || null;
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Why a link or session does not open the call: a message key under telemedicine.guest.refused. */
function reasonOf(err) {
  if (!err || err.status === undefined) return 'error';
  if (err.type === 'consultation-ended') return 'ended';
  if (err.status === 409) return 'used';
  if (err.status === 410) return 'expired';
  if (err.status === 404 || err.status === 400) return 'unknown';
  if (err.status === 401) return 'session';
  return 'error';
}

class TelemedicineGuest extends HTMLElement {
  async connectedCallback() {
    if (this.started) return;
    this.started = true;
    const token = takeToken();
    await useLanguage(chooseLanguage());
    await loadContributions([{ id: 'telemedicine', base: '/ui/c/telemedicine/' }]);
    this.ctx = { t, fmt, problem: (err) => err.message };
    this.stage = 'checking';
    this.paint();
    if (!token) {
      this.refuse('none');
      return;
    }
    try {
      const r = await post('/redeem', { token });
      this.session = { guestSession: r.guestSession, label: r.guestLabel };
    } catch (err) {
      this.refuse(reasonOf(err));
      return;
    }
    this.waitForDoctor();
  }

  disconnectedCallback() {
    this.gone = true;
    if (this.call) this.call.leave();
  }

  refuse(reason) {
    this.stage = 'refused';
    this.reason = reason;
    this.paint();
    this.querySelector('h2')?.focus();
  }

  ticket() {
    return post('/signal-ticket', {}, this.session.guestSession);
  }

  /** "Waiting for the doctor" until the consultation is in progress (the ticket answers 409 until then). */
  async waitForDoctor() {
    this.stage = 'waiting';
    this.paint();
    while (!this.gone) {
      try {
        const access = await this.ticket();
        this.start(access, Date.now());
        return;
      } catch (err) {
        if (err.status !== undefined && err.status !== 409 && err.status < 500) {
          this.refuse(reasonOf(err));
          return;
        }
        await sleep(POLL_MS); // not started yet, or the network hiccuped
      }
    }
  }

  async start(first, at) {
    let pending = first;
    this.stage = 'call';
    this.call = new Call({ role: 'GUEST', onChange: () => this.paint(),
      ticket: async () => {
        const a = pending && Date.now() - at < FRESH_TICKET_MS ? pending : null;
        pending = null;
        return a || this.ticket();
      } });
    this.paint();
    this.querySelector('#tele-call-title')?.focus();
    await this.call.openMedia();
    await this.call.connect();
  }

  rejoin() {
    this.call = null;
    this.waitForDoctor();
  }

  paint() {
    if (!this.ctx) return;
    const label = this.session ? this.session.label : '';
    render(html`<div class="page tele-page">
      <h1>${t('telemedicine.guest.title')}</h1>
      ${label ? html`<p id="tele-guest-label">${t('telemedicine.guest.as', { label })}</p>` : nothing}
      ${this.body()}
    </div>`, this);
  }

  body() {
    const call = this.call;
    switch (this.stage) {
      case 'checking':
        return html`<p role="status">${t('telemedicine.guest.checking')}</p>`;
      case 'refused':
        return html`<section class="card" aria-labelledby="tele-over-title">
          <h2 id="tele-over-title" tabindex="-1">${t(`telemedicine.guest.refused.${this.reason}`)}</h2>
          <p>${t(this.reason === 'ended' ? 'telemedicine.guest.thanks' : 'telemedicine.guest.askDoctor')}</p></section>`;
      case 'waiting':
        return html`<section id="tele-waiting" class="card tele-waiting" aria-labelledby="tele-waiting-title">
          <h2 id="tele-waiting-title" tabindex="-1">${t('telemedicine.guest.waitingTitle')}</h2>
          <p id="tele-status" role="status">${t('telemedicine.guest.waiting')}</p>
          <p class="hint">${t('telemedicine.guest.waitingHint')}</p></section>`;
      default:
        break;
    }
    if (call && ['ended', 'left', 'refused'].includes(call.state)) {
      const key = call.state === 'refused' && call.roomFull ? 'telemedicine.over.roomFull'
        : `telemedicine.over.${call.state}`;
      return html`<section class="card" aria-labelledby="tele-over-title">
        <h2 id="tele-over-title" tabindex="-1">${t(key)}</h2>
        ${call.state === 'left' ? html`<button type="button" class="button" id="tele-rejoin"
          @click=${() => this.rejoin()}>${t('telemedicine.guest.rejoin')}</button>` : nothing}
        ${call.state === 'ended' ? html`<p>${t('telemedicine.guest.thanks')}</p>` : nothing}</section>`;
    }
    return callView(this, call, { leaveKey: 'telemedicine.call.leave', onLeave: () => this.call.leave() });
  }
}

if (!customElements.get('telemedicine-guest')) {
  customElements.define('telemedicine-guest', TelemedicineGuest);
}
