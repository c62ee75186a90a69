// /scheduling/doctors: the doctors of the directory, a profile form (new or edit) and the weekly working hours.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { BASE, errorText, useStyles } from './common.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function list(text, separator) {
  return (text || '').split(separator).map((s) => s.trim()).filter(Boolean);
}

class SchedulingDoctors extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.load();
  }

  can(p) { return this._ctx.caller.can(p); }

  async load() {
    try {
      const [doctors, services] = await Promise.all([this._ctx.api.get(`${BASE}/doctors`, { size: 100 }),
        this._ctx.api.get(`${BASE}/services`)]);
      this.doctors = doctors.items || [];
      this.services = services || [];
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  async open(id) {
    this.formError = '';
    this.schedule = null;
    this.conflicts = null;
    try {
      this.editing = id ? await this._ctx.api.get(`${BASE}/doctors/${encodeURIComponent(id)}`) : { services: [] };
      if (id && this.can('scheduling.schedule.view')) await this.loadSchedule();
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
    this.querySelector('#doctor-displayName')?.focus();
  }

  async loadSchedule() {
    this.schedule = await this._ctx.api.get(`${BASE}/doctors/${encodeURIComponent(this.editing.id)}/schedule`);
  }

  async save(e) {
    e.preventDefault();
    const form = e.target;
    const data = new FormData(form);
    const previous = new Map((this.editing.services || []).map((s) => [s.code, s.slotMinutes]));
    const body = {
      displayName: data.get('displayName').toString().trim(),
      title: data.get('title').toString().trim() || null,
      username: data.get('username').toString().trim() || null,
      biography: data.get('biography').toString().trim() || null,
      specialties: list(data.get('specialties'), ','),
      languages: list(data.get('languages'), ','),
      education: list(data.get('education'), '\n'),
      achievements: list(data.get('achievements'), '\n'),
      services: data.getAll('services').map((code) => ({ code, slotMinutes: previous.get(code) || null })),
      active: data.get('active') === 'on',
    };
    if (!body.displayName) {
      this.formError = this._ctx.t('scheduling.doctor.nameRequired');
      this.paint();
      form.querySelector('#doctor-displayName').focus();
      return;
    }
    try {
      const id = this.editing.id;
      this.editing = id ? await this._ctx.api.put(`${BASE}/doctors/${encodeURIComponent(id)}`, body)
        : await this._ctx.api.post(`${BASE}/doctors`, body);
      this.formError = '';
      this._ctx.notify(this._ctx.t('scheduling.doctor.saved'), 'success');
      await this.load();
    } catch (err) {
      this.formError = errorText(this._ctx, err);
      this.paint();
    }
  }

  async addHours(e) {
    e.preventDefault();
    const data = new FormData(e.target);
    const body = { weekday: Number(data.get('weekday')), start: data.get('start').toString(),
      end: data.get('end').toString(), location: data.get('location').toString().trim(),
      validFrom: data.get('validFrom').toString() || null, validTo: data.get('validTo').toString() || null,
      services: [], breaks: [] };
    await this.hoursChange(() => this._ctx.api.post(`${BASE}/doctors/${encodeURIComponent(this.editing.id)}/working-hours`, body));
    if (!this.hoursError) e.target.reset();
  }

  async removeHours(h) {
    await this.hoursChange(() => this._ctx.api.del(
      `${BASE}/doctors/${encodeURIComponent(this.editing.id)}/working-hours/${encodeURIComponent(h.id)}`));
  }

  /** A schedule change never moves appointments: it answers the ones it leaves uncovered, shown for the desk. */
  async hoursChange(call) {
    try {
      const change = await call();
      this.conflicts = (change && change.conflicts) || [];
      this.hoursError = '';
      await this.loadSchedule();
      this._ctx.notify(this._ctx.t('scheduling.hours.saved'), 'success');
    } catch (err) {
      this.hoursError = errorText(this._ctx, err);
    }
    this.paint();
  }

  profileForm() {
    const t = (k, p) => this._ctx.t(k, p);
    const d = this.editing;
    const offered = new Set((d.services || []).map((s) => s.code));
    return html`<form id="doctor-form" class="form card" novalidate @submit=${(e) => this.save(e)}>
      <h2 id="doctor-form-title">${d.id ? t('scheduling.doctor.edit', { name: d.displayName }) : t('scheduling.doctor.new')}</h2>
      <div class="field"><label for="doctor-displayName">${t('scheduling.doctor.displayName')}</label>
        <input id="doctor-displayName" name="displayName" required maxlength="200" .value=${d.displayName || ''}></div>
      <div class="field"><label for="doctor-title">${t('scheduling.doctor.title')}</label>
        <input id="doctor-title" name="title" maxlength="100" .value=${d.title || ''}></div>
      <div class="field"><label for="doctor-username">${t('scheduling.doctor.username')}</label>
        <input id="doctor-username" name="username" maxlength="64" autocomplete="off" aria-describedby="doctor-username-hint">
        <p id="doctor-username-hint" class="hint">${t('scheduling.doctor.usernameHint')}</p></div>
      <div class="field"><label for="doctor-specialties">${t('scheduling.doctor.specialties')}</label>
        <input id="doctor-specialties" name="specialties" aria-describedby="doctor-comma-hint" .value=${(d.specialties || []).join(', ')}></div>
      <div class="field"><label for="doctor-languages">${t('scheduling.doctor.languages')}</label>
        <input id="doctor-languages" name="languages" aria-describedby="doctor-comma-hint" .value=${(d.languages || []).join(', ')}>
        <p id="doctor-comma-hint" class="hint">${t('scheduling.doctor.commaHint')}</p></div>
      <div class="field"><label for="doctor-biography">${t('scheduling.doctor.biography')}</label>
        <textarea id="doctor-biography" name="biography" .value=${d.biography || ''}></textarea></div>
      <div class="field"><label for="doctor-education">${t('scheduling.doctor.education')}</label>
        <textarea id="doctor-education" name="education" aria-describedby="doctor-lines-hint" .value=${(d.education || []).join('\n')}></textarea></div>
      <div class="field"><label for="doctor-achievements">${t('scheduling.doctor.achievements')}</label>
        <textarea id="doctor-achievements" name="achievements" aria-describedby="doctor-lines-hint" .value=${(d.achievements || []).join('\n')}></textarea>
        <p id="doctor-lines-hint" class="hint">${t('scheduling.doctor.linesHint')}</p></div>
      <fieldset><legend>${t('scheduling.doctor.services')}</legend>
        ${(this.services || []).map((s) => html`<div><input type="checkbox" id="doctor-service-${s.code}" name="services"
          value=${s.code} .checked=${offered.has(s.code)}> <label for="doctor-service-${s.code}">${s.name}</label></div>`)}
      </fieldset>
      <div><input type="checkbox" id="doctor-active" name="active" .checked=${d.id ? d.active !== false : true}>
        <label for="doctor-active">${t('scheduling.doctor.active')}</label></div>
      ${this.formError ? html`<p class="alert alert-error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions"><button type="submit">${t('scheduling.doctor.save')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.editing = null; this.paint(); }}>
          ${t('scheduling.action.back')}</button></div>
    </form>`;
  }

  hoursView() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    const hours = [...(this.schedule.workingHours || [])].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
    const edit = this.can('scheduling.schedule.edit');
    return html`<section class="scheduling-section" aria-labelledby="hours-caption">
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="hours-caption">
        <table id="working-hours"><caption id="hours-caption">${t('scheduling.hours.title')}</caption>
          <thead><tr><th scope="col">${t('scheduling.hours.weekday')}</th><th scope="col">${t('scheduling.hours.time')}</th>
            <th scope="col">${t('scheduling.hours.location')}</th><th scope="col">${t('scheduling.hours.valid')}</th>
            ${edit ? html`<th scope="col">${t('scheduling.col.actions')}</th>` : nothing}</tr></thead>
          <tbody>${hours.length ? hours.map((h) => html`<tr><td>${t(`scheduling.weekday.${h.weekday}`)}</td>
            <td>${h.start}–${h.end}${(h.breaks || []).length ? html` (${t('scheduling.hours.breaks', {
              breaks: h.breaks.map((b) => `${b.start}–${b.end}`).join(', ') })})` : nothing}</td>
            <td>${h.location}</td><td>${h.validFrom ? ctx.fmt.date(h.validFrom) : ''} – ${h.validTo ? ctx.fmt.date(h.validTo) : ''}</td>
            ${edit ? html`<td><button type="button" class="button button-quiet" aria-label=${t('scheduling.hours.removeNamed',
              { day: t(`scheduling.weekday.${h.weekday}`), time: `${h.start}–${h.end}` })}
              @click=${() => this.removeHours(h)}>${t('scheduling.hours.remove')}</button></td>` : nothing}</tr>`)
            : html`<tr><td colspan=${edit ? 5 : 4}>${t('scheduling.none')}</td></tr>`}</tbody></table></div>
      ${this.hoursError ? html`<p class="alert alert-error" role="alert">${this.hoursError}</p>` : nothing}
      ${this.conflicts && this.conflicts.length ? html`<div class="alert alert-warning" role="alert">
        <p>${t('scheduling.hours.conflicts', { count: ctx.fmt.number(this.conflicts.length) })}</p>
        <ul>${this.conflicts.map((c) => html`<li>${ctx.fmt.dateTime(c.localStart || c.start)} · ${c.serviceCode}</li>`)}</ul></div>` : nothing}
      ${edit ? html`<form id="hours-form" class="form" @submit=${(e) => this.addHours(e)}>
        <h3>${t('scheduling.hours.add')}</h3>
        <div class="field-row">
          <div class="field"><label for="hours-weekday">${t('scheduling.hours.weekday')}</label>
            <select id="hours-weekday" name="weekday" required>${WEEKDAYS.map((w) => html`<option value=${w}>${t(`scheduling.weekday.${w}`)}</option>`)}</select></div>
          <div class="field"><label for="hours-location">${t('scheduling.hours.location')}</label>
            <input id="hours-location" name="location" required maxlength="100"></div>
        </div>
        <div class="field-row">
          <div class="field"><label for="hours-start">${t('scheduling.hours.start')}</label>
            <input id="hours-start" name="start" type="time" step="300" required value="08:00"></div>
          <div class="field"><label for="hours-end">${t('scheduling.hours.end')}</label>
            <input id="hours-end" name="end" type="time" step="300" required value="16:00"></div>
        </div>
        <div class="field-row">
          <div class="field"><label for="hours-validFrom">${t('scheduling.hours.validFrom')}</label>
            <input id="hours-validFrom" name="validFrom" type="date"></div>
          <div class="field"><label for="hours-validTo">${t('scheduling.hours.validTo')}</label>
            <input id="hours-validTo" name="validTo" type="date"></div>
        </div>
        <div class="actions"><button type="submit">${t('scheduling.hours.addSubmit')}</button></div>
      </form>` : nothing}
    </section>`;
  }

  paint() {
    if (!this._ctx) return;
    const t = (k, p) => this._ctx.t(k, p);
    const doctors = this.doctors || [];
    render(html`<div class="page">
      <h1 tabindex="-1">${t('scheduling.page.doctors')}</h1>
      ${this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : nothing}
      <p class="actions"><button type="button" class="button" id="doctor-new" @click=${() => this.open(null)}>
        ${t('scheduling.doctor.new')}</button></p>
      ${this.doctors ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="doctors-caption">
        <table id="doctors"><caption id="doctors-caption">${t('scheduling.doctor.list')}</caption>
          <thead><tr><th scope="col">${t('scheduling.doctor.displayName')}</th><th scope="col">${t('scheduling.doctor.specialties')}</th>
            <th scope="col">${t('scheduling.doctor.languages')}</th><th scope="col">${t('scheduling.col.actions')}</th></tr></thead>
          <tbody>${doctors.length ? doctors.map((d) => html`<tr><td>${d.title ? `${d.title} ` : ''}${d.displayName}</td>
            <td>${(d.specialties || []).join(', ')}</td><td>${(d.languages || []).join(', ')}</td>
            <td><button type="button" class="button button-quiet" aria-label=${t('scheduling.doctor.editNamed', { name: d.displayName })}
              @click=${() => this.open(d.id)}>${t('scheduling.doctor.editAction')}</button></td></tr>`)
            : html`<tr><td colspan="4">${t('scheduling.none')}</td></tr>`}</tbody></table></div>` : nothing}
      ${this.editing ? this.profileForm() : nothing}
      ${this.editing && this.schedule ? this.hoursView() : nothing}
    </div>`, this);
  }
}

if (!customElements.get('scheduling-doctors')) {
  customElements.define('scheduling-doctors', SchedulingDoctors);
}
