// Shared by the telemedicine pages: REST paths, the stylesheet, labels, and the call view (videos, controls, chat,
// file sharing) that the portal, the workspace and the guest page each put their own parts around.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { repeat } from '/ui/lib/lit-html/directives/repeat.js';
import { useStyles as addSheet, errorText as kitErrorText } from '/ui/shell/kit.js';

export const BASE = '/telemedicine';
export const MY = `${BASE}/my/consultations`;
export const HOSTED = `${BASE}/consultations`;

export function useStyles() {
  addSheet(new URL('./telemedicine.css', import.meta.url).href);
}

export function errorText(ctx, err) {
  return kitErrorText(ctx, err, 'telemedicine.error');
}

/** "12 min" / "1 h 5 min" since an instant (or for a number of seconds). */
export function waited(ctx, seconds) {
  const minutes = Math.max(0, Math.floor((seconds || 0) / 60));
  if (minutes < 60) return ctx.t('telemedicine.minutes', { n: ctx.fmt.number(minutes) });
  return ctx.t('telemedicine.hoursMinutes', { h: ctx.fmt.number(Math.floor(minutes / 60)), m: ctx.fmt.number(minutes % 60) });
}

/** How a participant is named on screen: a guest by the label the doctor gave, the others by name or role. */
export function peerName(ctx, peer) {
  if (peer.name) return peer.name;
  return ctx.t(`telemedicine.role.${peer.role || 'OTHER'}`);
}

function status(ctx, call) {
  const key = `telemedicine.call.${call.state}`;
  const live = call.others.filter((p) => p.connected);
  const names = (live.length ? live : call.others).map((p) => peerName(ctx, p));
  return ctx.t(key, { name: names.length ? names.join(', ') : ctx.t('telemedicine.call.theOther') });
}

/** The last arrival or departure ("Interpreter (Polish) joined the call"), announced politely. */
function presence(ctx, call) {
  const last = call.events[call.events.length - 1];
  const text = last ? ctx.t(`telemedicine.presence.${last.kind}`, { name: peerName(ctx, last),
    role: ctx.t(`telemedicine.role.${last.role || 'OTHER'}`) }) : '';
  return html`<p id="tele-presence" role="status" class="hint">${text}</p>`;
}

/** One tile per other participant: its video (with sound), named; one's own small in the corner. */
function videos(ctx, call) {
  const others = call.others;
  return html`<div class="tele-videos ${others.length > 1 ? 'tele-grid' : ''}">
    ${others.length ? repeat(others, (p) => p.key, (p) => html`<figure class="tele-peer" data-role=${p.role}
      data-peer=${p.id || ''}>
      <video class="tele-remote" autoplay playsinline .srcObject=${p.remote || null}
        aria-label=${ctx.t('telemedicine.call.remoteVideo', { name: peerName(ctx, p) })}></video>
      <figcaption class="tele-caption">${peerName(ctx, p)}${p.role === 'GUEST'
        ? html` <span class="tele-role">(${ctx.t('telemedicine.role.GUEST')})</span>` : nothing}</figcaption>
    </figure>`) : html`<div class="tele-peer tele-empty"></div>`}
    <video id="tele-local-video" class="tele-local" autoplay playsinline muted .muted=${true}
      .srcObject=${call.local || null} aria-label=${ctx.t('telemedicine.call.localVideo')}></video>
  </div>`;
}

/**
 * The call: the others' videos (large), one's own (small), the controls, who is in the call, the chat, file sharing.
 * opts: {leaveKey, onLeave, share: (file, title, consent) => Promise (absent: no file sharing), needsConsent, side}
 */
export function callView(host, call, opts) {
  const ctx = host.ctx;
  const t = (k, p) => ctx.t(k, p);
  const live = call.state !== 'ended' && call.state !== 'refused' && call.state !== 'left';
  return html`<section id="tele-call" class="tele-call" aria-labelledby="tele-call-title" data-state=${call.state}>
    <h2 id="tele-call-title">${t('telemedicine.call.title')}</h2>
    <p id="tele-status" role="status" class="tele-status">${status(ctx, call)}</p>
    ${presence(ctx, call)}
    ${call.cameraFailed ? html`<p class="alert alert-info">${t('telemedicine.call.cameraFailed')}</p>` : nothing}
    ${call.error && live ? html`<p class="alert alert-error" role="alert">${t('telemedicine.call.problem')}</p>` : nothing}
    <div class="tele-layout">
      <div class="tele-stage">
        ${videos(ctx, call)}
        ${live ? html`<div class="tele-controls" role="group" aria-label=${t('telemedicine.call.controls')}>
          <button type="button" id="tele-mute" class="button button-quiet" aria-pressed=${call.muted ? 'true' : 'false'}
            @click=${() => call.toggleMute()}>${t('telemedicine.call.mute')}</button>
          ${call.audioOnly ? nothing : html`
            <button type="button" id="tele-camera" class="button button-quiet" aria-pressed=${call.cameraOff ? 'true' : 'false'}
              @click=${() => call.toggleCamera()}>${t('telemedicine.call.cameraOff')}</button>
            <button type="button" id="tele-audio-only" class="button button-quiet"
              @click=${() => call.audioOnlyNow()}>${t('telemedicine.call.audioOnly')}</button>`}
          <button type="button" id="tele-leave" class="button button-danger" @click=${opts.onLeave}>${t(opts.leaveKey)}</button>
        </div>` : nothing}
        <section class="tele-people" aria-labelledby="tele-people-title">
          <h3 id="tele-people-title">${t('telemedicine.people.title')}</h3>
          <ul id="tele-participants" class="tele-participants">
            <li>${t('telemedicine.chat.you')}</li>
            ${call.others.map((p) => html`<li data-role=${p.role}>${peerName(ctx, p)}${p.role === 'GUEST'
              ? ` (${t('telemedicine.role.GUEST')})` : ''}${p.connected ? '' : html` <span class="hint">${
              t('telemedicine.people.connecting')}</span>`}</li>`)}
          </ul>
        </section>
      </div>
      <div class="tele-aside">
        ${chat(host, call)}
        ${opts.share && live ? share(host, opts) : nothing}
        ${opts.side || nothing}
      </div>
    </div>
  </section>`;
}

function chat(host, call) {
  const ctx = host.ctx;
  const t = (k, p) => ctx.t(k, p);
  return html`<section class="tele-chat" aria-labelledby="tele-chat-title">
    <h3 id="tele-chat-title">${t('telemedicine.chat.title')}</h3>
    <div id="tele-chat-log" class="tele-chat-log" role="log" aria-live="polite" tabindex="0"
      aria-label=${t('telemedicine.chat.log')}>
      <ol class="tele-chat-list">${call.messages.map((m) => html`<li class=${m.own ? 'tele-own' : 'tele-theirs'}>
        <span class="tele-who">${m.own ? t('telemedicine.chat.you') : peerName(ctx, m)}</span>
        <span class="tele-time">${ctx.fmt.time(m.at)}</span>
        <span class="tele-text">${m.text}</span></li>`)}</ol>
    </div>
    <form id="tele-chat-form" class="form tele-chat-form" @submit=${(e) => {
      e.preventDefault();
      const input = e.target.querySelector('input[name=text]');
      if (call.chat(input.value)) input.value = '';
    }}>
      <div class="field"><label for="tele-chat-text">${t('telemedicine.chat.message')}</label>
        <input id="tele-chat-text" name="text" maxlength="2000" autocomplete="off"></div>
      <div class="actions"><button type="submit">${t('telemedicine.chat.send')}</button></div>
    </form>
  </section>`;
}

function share(host, opts) {
  const ctx = host.ctx;
  const t = (k, p) => ctx.t(k, p);
  const submit = async (e) => {
    e.preventDefault();
    const form = e.target;
    const file = form.querySelector('input[name=file]').files[0];
    const consent = !opts.needsConsent || form.querySelector('input[name=consent]').checked;
    host.shareError = '';
    host.shareDone = '';
    if (!file) {
      host.shareError = t('telemedicine.share.fileRequired');
    } else if (!consent) {
      host.shareError = t('telemedicine.share.consentRequired');
    } else {
      try {
        const title = form.querySelector('input[name=title]').value.trim();
        const doc = await opts.share(file, title, consent);
        host.shareDone = t('telemedicine.share.done', { title: doc.title });
        form.reset();
      } catch (err) {
        host.shareError = errorText(ctx, err);
      }
    }
    host.paint();
  };
  return html`<section class="tele-share" aria-labelledby="tele-share-title">
    <h3 id="tele-share-title">${t('telemedicine.share.title')}</h3>
    <form id="tele-share-form" class="form" @submit=${submit}>
      <div class="field"><label for="tele-share-file">${t('telemedicine.share.file')}</label>
        <input id="tele-share-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"></div>
      <div class="field"><label for="tele-share-title-input">${t('telemedicine.share.fileTitle')}</label>
        <input id="tele-share-title-input" name="title" maxlength="200"></div>
      ${opts.needsConsent ? html`<div class="field tele-check">
        <input id="tele-share-consent" name="consent" type="checkbox" value="yes">
        <label for="tele-share-consent">${t('telemedicine.share.consent')}</label></div>` : nothing}
      <div class="actions"><button type="submit">${t('telemedicine.share.submit')}</button></div>
      <p class="alert alert-error kit-alert" role="alert" ?hidden=${!host.shareError}>${host.shareError || ''}</p>
      <p role="status" class="hint">${host.shareDone || ''}</p>
    </form>
  </section>`;
}
