// /portal/notifications: "Messages and reminders" for the signed-in patient: a switch per channel to receive or stop
// messages on it (GET/PUT /portal/preferences; an opted-out channel gets nothing, the log says so), and the messages
// sent to me, newest first (GET /portal/messages). On a phone one card per message.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, errorText } from '/ui/shell/kit.js';
import { BASE, CHANNELS, useStyles, label, listOf, asPage, when } from './common.js';

const SIZE = 20;

/**
 * The preferences as a list of {channel, optedOut}. The API answers {channels: {EMAIL: {optedOut}, SMS: {...}}}; a
 * list, {items}, {preferences} or {channels: [...]} of {channel, optedOut} is read too.
 */
export function preferenceList(answer) {
  if (Array.isArray(answer)) return answer;
  if (!answer || typeof answer !== 'object') return [];
  for (const name of ['items', 'preferences', 'channels']) {
    if (Array.isArray(answer[name])) return answer[name];
  }
  if (answer.channels && typeof answer.channels === 'object') {
    return Object.entries(answer.channels).map(([channel, choice]) => ({ channel,
      optedOut: !!(choice && typeof choice === 'object' ? choice.optedOut : choice) }));
  }
  return [];
}

/**
 * What a PUT sends to change one channel, in the shape the answer came in: {channels: {SMS: {optedOut: true}}} for the
 * API's map (the channels it does not name keep their choice), else the list with that channel changed.
 */
function withChoice(answer, channel, optedOut) {
  if (answer && answer.channels && typeof answer.channels === 'object' && !Array.isArray(answer.channels)) {
    return { channels: { [channel]: { optedOut } } };
  }
  const change = (list) => {
    const found = list.some((p) => p.channel === channel);
    const next = list.map((p) => (p.channel === channel ? { ...p, optedOut } : p));
    return found ? next : [...next, { channel, optedOut }];
  };
  if (Array.isArray(answer) || !answer) return change(answer || []);
  for (const name of ['items', 'preferences', 'channels']) {
    if (Array.isArray(answer[name])) return { ...answer, [name]: change(answer[name]) };
  }
  return { channels: { [channel]: { optedOut } } };
}

class NotificationsPortal extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.loadPreferences();
    this.loadMessages(0);
  }

  async loadPreferences() {
    try {
      this.preferences = await this._ctx.api.get(`${BASE}/portal/preferences`);
      this.prefError = '';
    } catch (err) {
      this.prefError = errorText(this._ctx, err);
    }
    this.paint();
  }

  async loadMessages(page) {
    try {
      this.page = asPage(await this._ctx.api.get(`${BASE}/portal/messages`, { page, size: SIZE }), SIZE);
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.loaded = true;
    this.paint();
  }

  async choose(channel, receive, input) {
    const ctx = this._ctx;
    this.prefError = '';
    this.savingChannel = channel;
    this.paint();
    try {
      const answer = await ctx.api.put(`${BASE}/portal/preferences`, withChoice(this.preferences, channel, !receive));
      this.preferences = answer && preferenceList(answer).length ? answer
        : { channels: Object.fromEntries(preferenceList(this.preferences).map((p) => [p.channel,
          { optedOut: p.channel === channel ? !receive : p.optedOut }])) };
      ctx.notify(ctx.t(receive ? 'notifications.portal.channelOn' : 'notifications.portal.channelOff',
        { channel: label(ctx, 'channel', channel) }), 'success');
    } catch (err) {
      this.prefError = errorText(ctx, err);
      input.checked = !receive; // the choice was not recorded
    }
    this.savingChannel = null;
    this.paint();
  }

  switches() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const list = preferenceList(this.preferences);
    const channels = [...new Set([...CHANNELS, ...list.map((p) => p.channel).filter(Boolean)])];
    const optedOut = (c) => list.some((p) => p.channel === c && p.optedOut);
    return html`<fieldset class="nt-switches" id="nt-portal-preferences" ?disabled=${this.preferences === undefined}>
      <legend>${t('notifications.portal.channels')}</legend>
      <p class="hint" id="nt-portal-channels-hint">${t('notifications.portal.channelsHint')}</p>
      ${channels.map((c) => html`<div class="nt-check" data-channel=${c}>
        <input id="nt-portal-channel-${c}" name="channel" value=${c} type="checkbox" role="switch"
          aria-describedby="nt-portal-channels-hint" .checked=${!optedOut(c)} ?disabled=${this.savingChannel === c}
          @change=${(ev) => this.choose(c, ev.target.checked, ev.target)}>
        <label for="nt-portal-channel-${c}">${t('notifications.portal.receiveBy', { channel: label(ctx, 'channel', c) })}</label>
      </div>`)}
    </fieldset>`;
  }

  message(m) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<li class="card" data-id=${m.id} data-event=${m.eventType || nothing}>
      <h3>${m.subject || label(ctx, 'event', m.eventType)}</h3>
      <p>${t('notifications.portal.sentBy', { channel: label(ctx, 'channel', m.channel),
        when: when(ctx, m.sentAt, m.sentMs, m.createdAt, m.createdMs) })}
        · <span class=${`nt-status nt-status-${String(m.status || '').toLowerCase()}`}>${label(ctx, 'status',
          m.status)}</span></p>
      ${m.body ? html`<pre class="nt-text">${m.body}</pre>` : nothing}
    </li>`;
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = listOf(this.page);
    render(html`<div class="page nt-portal">
      <h1>${t('notifications.page.portal')}</h1>
      <section aria-labelledby="nt-portal-prefs-title">
        <h2 id="nt-portal-prefs-title">${t('notifications.portal.prefsTitle')}</h2>
        ${alertRegion(this.prefError, 'nt-portal-prefs-error')}
        ${this.switches()}
      </section>
      <section aria-labelledby="nt-portal-messages-title">
        <h2 id="nt-portal-messages-title">${t('notifications.portal.messagesTitle')}</h2>
        ${alertRegion(this.error, 'nt-portal-error')}
        ${!this.loaded ? html`<p role="status">${t('notifications.loading')}</p>` : nothing}
        ${this.loaded && !items.length && !this.error ? html`<p>${t('notifications.portal.none')}</p>` : nothing}
        <ul class="nt-list" id="nt-portal-messages">${items.map((m) => this.message(m))}</ul>
        ${pager(ctx, this.page, (n) => this.loadMessages(n), t('notifications.portal.pages'))}
      </section>
    </div>`, this);
  }
}

if (!customElements.get('notifications-portal')) {
  customElements.define('notifications-portal', NotificationsPortal);
}
