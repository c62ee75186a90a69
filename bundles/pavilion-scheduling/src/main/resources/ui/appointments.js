// /appointments: the desk's day list (date + doctor) with check-in, complete, cancel and reschedule, and the booking
// form (patient → service/doctor/dates → free slots → book). A 409 means somebody took the slot: say so, refresh.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { BASE, SlotPicker, isoDay, timeOf, when, statusLabel, visitLabel, errorText, isClash, useStyles } from './common.js';

const PATIENTS = '/emr/patients';
const PAGE_SIZE = 100;

class SchedulingAppointments extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.day = isoDay();
    this.doctorId = '';
    // The chart's "book" link opens this page with its patient (navigation state, never the address)
    this.prefillPatient = (ctx.state && ctx.state.patientId) || '';
    this.picker = new SlotPicker(this, 'book');
    this.movePicker = new SlotPicker(this, 'move');
    this.paint();
    this.picker.loadCatalogue().then(() => { this.movePicker.services = this.picker.services;
      this.movePicker.doctors = this.picker.doctors; this.paint(); });
    this.loadDay();
  }

  get ctx() { return this._ctx; }

  can(p) { return this._ctx.caller && this._ctx.caller.can(p); }

  /** The EMR's patient search is offered when the EMR's patient pages are there for this user. */
  emrSearch() {
    return (this._ctx.pages('patients') || []).some((p) => p.route === '/patients');
  }

  async loadDay() {
    const q = { day: this.day, size: PAGE_SIZE };
    if (this.doctorId) q.doctorId = this.doctorId;
    try {
      const page = await this._ctx.api.get(`${BASE}/appointments`, q);
      this.items = page.items || [];
      this.listError = '';
      this.loadNames(this.items);
    } catch (err) {
      this.items = [];
      this.listError = errorText(this._ctx, err);
    }
    this.paint();
  }

  /** The desk needs names, not only MRNs: read through the EMR's search when it is there (one call per new MRN). */
  async loadNames(items) {
    if (!this.emrSearch()) return;
    this.names = this.names || new Map();
    const missing = [...new Set(items.map((a) => a.patientId))].filter((id) => !this.names.has(id)).slice(0, 50);
    await Promise.all(missing.map(async (mrn) => {
      try {
        const page = await this._ctx.api.get(PATIENTS, { mrn, size: 1 });
        const p = (page.items || []).find((x) => x.mrn === mrn);
        this.names.set(mrn, p ? [p.familyName, p.givenName].filter(Boolean).join(', ') : '');
      } catch (err) {
        this.names.set(mrn, ''); // not allowed or not found: the MRN alone is shown
      }
    }));
    if (missing.length) this.paint();
  }

  patientLabel(a) {
    const name = this.names && this.names.get(a.patientId);
    return name ? `${name} (${a.patientId})` : a.patientId;
  }

  dayChanged(e) {
    e.preventDefault();
    const data = new FormData(e.target);
    this.day = (data.get('day') || '').toString() || isoDay();
    this.doctorId = (data.get('doctorId') || '').toString();
    this.loadDay();
  }

  async step(a, action, body, doneKey) {
    this.rowError = '';
    try {
      await this._ctx.api.post(`${BASE}/appointments/${encodeURIComponent(a.id)}/${action}`, body || {});
      this._ctx.notify(this._ctx.t(doneKey), 'success');
      this.cancelling = null;
      this.moving = null;
    } catch (err) {
      this.rowError = errorText(this._ctx, err);
      if (isClash(err) && action === 'reschedule') {
        this.rowError = this._ctx.t('scheduling.book.taken');
        await this.movePicker.refresh();
      }
    }
    await this.loadDay();
  }

  startCancel(a) {
    this.cancelling = a;
    this.moving = null;
    this.paint();
    this.querySelector('#cancel-reason')?.focus();
  }

  cancelSubmit(e) {
    e.preventDefault();
    const reason = new FormData(e.target).get('reason').toString().trim();
    if (!reason) {
      this.rowError = this._ctx.t('scheduling.cancel.reasonRequired');
      this.paint();
      this.querySelector('#cancel-reason')?.focus();
      return;
    }
    this.step(this.cancelling, 'cancel', { reason }, 'scheduling.done.cancelled');
  }

  startMove(a) {
    this.moving = a;
    this.cancelling = null;
    this.movePicker.slots = null;
    this.movePicker.chosen = null;
    this.paint();
    this.querySelector('#move-service')?.focus();
  }

  moveSearch(e) {
    e.preventDefault();
    this.movePicker.search(e.target);
  }

  moveSubmit() {
    const s = this.movePicker.chosen;
    if (!s) return;
    this.step(this.moving, 'reschedule', { start: s.start, doctorId: s.doctorId }, 'scheduling.done.moved');
  }

  // Booking: patient search as you type through the EMR when it is installed
  patientInput(e) {
    const text = e.target.value.trim();
    clearTimeout(this.patientTimer);
    if (!this.emrSearch() || text.length < 2) {
      this.patients = null;
      this.paint();
      return;
    }
    this.patientTimer = setTimeout(() => this.findPatients(text), 300);
  }

  async findPatients(text) {
    this.patientAbort?.abort();
    this.patientAbort = new AbortController();
    const q = /^[0-9]{10,18}$/.test(text) ? { mrn: text } : { name: text };
    try {
      const page = await this._ctx.api.get(PATIENTS, { ...q, size: 8 }, { signal: this.patientAbort.signal });
      this.patients = page.items || [];
    } catch (err) {
      if (err.name === 'AbortError') return;
      this.patients = null;
    }
    this.paint();
  }

  pickPatient(p) {
    const input = this.querySelector('#booking-patient');
    input.value = p.mrn;
    this.prefillPatient = p.mrn;
    this.patientName = [p.familyName, p.givenName].filter(Boolean).join(', ');
    this.patients = null;
    this.paint();
    input.focus();
  }

  searchChanged() {
    if (this.picker.chosen) this.picker.choose(null);
  }

  findSlots() {
    this.bookError = '';
    this.picker.search(this.querySelector('#booking-form'));
  }

  async book(e) {
    e.preventDefault();
    const form = e.target;
    const data = new FormData(form);
    const patientId = (data.get('patientId') || '').toString().trim();
    this.bookError = '';
    if (!patientId) {
      this.bookError = this._ctx.t('scheduling.book.patientRequired');
      this.paint();
      form.querySelector('#booking-patient').focus();
      return;
    }
    const slot = this.picker.chosen;
    if (!slot) {
      await this.picker.search(form); // the submit first finds the slots, then books the one chosen
      return;
    }
    this.saving = true;
    this.paint();
    try {
      const a = await this._ctx.api.post(`${BASE}/appointments`, { patientId, doctorId: slot.doctorId,
        serviceCode: slot.serviceCode, visitType: slot.visitType, start: slot.start,
        reason: (data.get('reason') || '').toString().trim() || undefined });
      this._ctx.notify(this._ctx.t('scheduling.done.booked', { code: a.bookingCode, when: when(this._ctx, a) }), 'success');
      this.lastBooked = a;
      this.picker.slots = null;
      this.picker.chosen = null;
      form.querySelector('#booking-reason').value = '';
      if (a.localStart && a.localStart.startsWith(this.day)) await this.loadDay();
    } catch (err) {
      if (isClash(err)) {
        this.bookError = this._ctx.t('scheduling.book.taken');
        await this.picker.refresh();
      } else {
        this.bookError = errorText(this._ctx, err);
      }
    } finally {
      this.saving = false;
      this.paint();
    }
  }

  rowActions(a) {
    const t = (k, p) => this._ctx.t(k, p);
    const who = { patient: this.patientLabel(a), time: timeOf(this._ctx, a) };
    return html`<div class="scheduling-row-actions">
      ${a.status === 'BOOKED' && this.can('scheduling.appointment.check-in') ? html`<button type="button" class="button"
        aria-label=${t('scheduling.action.checkInNamed', who)} @click=${() => this.step(a, 'check-in', null,
          'scheduling.done.checkedIn')}>${t('scheduling.action.checkIn')}</button>` : nothing}
      ${a.status === 'CHECKED_IN' && this.can('scheduling.appointment.complete') ? html`<button type="button" class="button"
        aria-label=${t('scheduling.action.completeNamed', who)} @click=${() => this.step(a, 'complete', null,
          'scheduling.done.completed')}>${t('scheduling.action.complete')}</button>` : nothing}
      ${a.status === 'BOOKED' && this.can('scheduling.appointment.book') ? html`
        <button type="button" class="button button-quiet" aria-label=${t('scheduling.action.rescheduleNamed', who)}
          @click=${() => this.startMove(a)}>${t('scheduling.action.reschedule')}</button>
        <button type="button" class="button button-quiet" aria-label=${t('scheduling.action.cancelNamed', who)}
          @click=${() => this.startCancel(a)}>${t('scheduling.action.cancel')}</button>` : nothing}
    </div>`;
  }

  dayList() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const items = this.items || [];
    return html`<section class="scheduling-section" aria-labelledby="day-title">
      <h2 id="day-title">${t('scheduling.day.title')}</h2>
      <form id="day-form" class="form" @submit=${(e) => this.dayChanged(e)}>
        <div class="field-row">
          <div class="field"><label for="day-date">${t('scheduling.field.day')}</label>
            <input id="day-date" name="day" type="date" required .value=${this.day}></div>
          <div class="field"><label for="day-doctor">${t('scheduling.field.doctor')}</label>
            <select id="day-doctor" name="doctorId">
              <option value="">${t('scheduling.field.allDoctors')}</option>
              ${this.picker.doctors.map((d) => html`<option value=${d.id} ?selected=${d.id === this.doctorId}>${d.displayName}</option>`)}
            </select></div>
          <div class="actions"><button type="submit">${t('scheduling.day.show')}</button></div>
        </div>
      </form>
      ${this.listError ? html`<p class="alert alert-error" role="alert">${this.listError}</p>` : nothing}
      ${this.rowError ? html`<p class="alert alert-error" role="alert">${this.rowError}</p>` : nothing}
      ${this.items && !items.length && !this.listError ? html`<p>${t('scheduling.day.none')}</p>` : nothing}
      ${items.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="day-caption">
        <table id="day-list"><caption id="day-caption">${t('scheduling.day.caption', { day: ctx.fmt.date(this.day) })}</caption>
          <thead><tr><th scope="col">${t('scheduling.col.time')}</th><th scope="col">${t('scheduling.col.patient')}</th>
            <th scope="col">${t('scheduling.col.doctor')}</th><th scope="col">${t('scheduling.col.service')}</th>
            <th scope="col">${t('scheduling.col.status')}</th><th scope="col">${t('scheduling.col.actions')}</th></tr></thead>
          <tbody>${items.map((a) => html`<tr data-appointment=${a.id}>
            <td>${timeOf(ctx, a)}</td>
            <td>${this.patientLabel(a)}</td>
            <td>${a.doctorName || a.doctorId}</td>
            <td>${a.serviceName || a.serviceCode}${a.visitType === 'VIDEO' ? html` (${visitLabel(ctx, 'VIDEO')})` : nothing}</td>
            <td>${statusLabel(ctx, a.status)}${a.late ? html` <span class="scheduling-late">${t('scheduling.late')}</span>` : nothing}</td>
            <td>${this.rowActions(a)}</td></tr>`)}</tbody></table></div>` : nothing}
      ${this.cancelling ? html`<form id="cancel-form" class="form card" @submit=${(e) => this.cancelSubmit(e)}>
        <h3>${t('scheduling.cancel.title', { when: when(ctx, this.cancelling), patient: this.patientLabel(this.cancelling) })}</h3>
        <div class="field"><label for="cancel-reason">${t('scheduling.field.cancelReason')}</label>
          <input id="cancel-reason" name="reason" required maxlength="500"></div>
        <div class="actions"><button type="submit" class="button-danger">${t('scheduling.cancel.submit')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.cancelling = null; this.paint(); }}>
            ${t('scheduling.action.back')}</button></div>
      </form>` : nothing}
      ${this.moving ? html`<form id="reschedule-form" class="form card" @submit=${(e) => this.moveSearch(e)}>
        <h3>${t('scheduling.move.title', { when: when(ctx, this.moving), patient: this.patientLabel(this.moving) })}</h3>
        ${this.movePicker.fields({ doctorId: this.moving.doctorId })}
        <div class="actions"><button type="submit">${t('scheduling.book.search')}</button>
          <button type="button" class="button button-quiet" @click=${() => { this.moving = null; this.paint(); }}>
            ${t('scheduling.action.back')}</button></div>
        ${this.movePicker.list('move-slots')}
        ${this.movePicker.chosen ? html`<div class="actions"><button type="button" class="button" id="move-confirm"
          @click=${() => this.moveSubmit()}>${t('scheduling.move.submit', { when: when(ctx, this.movePicker.chosen) })}</button></div>` : nothing}
      </form>` : nothing}
    </section>`;
  }

  bookingForm() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const pk = this.picker;
    return html`<section class="scheduling-section" aria-labelledby="book-title">
      <h2 id="book-title">${t('scheduling.book.title')}</h2>
      <form id="booking-form" class="form" novalidate @submit=${(e) => this.book(e)} @change=${(e) => {
        if (e.target.name !== 'reason' && e.target.name !== 'patientId') this.searchChanged(); }}>
        <div class="field"><label for="booking-patient">${t('scheduling.field.patient')}</label>
          <input id="booking-patient" name="patientId" required autocomplete="off" spellcheck="false"
            aria-describedby="booking-patient-hint" .value=${this.prefillPatient} @input=${(e) => this.patientInput(e)}>
          <p id="booking-patient-hint" class="hint">${this.emrSearch() ? t('scheduling.field.patientSearchHint')
            : t('scheduling.field.patientHint')}</p>
          ${this.patients ? html`<ul id="booking-patient-results" class="link-list" aria-label=${t('scheduling.book.patientResults')}>
            ${this.patients.length ? this.patients.map((p) => html`<li><button type="button" class="button button-quiet"
              @click=${() => this.pickPatient(p)}>${[p.familyName, p.givenName].filter(Boolean).join(', ')} · ${p.mrn}${
                p.birthDate ? ` · ${ctx.fmt.date(p.birthDate)}` : ''}</button></li>`)
              : html`<li>${t('scheduling.book.noPatient')}</li>`}</ul>` : nothing}
        </div>
        ${pk.fields()}
        <div class="actions"><button type="button" class="button button-quiet" id="find-slots"
          @click=${() => this.findSlots()}>${t('scheduling.book.search')}</button></div>
        ${pk.list('free-slots')}
        <div class="field"><label for="booking-reason">${t('scheduling.field.reason')}</label>
          <input id="booking-reason" name="reason" maxlength="500"></div>
        ${this.bookError ? html`<p class="alert alert-error" role="alert">${this.bookError}</p>` : nothing}
        <div class="actions"><button type="submit" ?disabled=${this.saving}>${pk.chosen
          ? t('scheduling.book.submitAt', { when: when(ctx, pk.chosen) }) : t('scheduling.book.submit')}</button></div>
      </form>
      ${this.lastBooked ? html`<p class="alert alert-success" role="status" id="booked">${t('scheduling.done.booked',
        { code: this.lastBooked.bookingCode, when: when(ctx, this.lastBooked) })}</p>` : nothing}
    </section>`;
  }

  paint() {
    if (!this._ctx) return;
    const t = (k, p) => this._ctx.t(k, p);
    render(html`<div class="page">
      <h1 tabindex="-1">${t('scheduling.page.appointments')}</h1>
      ${this.dayList()}
      ${this.can('scheduling.appointment.book') ? this.bookingForm() : nothing}
    </div>`, this);
  }
}

if (!customElements.get('scheduling-appointments')) {
  customElements.define('scheduling-appointments', SchedulingAppointments);
}
