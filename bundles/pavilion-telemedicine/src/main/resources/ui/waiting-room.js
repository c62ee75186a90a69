// /telemedicine/waiting-room: the doctor's video waiting room (who waits, since when, longest first) with Admit;
// then the call with the side panel writing the note, diagnoses and prescriptions into the EMR encounter
// (TELECONSULTATION) that admission opened. Without the EMR the panel says so and offers nothing to write.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { KitPage, alertRegion, scrollTable, focusSoon, formValues } from '/ui/shell/kit.js';
import { HOSTED, errorText, useStyles, callView, waited } from './common.js';
import { Call } from './call.js';

const REFRESH_MS = 10000;
const GUEST_MINUTES = [15, 30, 60, 120, 240];
const ROUTES = ['ORAL', 'IV', 'IM', 'SC', 'SUBLINGUAL', 'TOPICAL', 'INHALED', 'RECTAL', 'OTHER'];

class TelemedicineWaitingRoom extends KitPage {
  start() {
    useStyles();
    this.waiting = null;
    this.mine = [];
    this.error = '';
    this.panel = {};
    this.paint();
    this.load();
    this.timer = setInterval(() => { if (!this.call) this.load(); }, REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    if (this.call) this.call.leave();
  }

  async load() {
    try {
      const [waiting, inCall] = await Promise.all([this.ctx.api.get(`${HOSTED}/waiting`),
        this.ctx.api.get(HOSTED, { state: 'IN_CALL', size: 100 })]);
      this.waiting = waiting;
      const me = this.ctx.caller && this.ctx.caller.username;
      this.mine = (inCall.items || []).filter((c) => c.host === me);
      this.error = '';
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.paint();
  }

  async admit(c) {
    this.error = '';
    try {
      await this.open(await this.ctx.api.post(`${HOSTED}/${encodeURIComponent(c.id)}/admit`, {}));
    } catch (err) {
      // 409: a colleague admitted this patient a moment ago (the list is refreshed).
      this.error = errorText(this.ctx, err);
      this.paint();
      this.load();
    }
  }

  async open(c) {
    const id = encodeURIComponent(c.id);
    if (c.encounterId === undefined) {
      // A row of the list may not carry the encounter: the consultation itself does.
      try {
        c = await this.ctx.api.get(`${HOSTED}/${id}`);
      } catch (err) {
        this.error = errorText(this.ctx, err);
      }
    }
    this.current = c;
    this.panel = {};
    this.invitation = {};
    this.call = new Call({ role: 'HOST', onChange: () => this.paint(),
      ticket: () => this.ctx.api.post(`${HOSTED}/${id}/signal-ticket`, {}) });
    this.paint();
    focusSoon(this, '#tele-call-title');
    await this.call.openMedia();
    await this.call.connect();
  }

  async end() {
    try {
      this.current = await this.ctx.api.post(`${HOSTED}/${encodeURIComponent(this.current.id)}/end`, {});
      this.call.set({ state: 'ended' });
      this.call.finish('ended');
    } catch (err) {
      this.error = errorText(this.ctx, err);
      this.paint();
    }
  }

  back() {
    this.call = null;
    this.current = null;
    this.load();
    focusSoon(this, 'h1');
  }

  async share(file, title) {
    const doc = await this.ctx.api.upload(`${HOSTED}/${encodeURIComponent(this.current.id)}/files`, file,
      { title: title || undefined }, { contentType: file.type });
    const text = this.ctx.t('telemedicine.share.announce', { title: doc.title });
    this.call.send({ type: 'chat', text, documentId: doc.documentId });
    this.call.messages.push({ own: true, name: '', text, at: new Date() });
    return doc;
  }

  /** One of the panel's forms: POST to the EMR with the encounter; the entry's line shows what was written. */
  async write(e, what, path, body) {
    e.preventDefault();
    const c = this.current;
    this.panel = { ...this.panel, [what]: { error: '', done: '' } };
    try {
      await this.ctx.api.post(`/emr/records/${encodeURIComponent(c.patientMrn || c.patientId)}/${path}`,
        { ...body, encounterId: c.encounterId });
      this.panel[what].done = this.ctx.t(`telemedicine.panel.${what}.done`);
      e.target.reset();
    } catch (err) {
      this.panel[what].error = errorText(this.ctx, err);
    }
    this.paint();
  }

  /** The guest link as the doctor hands it on: the token in the fragment, which no request line or Referer carries. */
  async invite(e) {
    e.preventDefault();
    const form = e.target;
    const v = formValues(form);
    this.invitation = { busy: true };
    this.paint();
    try {
      const link = await this.ctx.api.post(`${HOSTED}/${encodeURIComponent(this.current.id)}/guest-links`,
        { guestLabel: String(v.guestLabel || '').trim(), validMinutes: Number(v.validMinutes) });
      this.invitation = { url: `${location.origin}/telemedicine/guest#${link.token}`, label: link.guestLabel,
        expiresAt: link.expiresAt };
      form.reset();
      focusSoon(this, '#tele-invite-url');
    } catch (err) {
      this.invitation = { error: errorText(this.ctx, err) };
    }
    this.paint();
  }

  async copyInvitation() {
    const inv = this.invitation;
    try {
      await navigator.clipboard.writeText(inv.url);
    } catch (err) {
      // No clipboard API (plain http on another host): the selected field and the browser's own copy.
      const field = this.querySelector('#tele-invite-url');
      field.select();
      document.execCommand('copy');
    }
    this.invitation = { ...inv, copied: true };
    this.paint();
  }

  inviteView() {
    const t = (k, p) => this.ctx.t(k, p);
    const inv = this.invitation || {};
    return html`<section id="tele-invite" class="tele-panel" aria-labelledby="tele-invite-title">
      <h3 id="tele-invite-title">${t('telemedicine.invite.title')}</h3>
      <form id="tele-invite-form" class="form" @submit=${(e) => this.invite(e)}>
        <div class="field"><label for="tele-invite-label">${t('telemedicine.invite.label')}</label>
          <input id="tele-invite-label" name="guestLabel" required maxlength="100" autocomplete="off"
            aria-describedby="tele-invite-label-hint">
          <p id="tele-invite-label-hint" class="hint">${t('telemedicine.invite.labelHint')}</p></div>
        <div class="field"><label for="tele-invite-minutes">${t('telemedicine.invite.lifetime')}</label>
          <select id="tele-invite-minutes" name="validMinutes">${GUEST_MINUTES.map((m) => html`<option value=${m}
            ?selected=${m === 60}>${waited(this.ctx, m * 60)}</option>`)}</select></div>
        <div class="actions"><button type="submit" ?disabled=${!!inv.busy}>${t('telemedicine.invite.create')}</button></div>
        <p class="alert alert-error kit-alert" role="alert" ?hidden=${!inv.error}>${inv.error || ''}</p>
      </form>
      ${inv.url ? html`<div id="tele-invite-result" class="field">
        <label for="tele-invite-url">${t('telemedicine.invite.link', { label: inv.label })}</label>
        <input id="tele-invite-url" class="tele-invite-link" readonly .value=${inv.url} @focus=${(e) => e.target.select()}
          aria-describedby="tele-invite-expiry">
        <p id="tele-invite-expiry" class="hint">${t('telemedicine.invite.expires',
          { time: this.ctx.fmt.dateTime(inv.expiresAt) })}</p>
        <div class="actions"><button type="button" id="tele-invite-copy" class="button button-quiet"
          @click=${() => this.copyInvitation()}>${t('telemedicine.invite.copy')}</button></div>
        <p role="status" class="hint">${inv.copied ? t('telemedicine.invite.copied') : ''}</p>
      </div>` : nothing}
    </section>`;
  }

  side() {
    return html`${this.inviteView()}${this.record()}`;
  }

  record() {
    const t = (k, p) => this.ctx.t(k, p);
    const c = this.current;
    const result = (what) => html`
      <p class="alert alert-error kit-alert" role="alert" ?hidden=${!(this.panel[what] && this.panel[what].error)}>${
        (this.panel[what] && this.panel[what].error) || ''}</p>
      <p role="status" class="hint">${(this.panel[what] && this.panel[what].done) || ''}</p>`;
    if (!c.encounterId) {
      return html`<section id="tele-panel" class="tele-panel" aria-labelledby="tele-panel-title">
        <h3 id="tele-panel-title">${t('telemedicine.panel.title')}</h3>
        <p class="alert alert-info">${c.encounterNote || t('telemedicine.panel.noEncounter')}</p></section>`;
    }
    return html`<section id="tele-panel" class="tele-panel" aria-labelledby="tele-panel-title">
      <h3 id="tele-panel-title">${t('telemedicine.panel.title')}</h3>
      <p class="hint">${t('telemedicine.panel.patient', { mrn: c.patientMrn || c.patientId })}</p>
      <form id="tele-note-form" class="form" @submit=${(e) => this.write(e, 'note', 'notes',
        { kind: 'CONSULTATION', text: formValues(e.target).text })}>
        <div class="field"><label for="tele-note-text">${t('telemedicine.panel.note.text')}</label>
          <textarea id="tele-note-text" name="text" rows="4" required maxlength="20000"></textarea></div>
        <div class="actions"><button type="submit">${t('telemedicine.panel.note.save')}</button></div>
        ${result('note')}
      </form>
      <form id="tele-diagnosis-form" class="form" @submit=${(e) => this.write(e, 'diagnosis', 'problems',
        formValues(e.target))}>
        <div class="field"><label for="tele-diagnosis-code">${t('telemedicine.panel.diagnosis.code')}</label>
          <input id="tele-diagnosis-code" name="code" required maxlength="10" autocomplete="off"></div>
        <div class="field"><label for="tele-diagnosis-note">${t('telemedicine.panel.diagnosis.note')}</label>
          <input id="tele-diagnosis-note" name="note" maxlength="2000"></div>
        <div class="actions"><button type="submit">${t('telemedicine.panel.diagnosis.save')}</button></div>
        ${result('diagnosis')}
      </form>
      <form id="tele-prescription-form" class="form" @submit=${(e) => {
        const v = formValues(e.target);
        this.write(e, 'prescription', 'prescriptions', { ...v,
          durationDays: v.durationDays ? Number(v.durationDays) : undefined });
      }}>
        <div class="field"><label for="tele-rx-drug">${t('telemedicine.panel.prescription.drug')}</label>
          <input id="tele-rx-drug" name="drug" required maxlength="200"></div>
        <div class="field-row">
          <div class="field"><label for="tele-rx-dose">${t('telemedicine.panel.prescription.dose')}</label>
            <input id="tele-rx-dose" name="dose" maxlength="100"></div>
          <div class="field"><label for="tele-rx-route">${t('telemedicine.panel.prescription.route')}</label>
            <select id="tele-rx-route" name="route">${ROUTES.map((r) => html`<option value=${r}>${t(`telemedicine.route.${r}`)}</option>`)}</select></div>
        </div>
        <div class="field-row">
          <div class="field"><label for="tele-rx-frequency">${t('telemedicine.panel.prescription.frequency')}</label>
            <input id="tele-rx-frequency" name="frequency" maxlength="100"></div>
          <div class="field"><label for="tele-rx-days">${t('telemedicine.panel.prescription.days')}</label>
            <input id="tele-rx-days" name="durationDays" type="number" min="1" max="365" inputmode="numeric"></div>
        </div>
        <div class="actions"><button type="submit">${t('telemedicine.panel.prescription.save')}</button></div>
        ${result('prescription')}
      </form>
    </section>`;
  }

  paint() {
    const t = (k, p) => this.ctx.t(k, p);
    const call = this.call;
    let body;
    if (call && ['ended', 'left', 'refused'].includes(call.state)) {
      body = html`<section class="card" aria-labelledby="tele-over-title">
        <h2 id="tele-over-title">${t(`telemedicine.over.${call.state}`)}</h2>
        <button type="button" class="button" id="tele-back" @click=${() => this.back()}>${t('telemedicine.over.backRoom')}</button></section>`;
    } else if (call) {
      body = html`${callView(this, call, { leaveKey: 'telemedicine.call.end', onLeave: () => this.end(),
        share: (f, title) => this.share(f, title), needsConsent: false, side: this.side() })}`;
    } else {
      body = this.listView();
    }
    render(html`<div class="page tele-page">
      <h1>${t('telemedicine.page.waitingRoom')}</h1>
      ${alertRegion(this.error)}
      ${body}
    </div>`, this);
  }

  listView() {
    const t = (k, p) => this.ctx.t(k, p);
    if (!this.waiting) return html`<p role="status">${t('telemedicine.loading')}</p>`;
    const rows = (list, action) => scrollTable(t('telemedicine.room.caption'), html`<table class="tele-table">
      <thead><tr><th scope="col">${t('telemedicine.room.patient')}</th><th scope="col">${t('telemedicine.room.appointment')}</th>
        <th scope="col">${t('telemedicine.room.waiting')}</th><th scope="col">${t('telemedicine.room.action')}</th></tr></thead>
      <tbody>${list.map((c) => html`<tr data-consultation=${c.id}>
        <td>${c.patientName || c.patientMrn || c.patientId}</td>
        <td>${this.ctx.fmt.time(c.scheduledStart)}${c.serviceName ? ` · ${c.serviceName}` : ''}</td>
        <td>${c.arrivedAt ? t('telemedicine.room.since', { time: this.ctx.fmt.time(c.arrivedAt),
          waited: waited(this.ctx, c.waitingSeconds) }) : ''}</td>
        <td>${action(c)}</td></tr>`)}</tbody></table>`);
    return html`
      <section aria-labelledby="tele-room-title">
        <h2 id="tele-room-title">${t('telemedicine.room.title')}</h2>
        <p role="status">${t('telemedicine.room.count', { n: this.ctx.fmt.number(this.waiting.length) })}</p>
        ${this.waiting.length ? rows(this.waiting, (c) => html`<button type="button" class="button tele-admit"
          aria-label=${t('telemedicine.room.admitNamed', { patient: c.patientName || c.patientMrn || c.patientId })}
          @click=${() => this.admit(c)}>${t('telemedicine.room.admit')}</button>`) : nothing}
      </section>
      ${this.mine.length ? html`<section aria-labelledby="tele-mine-title">
        <h2 id="tele-mine-title">${t('telemedicine.room.mine')}</h2>
        ${rows(this.mine, (c) => html`<button type="button" class="button tele-rejoin"
          aria-label=${t('telemedicine.room.rejoinNamed', { patient: c.patientName || c.patientMrn || c.patientId })}
          @click=${() => this.open(c)}>${t('telemedicine.room.rejoin')}</button>`)}</section>` : nothing}`;
  }
}

if (!customElements.get('telemedicine-waiting-room')) {
  customElements.define('telemedicine-waiting-room', TelemedicineWaitingRoom);
}
