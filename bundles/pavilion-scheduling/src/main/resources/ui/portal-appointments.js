// /portal/appointments: the patient's own appointments (upcoming with booking code and QR code, past with feedback),
// booking (service or specialty → free slots → book), moving and cancelling. Always the caller's own record.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { BASE, SlotPicker, isUpcoming, when, statusLabel, visitLabel, errorText, isClash, useStyles } from './common.js';

const MY = `${BASE}/my/appointments`;

class SchedulingPortalAppointments extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.picker = new SlotPicker(this, 'portal-book');
    this.movePicker = new SlotPicker(this, 'portal-move');
    this.qr = new Map(); // appointment id → blob: URL of its QR code
    this.paint();
    this.load();
    this.picker.loadCatalogue().then(() => { this.movePicker.services = this.picker.services;
      this.movePicker.doctors = this.picker.doctors; this.paint(); });
  }

  get ctx() { return this._ctx; }

  disconnectedCallback() {
    for (const url of (this.qr || new Map()).values()) URL.revokeObjectURL(url);
  }

  async load() {
    try {
      const page = await this._ctx.api.get(MY, { size: 100 });
      const now = Date.now();
      const items = page.items || [];
      this.upcoming = items.filter((a) => isUpcoming(a, now))
        .sort((a, b) => a.start.localeCompare(b.start));
      this.past = items.filter((a) => !this.upcoming.includes(a)).sort((a, b) => b.start.localeCompare(a.start));
      this.error = '';
      this.loadQrCodes();
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  /** The QR code is an SVG behind the session: fetched as a blob and shown through a blob: URL (CSP img-src blob:). */
  async loadQrCodes() {
    for (const a of this.upcoming.filter((x) => x.status === 'BOOKED' && !this.qr.has(x.id))) {
      try {
        const blob = await this._ctx.api.blob(`${MY}/${encodeURIComponent(a.id)}/qr`);
        this.qr.set(a.id, URL.createObjectURL(blob));
      } catch (err) {
        // No QR code (e.g. no longer BOOKED): the code in letters is still shown
      }
    }
    this.paint();
  }

  async book(e) {
    e.preventDefault();
    const form = e.target;
    const slot = this.picker.chosen;
    this.bookError = '';
    if (!slot) {
      await this.picker.search(form);
      return;
    }
    try {
      const reason = new FormData(form).get('reason').toString().trim();
      const a = await this._ctx.api.post(MY, { doctorId: slot.doctorId, serviceCode: slot.serviceCode,
        visitType: slot.visitType, start: slot.start, reason: reason || undefined });
      this._ctx.notify(this._ctx.t('scheduling.done.booked', { code: a.bookingCode, when: when(this._ctx, a) }), 'success');
      this.picker.slots = null;
      this.picker.chosen = null;
      this.booking = false;
      await this.load();
      this.querySelector(`[data-appointment="${a.id}"] h3`)?.focus();
    } catch (err) {
      if (isClash(err)) {
        this.bookError = this._ctx.t('scheduling.book.taken');
        await this.picker.refresh();
      } else {
        this.bookError = errorText(this._ctx, err);
      }
    }
    this.paint();
  }

  async act(a, action, body, doneKey) {
    this.actError = '';
    try {
      await this._ctx.api.post(`${MY}/${encodeURIComponent(a.id)}/${action}`, body || {});
      this._ctx.notify(this._ctx.t(doneKey), 'success');
      this.moving = null;
      this.cancelling = null;
      if (this.qr.has(a.id)) {
        URL.revokeObjectURL(this.qr.get(a.id));
        this.qr.delete(a.id);
      }
      await this.load();
    } catch (err) {
      this.actError = isClash(err) && action === 'reschedule' ? this._ctx.t('scheduling.book.taken') : errorText(this._ctx, err);
      if (isClash(err) && action === 'reschedule') await this.movePicker.refresh();
      this.paint();
    }
  }

  async feedback(e, a) {
    e.preventDefault();
    const data = new FormData(e.target);
    const rating = Number(data.get('rating'));
    this.feedbackError = '';
    if (!rating) {
      this.feedbackError = this._ctx.t('scheduling.feedback.ratingRequired');
      this.paint();
      return;
    }
    try {
      await this._ctx.api.post(`${BASE}/my/feedback/${encodeURIComponent(a.id)}`,
        { rating, comment: data.get('comment').toString().trim() || undefined });
      this._ctx.notify(this._ctx.t('scheduling.feedback.thanks'), 'success');
      this.rated = { ...(this.rated || {}), [a.id]: true };
      this.rating = null;
    } catch (err) {
      this.feedbackError = err && err.status === 409 ? this._ctx.t('scheduling.feedback.already') : errorText(this._ctx, err);
    }
    this.paint();
  }

  upcomingCard(a) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const qr = this.qr.get(a.id);
    return html`<li class="card" data-appointment=${a.id}>
      <h3 tabindex="-1">${when(ctx, a)}</h3>
      <dl class="facts">
        <dt>${t('scheduling.col.doctor')}</dt><dd>${a.doctorName || a.doctorId}</dd>
        <dt>${t('scheduling.col.service')}</dt><dd>${a.serviceName || a.serviceCode} (${visitLabel(ctx, a.visitType)})</dd>
        ${a.location ? html`<dt>${t('scheduling.hours.location')}</dt><dd>${a.location}</dd>` : nothing}
        <dt>${t('scheduling.col.status')}</dt><dd>${statusLabel(ctx, a.status)}</dd>
        ${a.status === 'BOOKED' ? html`<dt>${t('scheduling.code')}</dt><dd class="scheduling-code">${a.bookingCode}</dd>` : nothing}
      </dl>
      ${qr ? html`<img class="scheduling-qr" src=${qr} alt=${t('scheduling.qrAlt', { code: a.bookingCode })}>` : nothing}
      ${a.status === 'BOOKED' ? html`<div class="scheduling-row-actions">
        <button type="button" class="button button-quiet" aria-label=${t('scheduling.action.rescheduleWhen', { when: when(ctx, a) })}
          @click=${() => { this.moving = a; this.cancelling = null; this.movePicker.slots = null; this.paint(); }}>${t('scheduling.action.reschedule')}</button>
        <button type="button" class="button button-quiet" aria-label=${t('scheduling.action.cancelWhen', { when: when(ctx, a) })}
          @click=${() => { this.cancelling = a; this.moving = null; this.paint(); }}>${t('scheduling.action.cancel')}</button>
      </div>` : nothing}
      ${this.cancelling === a ? html`<form id="portal-cancel-form" class="form" @submit=${(e) => { e.preventDefault();
        this.act(a, 'cancel', { reason: new FormData(e.target).get('reason').toString().trim() || undefined }, 'scheduling.done.cancelled'); }}>
        <div class="field"><label for="portal-cancel-reason">${t('scheduling.field.cancelReasonOptional')}</label>
          <input id="portal-cancel-reason" name="reason" maxlength="500"></div>
        <div class="actions"><button type="submit" class="button-danger">${t('scheduling.cancel.submit')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.cancelling = null; this.paint(); }}>${t('scheduling.action.back')}</button></div>
      </form>` : nothing}
      ${this.moving === a ? html`<form id="portal-reschedule-form" class="form" @submit=${(e) => { e.preventDefault(); this.movePicker.search(e.target); }}>
        ${this.movePicker.fields({ doctorId: a.doctorId })}
        <div class="actions"><button type="submit">${t('scheduling.book.search')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.moving = null; this.paint(); }}>${t('scheduling.action.back')}</button></div>
        ${this.movePicker.list('portal-move-slots')}
        ${this.movePicker.chosen ? html`<div class="actions"><button type="button" class="button" @click=${() => this.act(a, 'reschedule',
          { start: this.movePicker.chosen.start, doctorId: this.movePicker.chosen.doctorId }, 'scheduling.done.moved')}>
          ${t('scheduling.move.submit', { when: when(ctx, this.movePicker.chosen) })}</button></div>` : nothing}
      </form>` : nothing}
      ${(this.cancelling === a || this.moving === a) && this.actError ? html`<p class="alert alert-error" role="alert">${this.actError}</p>` : nothing}
    </li>`;
  }

  pastRow(a) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const canRate = a.status === 'COMPLETED' && !(this.rated && this.rated[a.id]);
    return html`<li class="card" data-appointment=${a.id}>
      <h3>${when(ctx, a)}</h3>
      <p>${a.doctorName || a.doctorId} · ${a.serviceName || a.serviceCode} · ${statusLabel(ctx, a.status)}</p>
      ${canRate && this.rating !== a ? html`<button type="button" class="button button-quiet"
        aria-label=${t('scheduling.feedback.giveNamed', { when: when(ctx, a) })}
        @click=${() => { this.rating = a; this.feedbackError = ''; this.paint(); this.querySelector('#feedback-rating')?.focus(); }}>
        ${t('scheduling.feedback.give')}</button>` : nothing}
      ${this.rating === a ? html`<form id="feedback-form" class="form" @submit=${(e) => this.feedback(e, a)}>
        <div class="field"><label for="feedback-rating">${t('scheduling.feedback.rating')}</label>
          <select id="feedback-rating" name="rating" required><option value="">${t('scheduling.feedback.choose')}</option>
            ${[5, 4, 3, 2, 1].map((n) => html`<option value=${n}>${t(`scheduling.feedback.stars${n}`)}</option>`)}</select></div>
        <div class="field"><label for="feedback-comment">${t('scheduling.feedback.comment')}</label>
          <textarea id="feedback-comment" name="comment" maxlength="2000"></textarea></div>
        ${this.feedbackError ? html`<p class="alert alert-error" role="alert">${this.feedbackError}</p>` : nothing}
        <div class="actions"><button type="submit">${t('scheduling.feedback.send')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.rating = null; this.paint(); }}>${t('scheduling.action.back')}</button></div>
      </form>` : nothing}
    </li>`;
  }

  paint() {
    if (!this._ctx) return;
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    render(html`<div class="page" id="portal-appointments">
      <h1 tabindex="-1">${t('scheduling.page.portal')}</h1>
      ${this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : nothing}
      <p class="actions"><button type="button" class="button" id="portal-book-open" aria-expanded=${this.booking ? 'true' : 'false'}
        @click=${() => { this.booking = !this.booking; this.paint(); }}>${t('scheduling.book.title')}</button></p>
      ${this.booking ? html`<form id="booking-form" class="form card" novalidate @submit=${(e) => this.book(e)}
        @change=${(e) => { if (e.target.name !== 'reason' && this.picker.chosen) this.picker.choose(null); }}>
        <h2>${t('scheduling.book.title')}</h2>
        ${this.picker.fields()}
        <div class="actions"><button type="button" class="button button-quiet"
          @click=${() => this.picker.search(this.querySelector('#booking-form'))}>${t('scheduling.book.search')}</button></div>
        ${this.picker.list('free-slots')}
        <div class="field"><label for="portal-booking-reason">${t('scheduling.field.reason')}</label>
          <input id="portal-booking-reason" name="reason" maxlength="500"></div>
        ${this.bookError ? html`<p class="alert alert-error" role="alert">${this.bookError}</p>` : nothing}
        <div class="actions"><button type="submit">${this.picker.chosen
          ? t('scheduling.book.submitAt', { when: when(ctx, this.picker.chosen) }) : t('scheduling.book.submit')}</button></div>
      </form>` : nothing}
      <h2>${t('scheduling.upcoming')}</h2>
      ${this.upcoming ? (this.upcoming.length ? html`<ul class="card-grid scheduling-list">${this.upcoming.map((a) => this.upcomingCard(a))}</ul>`
        : html`<p>${t('scheduling.none')}</p>`) : html`<p role="status">${t('scheduling.loading')}</p>`}
      <h2>${t('scheduling.past')}</h2>
      ${this.past ? (this.past.length ? html`<ul class="card-grid scheduling-list">${this.past.map((a) => this.pastRow(a))}</ul>`
        : html`<p>${t('scheduling.none')}</p>`) : nothing}
    </div>`, this);
  }
}

if (!customElements.get('scheduling-portal-appointments')) {
  customElements.define('scheduling-portal-appointments', SchedulingPortalAppointments);
}
