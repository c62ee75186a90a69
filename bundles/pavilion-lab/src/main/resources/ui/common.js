// Shared by the laboratory's pages: the REST base, labels of the API's codes, flags, and the stylesheet.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { useStyles as kitStyles } from '/ui/shell/kit.js';

export const BASE = '/lab';
export const PRIORITIES = ['STAT', 'URGENT', 'ROUTINE'];
const CRITICAL_FLAGS = ['LL', 'HH'];

/** Adds the department's small stylesheet once (CSP style-src 'self': a file, never inline styles). */
export function useStyles() {
  kitStyles('/ui/lib/uplot/uPlot.min.css');
  kitStyles(new URL('./lab.css', import.meta.url).href);
}

export function priorityLabel(ctx, p) {
  return p ? ctx.t(`lab.priority.${p}`) : '';
}

export function statusLabel(ctx, s) {
  return s ? ctx.t(`lab.status.${s}`) : '';
}

/** A flag as a short badge (N, L, H, LL, HH, A) with its meaning for screen readers; criticals stand out. */
export function flagBadge(ctx, flag, critical) {
  if (!flag) return nothing;
  const crit = critical || CRITICAL_FLAGS.includes(flag);
  return html`<span class="lab-flag lab-flag-${flag.toLowerCase()} ${crit ? 'lab-critical' : ''}"
    title=${ctx.t(`lab.flag.${flag}`)}>${flag}<span class="visually-hidden"> ${ctx.t(`lab.flag.${flag}`)}</span></span>${
    crit ? html` <strong class="lab-critical-word">${ctx.t('lab.flag.critical')}</strong>` : nothing}`;
}

/** A value with its unit; decimals arrive as strings and are shown in the user's locale when they are numbers. */
export function valueText(ctx, value, unit) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  const shown = typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) ? ctx.fmt.number(n) : value;
  return unit ? `${shown} ${unit}` : `${shown}`;
}

/** Links that the shell's router opens with a state (never in the address); plain clicks only. */
export function go(ctx, route, state) {
  return (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(route, state);
  };
}

/** Whether a result's value can be drawn on a trend (numeric). */
export function isNumeric(value) {
  return value !== null && value !== undefined && String(value).trim() !== '' && Number.isFinite(Number(value));
}

/** Runs fn after `ms` of quiet: the flag lookup while a technician types. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
