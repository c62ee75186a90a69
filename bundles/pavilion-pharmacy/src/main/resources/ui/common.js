// Shared by the pharmacy's pages: the REST base, labels of the API's codes, expiry badges, quantities, the stylesheet.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { useStyles as kitStyles } from '/ui/shell/kit.js';

export const BASE = '/pharmacy';
export const EXPIRY = ['EXPIRED', 'EXPIRING', 'OK', 'NONE'];
export const ORDER_STATUSES = ['DRAFT', 'SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'];
export const ADJUSTMENT_REASONS = ['BREAKAGE', 'LOSS', 'FOUND', 'RECALL', 'OTHER'];

/** Adds the department's small stylesheet once (CSP style-src 'self': a file, never inline styles). */
export function useStyles() {
  kitStyles(new URL('./pharmacy.css', import.meta.url).href);
}

export function statusLabel(ctx, s) {
  return s ? ctx.t(`pharmacy.status.${s}`) : '';
}

/** Decimal strings from the API in the user's locale, with the unit of issue when given. */
export function qty(ctx, value, unit) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  const shown = Number.isFinite(n) ? ctx.fmt.number(n) : String(value);
  return unit ? `${shown} ${unit}` : shown;
}

/** A batch's expiry as a coloured badge that also says it in words (colour is never the only sign). */
export function expiryBadge(ctx, expiry, date) {
  const e = EXPIRY.includes(expiry) ? expiry : 'NONE';
  return html`<span class="ph-expiry ph-expiry-${e.toLowerCase()}" data-expiry=${e}>${
    date ? ctx.fmt.date(date) : ctx.t('pharmacy.expiry.noDate')} · ${ctx.t(`pharmacy.expiry.${e}`)}</span>`;
}

/** The active stores that dispense to patients (the ones a dispense may be taken from). */
export function dispensingStores(stores) {
  return (stores || []).filter((s) => s.active !== false && s.dispensing);
}

/** The options of a store select; `chosen` is the code selected. */
export function storeOptions(stores, chosen) {
  return (stores || []).filter((s) => s.active !== false).map((s) => html`<option value=${s.code}
    ?selected=${s.code === chosen}>${s.name} (${s.code})</option>`);
}

/** Small lists (suppliers, stores) answer as a list or as a page: both are read. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : (answer && answer.items) || [];
}

/** Links that the shell's router opens with a state (never in the address); plain clicks only. */
export function go(ctx, route, state) {
  return (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(route, state);
  };
}

/** Today in the user's zone as yyyy-MM-dd (a date input's min, a default expiry check). */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A short "what happened" list of a Movements answer: batch and quantity per movement. */
export function movementSummary(ctx, answer) {
  const moves = (answer && answer.movements) || [];
  if (!moves.length) return nothing;
  return html`<ul class="ph-plain">${moves.map((m) => html`<li>${ctx.t('pharmacy.movement.line', {
    kind: ctx.t(`pharmacy.movement.${m.kind}`), store: m.storeCode, batch: m.batchNumber || '',
    quantity: qty(ctx, m.quantity) })}</li>`)}</ul>`;
}

/** Runs fn after `ms` of quiet: the catalogue search while a pharmacist types. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
