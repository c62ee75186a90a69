// Shared by notifications' pages: the REST base, the contract's codes and their labels, lists, times, and the
// per-field errors of a 422.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { useStyles as kitStyles } from '/ui/shell/kit.js';

export const BASE = '/notifications';
export const STATUSES = ['QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'BOUNCED', 'SUPPRESSED', 'CANCELLED'];
/** Statuses staff may send again (POST /deliveries/{id}/retry). */
export const RETRYABLE = ['FAILED', 'BOUNCED', 'CANCELLED'];
/** The built-in channels; vendors' channels come from GET /channels or from the rules that name them. */
export const CHANNELS = ['EMAIL', 'SMS'];
export const RECIPIENTS = ['PATIENT', 'ORDERING_DOCTOR', 'NOTIFIED_USER', 'ACCOUNT', 'ADDRESSES'];
export const EVENT_TYPES = ['AppointmentBooked', 'AppointmentRescheduled', 'AppointmentCancelled',
  'AppointmentReminder', 'SlotOffered', 'LabResultReleased', 'CriticalLabResult', 'InvoiceIssued', 'StockAlertRaised',
  'ConsultationStarted', 'PasswordResetRequested'];
/** The languages the seeded templates and the pages speak; a template may carry any BCP 47 tag. */
export const LANGUAGES = ['en', 'fr'];

export function useStyles() {
  kitStyles(new URL('./notifications.css', import.meta.url).href);
}

/** The label of an API code under notifications.<group>.<CODE>; an unknown code (a vendor's channel) as it is. */
export function label(ctx, group, code) {
  if (!code) return '';
  const key = `notifications.${group}.${code}`;
  const text = ctx.t(key);
  return text === key ? code : text;
}

/** Lists answer as a page ({items, page, size, total}) or a bare list: both are read. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : (answer && answer.items) || [];
}

/** A list as a page, so the pager can draw it either way. */
export function asPage(answer, size) {
  if (Array.isArray(answer)) return { items: answer, page: 0, size: answer.length || size, total: answer.length };
  return answer || { items: [], page: 0, size, total: 0 };
}

/** A time of the API (ISO text or epoch milliseconds, e.g. createdAt or createdMs) in the user's locale. */
export function when(ctx, ...values) {
  const v = values.find((x) => x !== null && x !== undefined && x !== '');
  return v === undefined ? '' : ctx.fmt.dateTime(v);
}

/** The code of an event in the catalogue (GET /events answers objects or names). */
export function eventName(e) {
  return typeof e === 'string' ? e : (e && (e.eventType || e.type || e.name)) || '';
}

/**
 * The per-field messages of a 422 problem, as {field: text}: its extension lists each (problems, errors, fields or
 * violations), as texts starting with the fields they name ("phone: ..."), as {field, message}, or as a map.
 * Messages that name no field go under ''.
 */
export function fieldErrors(err) {
  const problem = (err && err.problem) || {};
  const out = {};
  for (const name of ['problems', 'errors', 'fields', 'violations']) {
    const list = problem[name];
    if (Array.isArray(list)) {
      for (const item of list) {
        if (typeof item === 'string') {
          // "phone: '12' is not an international number" or "email, phone: give one": the fields it names.
          const named = /^([A-Za-z][\w.]*(?:,\s*[A-Za-z][\w.]*)*):\s*(.+)$/s.exec(item);
          const fields = named ? named[1].split(/,\s*/) : [''];
          const text = named ? named[2] : item;
          fields.forEach((field) => { out[field] = out[field] ? `${out[field]}; ${text}` : text; });
        } else if (item) {
          const field = item.field || item.name || item.path || item.property || '';
          const text = item.message || item.detail || item.reason || item.code || '';
          out[field] = out[field] ? `${out[field]}; ${text}` : text;
        }
      }
    } else if (list && typeof list === 'object') {
      for (const [field, text] of Object.entries(list)) {
        out[field] = Array.isArray(text) ? text.join(' ') : String(text);
      }
    }
  }
  return out;
}

/** The error line under a field (referenced by the field's aria-describedby). */
export function fieldError(id, text) {
  return html`<p class="nt-field-error" id=${id} ?hidden=${!text}>${text || nothing}</p>`;
}

/** Links the shell's router opens with a state (never in the address); plain clicks only. */
export function go(ctx, route, state) {
  return (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(route, state);
  };
}
