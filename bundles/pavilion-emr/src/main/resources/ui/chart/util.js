// Small helpers shared by the chart's tabs.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { errorText as kitErrorText } from '/ui/shell/kit.js';

/** SNOMED CT 716186003 "No known allergy": how the chart records that the patient was asked and has none. */
export const NO_KNOWN_ALLERGY = { code: '716186003', codeSystem: 'SCT' };

export function isNoKnownAllergy(a) {
  return a && a.code === NO_KNOWN_ALLERGY.code && a.codeSystem === NO_KNOWN_ALLERGY.codeSystem;
}

/** Age in whole years (months under two) on the day, from an ISO date; null when unknown. */
export function age(birthDate, today = new Date()) {
  if (!birthDate) {
    return null;
  }
  const [y, m, d] = birthDate.split('-').map(Number);
  let months = (today.getFullYear() - y) * 12 + (today.getMonth() + 1 - m);
  if (today.getDate() < d) {
    months -= 1;
  }
  if (months < 0) {
    return null;
  }
  return months < 24 ? { unit: 'months', n: months } : { unit: 'years', n: Math.floor(months / 12) };
}

/** The text of an enum value through the messages, e.g. label(ctx, 'severity', 'SEVERE'). */
export function label(ctx, group, value) {
  return value ? ctx.t(`emr.chart.${group}.${value}`) : '';
}

/** A form's fields as a JSON body: blank fields left out, numbers where the input is a number. */
export function formBody(form) {
  const body = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'file' || el.type === 'submit' || el.disabled) {
      continue;
    }
    const v = el.value.trim();
    if (v === '') {
      continue;
    }
    body[el.name] = el.type === 'number' ? Number(v) : v;
  }
  return body;
}

/** The localised text of an error, for a role=alert region. */
export function errorText(ctx, error) {
  return kitErrorText(ctx, error, 'emr.chart.error.unexpected');
}

/** An alert region: always in the DOM (so screen readers hear new text), empty when there is nothing to say. */
export function alertRegion(id, text) {
  return html`<p id=${id} class="chart-alert" role="alert">${text || nothing}</p>`;
}

/** The top of a list tab: the panel's error, then noneKey once the list has loaded empty. */
export function listStatus(ctx, error, items, noneKey = 'emr.chart.summary.noneRecorded') {
  return html`${error ? html`<p role="alert">${error}</p>` : nothing}
    ${items && !items.length ? html`<p>${ctx.t(noneKey)}</p>` : nothing}`;
}

/** A definition-list row, left out when the value is empty. */
export function row(term, value) {
  if (value === undefined || value === null || value === '') {
    return nothing;
  }
  return html`<div class="chart-dl-row"><dt>${term}</dt><dd>${value}</dd></div>`;
}

/** Options of a select from an enum list, with an optional empty first choice. */
export function options(ctx, group, values, selected, emptyKey) {
  return html`${emptyKey ? html`<option value="">${ctx.t(emptyKey)}</option>` : nothing}
    ${values.map((v) => html`<option value=${v} ?selected=${v === selected}>${label(ctx, group, v)}</option>`)}`;
}

/** The value of a datetime-local input as an ISO instant (the browser's zone), or undefined when blank. */
export function localToIso(value) {
  if (!value) {
    return undefined;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Today as yyyy-MM-dd in the browser's zone, for max= on date inputs. */
export function todayIso() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Base class of the tab panels: light DOM, render on every change, load once on first activation. */
export class ChartPanel extends HTMLElement {
  constructor() {
    super();
    this.loaded = false;
    this.busy = false;
    this.error = '';
  }

  set active(v) {
    this._active = v;
    if (v && !this.loaded && this.ctx && this.api) {
      this.loaded = true;
      this.reload();
    } else {
      this.update();
    }
  }

  get active() {
    return this._active;
  }

  /** Fetches the panel's data; subclasses override load(). */
  async reload() {
    this.busy = true;
    this.update();
    try {
      await this.load();
      this.error = '';
    } catch (e) {
      this.error = errorText(this.ctx, e);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  async load() {}

  update() {
    if (this.ctx) {
      this.paint();
    }
  }

  paint() {}

  /** True when the form passes its constraints; else shows messageKey in formError and focuses the first bad field. */
  formIsValid(form, messageKey = 'emr.chart.error.required') {
    if (form.checkValidity()) {
      return true;
    }
    this.formError = this.ctx.t(messageKey);
    this.paint();
    form.querySelector(':invalid').focus();
    return false;
  }

  /**
   * Saves what a form entered: busy while send() runs, then a toast, a reload of the list and (unless the record's
   * header and summary cannot have changed) changed(); a failure goes to the form's error region (formError).
   */
  async saveEntry(send, doneText, { recordChanged = true } = {}) {
    this.saving = true;
    this.formError = '';
    this.paint();
    try {
      await send();
      this.ctx.notify(doneText, 'success');
      await this.load();
      if (recordChanged) {
        this.changed();
      }
    } catch (err) {
      this.formError = errorText(this.ctx, err);
    } finally {
      this.saving = false;
      this.paint();
    }
  }

  /** The usual add form's submit: checks it, POSTs its fields to the record's path, clears it; then as saveEntry. */
  async postForm(e, path, doneText, { recordChanged = true, cleared = () => {} } = {}) {
    e.preventDefault();
    const form = e.target;
    if (!this.formIsValid(form)) {
      return;
    }
    await this.saveEntry(async () => {
      await this.api.post(this.api.rec(path), formBody(form));
      form.reset();
      cleared();
    }, doneText, { recordChanged });
  }

  /** A row's action (close, stop, change status): a toast, a reload, changed(); a failure goes to the panel's error. */
  async rowAction(send, doneText) {
    try {
      await send();
      this.ctx.notify(doneText, 'success');
      this.error = '';
      await this.load();
      this.changed();
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.paint();
  }

  /** Tells the chart the record changed (header, banner, summary reload). */
  changed() {
    if (this.onRecordChange) {
      this.onRecordChange();
    }
  }
}

/** Whether the signed-in user holds a privilege (hides what the API would refuse anyway; not a protection). */
export function can(ctx, privilege) {
  if (typeof ctx.can === 'function') {
    return ctx.can(privilege);
  }
  const caller = ctx.caller || {};
  if (typeof caller.can === 'function') {
    return caller.can(privilege);
  }
  return Array.isArray(caller.privileges) ? caller.privileges.includes(privilege) : true;
}
