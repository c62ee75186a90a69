// Shared by the scheduling pages: REST paths, labels, dates, and the slot picker (service/doctor/dates → slots).
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';

export const BASE = '/scheduling';
export const STATUSES = ['BOOKED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];

/** Today in the browser's calendar as YYYY-MM-DD (the hospital's day for a desk in the hospital). */
export function isoDay(d = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + n));
}

/** The hospital's wall-clock start ("2026-12-07T09:30") shown in the user's locale, as the hospital reads it. */
export function when(ctx, a) {
  return ctx.fmt.dateTime(a.localStart || a.start);
}

export function timeOf(ctx, a) {
  return ctx.fmt.time ? ctx.fmt.time(a.localStart || a.start) : when(ctx, a);
}

export function statusLabel(ctx, status) {
  return status ? ctx.t(`scheduling.status.${status}`) : '';
}

export function visitLabel(ctx, type) {
  return type ? ctx.t(`scheduling.visit.${type}`) : '';
}

export function errorText(ctx, err) {
  return ctx.problem ? ctx.problem(err) : String(err && err.message || err);
}

/** Booked or checked in and not over yet: what a patient still has to go to. */
export function isUpcoming(a, now = Date.now()) {
  return (a.status === 'BOOKED' || a.status === 'CHECKED_IN') && Date.parse(a.end || a.start) >= now;
}

/** A 409 on booking or moving: somebody took the slot first. */
export function isClash(err) {
  return err && err.status === 409;
}

/**
 * The free-slot search: keeps the catalogue and doctors it offers, reads the search form, lists the slots found.
 * `host.paint()` redraws; `prefix` keeps ids unique when two pickers share a page.
 */
export class SlotPicker {
  constructor(host, prefix) {
    this.host = host;
    this.prefix = prefix;
    this.services = [];
    this.doctors = [];
    this.slots = null;
    this.chosen = null;
    this.error = '';
    this.busy = false;
    this.query = null;
  }

  async loadCatalogue() {
    const ctx = this.host.ctx;
    try {
      const [services, doctors] = await Promise.all([ctx.api.get(`${BASE}/services`),
        ctx.api.get(`${BASE}/doctors`, { size: 100 })]);
      this.services = (services || []).filter((s) => s.active !== false);
      this.doctors = doctors.items || [];
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  specialties() {
    return [...new Set(this.services.map((s) => s.specialty).filter(Boolean))].sort();
  }

  /** Reads the search fields of `form` (serviceCode, specialty, doctorId, from, to: the booking's names) and searches. */
  async search(form) {
    const data = new FormData(form);
    const q = { limit: 60 };
    for (const [k, key] of [['serviceCode', 'service'], ['specialty', 'specialty'], ['doctorId', 'doctorId'],
      ['from', 'from'], ['to', 'to'], ['visitType', 'visitType']]) {
      const v = (data.get(k) || '').toString().trim();
      if (v) q[key] = v;
    }
    this.query = q;
    await this.refresh();
  }

  async refresh() {
    if (!this.query) return;
    const ctx = this.host.ctx;
    this.busy = true;
    this.error = '';
    this.chosen = null;
    this.host.paint();
    try {
      this.slots = await ctx.api.get(`${BASE}/slots`, this.query);
    } catch (err) {
      this.slots = null;
      this.error = errorText(ctx, err);
    } finally {
      this.busy = false;
      this.host.paint();
    }
  }

  choose(slot) {
    this.chosen = slot;
    this.host.paint();
  }

  /** The search fields (to put inside a form whose submit calls `search`). */
  fields(opts = {}) {
    const ctx = this.host.ctx;
    const t = (k, a) => ctx.t(k, a);
    const p = this.prefix;
    const today = isoDay();
    return html`<div class="field-row">
        <div class="field"><label for="${p}-service">${t('scheduling.field.service')}</label>
          <select id="${p}-service" name="serviceCode">
            <option value="">${t('scheduling.field.any')}</option>
            ${this.services.map((s) => html`<option value=${s.code}>${s.name}${s.specialty ? ` (${s.specialty})` : ''}</option>`)}
          </select></div>
        <div class="field"><label for="${p}-specialty">${t('scheduling.field.specialty')}</label>
          <select id="${p}-specialty" name="specialty">
            <option value="">${t('scheduling.field.any')}</option>
            ${this.specialties().map((s) => html`<option value=${s}>${s}</option>`)}
          </select></div>
      </div>
      ${opts.doctor === false ? nothing : html`<div class="field"><label for="${p}-doctor">${t('scheduling.field.doctor')}</label>
        <select id="${p}-doctor" name="doctorId">
          <option value="">${t('scheduling.field.any')}</option>
          ${this.doctors.map((d) => html`<option value=${d.id} ?selected=${opts.doctorId === d.id}>${d.displayName}</option>`)}
        </select></div>`}
      <div class="field-row">
        <div class="field"><label for="${p}-from">${t('scheduling.field.from')}</label>
          <input id="${p}-from" name="from" type="date" min=${today} .value=${opts.from || today}></div>
        <div class="field"><label for="${p}-to">${t('scheduling.field.to')}</label>
          <input id="${p}-to" name="to" type="date" min=${today} .value=${opts.to || addDays(today, 6)}></div>
      </div>`;
  }

  /** The slots found: one button per slot in `#<listId>`, the chosen one pressed. */
  list(listId) {
    const ctx = this.host.ctx;
    const t = (k, a) => ctx.t(k, a);
    const p = this.prefix;
    return html`
      ${this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : nothing}
      <p role="status" class="hint">${this.busy ? t('scheduling.slots.searching')
        : this.slots ? t('scheduling.slots.count', { count: ctx.fmt.number(this.slots.length) }) : ''}</p>
      ${this.slots ? html`<h3 id="${p}-slots-title">${t('scheduling.slots.title')}</h3>
        <ul id=${listId} class="scheduling-slots" aria-labelledby="${p}-slots-title">
          ${this.slots.map((s) => html`<li><button type="button" class="button-quiet button"
            aria-pressed=${this.chosen === s ? 'true' : 'false'} @click=${() => this.choose(s)}>
            ${when(ctx, s)} · ${s.doctorName || s.doctorId} · ${s.serviceName || s.serviceCode}${
              s.visitType === 'VIDEO' ? ` · ${visitLabel(ctx, 'VIDEO')}` : ''}${s.location ? ` · ${s.location}` : ''}
          </button></li>`)}
        </ul>` : nothing}`;
  }
}

/** Adds the department's small stylesheet once (CSP style-src 'self': a file, never inline styles). */
export function useStyles() {
  if (!document.querySelector('link[data-scheduling]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./scheduling.css', import.meta.url).href;
    link.dataset.scheduling = '';
    document.head.appendChild(link);
  }
}
