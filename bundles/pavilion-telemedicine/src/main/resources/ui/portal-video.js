// /portal/video: the patient's video consultations. Entering one's waiting room ("the doctor will see you soon")
// opens the signalling connection at once, so the call starts the moment the doctor admits; then the call view
// with chat and file sharing into one's own record (with consent). Always the caller's own consultations.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { KitPage, alertRegion, focusSoon } from '/ui/shell/kit.js';
import { MY, errorText, useStyles, callView, waited } from './common.js';
import { OPEN } from './portal-card.js';
import { Call } from './call.js';

class TelemedicinePortalVideo extends KitPage {
  start() {
    useStyles();
    this.list = null;
    this.error = '';
    this.paint();
    this.load();
  }

  disconnectedCallback() {
    if (this.call) this.call.leave();
    clearInterval(this.clock);
  }

  async load() {
    try {
      this.list = (await this.ctx.api.get(MY)).filter((c) => OPEN.includes(c.state))
        .sort((a, b) => String(a.scheduledStart).localeCompare(String(b.scheduledStart)));
      this.error = '';
      // Back on the page while a call goes on (a reload): straight back into it.
      const inCall = this.list.find((c) => c.state === 'IN_CALL' || c.state === 'WAITING');
      if (inCall && !this.call) this.enter(inCall);
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.paint();
  }

  async enter(c) {
    this.error = '';
    try {
      this.current = c.state === 'SCHEDULED'
        ? await this.ctx.api.post(`${MY}/${encodeURIComponent(c.id)}/arrive`, {}) : c;
    } catch (err) {
      this.error = errorText(this.ctx, err);
      this.paint();
      return;
    }
    const id = encodeURIComponent(this.current.id);
    this.call = new Call({ role: 'PATIENT', onChange: () => this.paint(),
      ticket: () => this.ctx.api.post(`${MY}/${id}/signal-ticket`, {}) });
    // The minute count of the waiting room moves on by itself.
    this.clock = setInterval(() => this.paint(), 30000);
    this.paint();
    focusSoon(this, '#tele-waiting-title, #tele-call-title');
    await this.call.openMedia();
    await this.call.connect();
  }

  async share(file, title, consent) {
    const id = encodeURIComponent(this.current.id);
    const doc = await this.ctx.api.upload(`${MY}/${id}/files`, file, { title: title || undefined, consent },
      { contentType: file.type });
    this.call.send({ type: 'chat', text: this.ctx.t('telemedicine.share.announce', { title: doc.title }),
      documentId: doc.documentId });
    this.call.messages.push({ own: true, name: '', at: new Date(),
      text: this.ctx.t('telemedicine.share.announce', { title: doc.title }) });
    return doc;
  }

  leave() {
    this.call.leave();
  }

  back() {
    clearInterval(this.clock);
    this.call = null;
    this.current = null;
    this.load();
    focusSoon(this, 'h1');
  }

  waitingRoom() {
    const t = (k, p) => this.ctx.t(k, p);
    const c = this.current;
    const since = c.arrivedAt ? (Date.now() - Date.parse(c.arrivedAt)) / 1000 : 0;
    return html`<section id="tele-waiting" class="card tele-waiting" aria-labelledby="tele-waiting-title">
      <h2 id="tele-waiting-title" tabindex="-1">${t('telemedicine.waiting.soon')}</h2>
      <p>${t('telemedicine.waiting.with', { doctor: c.doctorName || '', when: this.ctx.fmt.dateTime(c.scheduledStart) })}</p>
      ${c.arrivedAt ? html`<p>${t('telemedicine.waiting.since', { time: this.ctx.fmt.time(c.arrivedAt), waited: waited(this.ctx, since) })}</p>` : nothing}
      <p id="tele-status" role="status">${t(`telemedicine.call.${this.call.state}`, { name: '' })}</p>
      <div class="tele-videos tele-preview">
        <video id="tele-local-video" class="tele-local" autoplay playsinline muted .muted=${true} .srcObject=${this.call.local || null}
          aria-label=${t('telemedicine.call.localVideo')}></video>
      </div>
      <p class="hint">${t('telemedicine.waiting.hint')}</p>
      <div class="actions"><button type="button" id="tele-leave" class="button button-quiet" @click=${() => this.leave()}>
        ${t('telemedicine.waiting.leave')}</button></div>
    </section>`;
  }

  paint() {
    const t = (k, p) => this.ctx.t(k, p);
    const call = this.call;
    let body;
    if (call && (call.state === 'waiting' || call.state === 'media' || (call.state === 'connecting' && !call.pc))) {
      body = this.waitingRoom();
    } else if (call && ['ended', 'left', 'refused'].includes(call.state)) {
      body = html`<section class="card" aria-labelledby="tele-over-title">
        <h2 id="tele-over-title">${t(`telemedicine.over.${call.state}`)}</h2>
        <button type="button" class="button" @click=${() => this.back()}>${t('telemedicine.over.back')}</button></section>`;
    } else if (call) {
      body = callView(this, call, { leaveKey: 'telemedicine.call.leave', onLeave: () => this.leave(),
        share: (f, title, consent) => this.share(f, title, consent), needsConsent: true });
    } else {
      body = this.listView();
    }
    render(html`<div class="page tele-page">
      <h1>${t('telemedicine.page.portal')}</h1>
      ${alertRegion(this.error)}
      ${body}
    </div>`, this);
  }

  listView() {
    const t = (k, p) => this.ctx.t(k, p);
    if (!this.list) return html`<p role="status">${t('telemedicine.loading')}</p>`;
    if (!this.list.length) return html`<p>${t('telemedicine.card.none')}</p>`;
    return html`<ul class="tele-list">${this.list.map((c) => html`<li class="card" data-consultation=${c.id}>
      <h2>${this.ctx.fmt.dateTime(c.scheduledStart)}</h2>
      <p>${c.doctorName || ''}${c.serviceName ? html` · ${c.serviceName}` : nothing}</p>
      <p>${t(`telemedicine.state.${c.state}`)}</p>
      <button type="button" class="button tele-enter" @click=${() => this.enter(c)}
        aria-label=${t('telemedicine.waiting.enterAt', { when: this.ctx.fmt.dateTime(c.scheduledStart) })}>
        ${t('telemedicine.waiting.enter')}</button>
    </li>`)}</ul>`;
  }
}

if (!customElements.get('telemedicine-portal-video')) {
  customElements.define('telemedicine-portal-video', TelemedicinePortalVideo);
}
