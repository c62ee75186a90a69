// Helpers shared by the HL7 monitor's pages (self-contained: a contribution's files may only rely on the shell).
import { html } from '/ui/lib/lit-html/lit-html.js';

const SHEET = new URL('./hl7.css', import.meta.url).href;

/** Adds the contribution's stylesheet once (a <link>, so the CSP needs no inline styles). */
export function useStyles() {
  if (!document.querySelector(`link[rel="stylesheet"][href="${SHEET}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = SHEET;
    document.head.append(link);
  }
}

export function errorText(ctx, error) {
  if (error && error.status !== undefined && ctx.problem) {
    return ctx.problem(error);
  }
  return ctx.t('hl7.error.unexpected');
}

/** An error region, kept in the DOM while empty so what appears in it is announced. */
export function alertRegion(message) {
  return html`<p class="alert alert-error hl7-alert" role="alert" ?hidden=${!message}>${message || ''}</p>`;
}

export function pager(ctx, page, onPage, label) {
  if (!page) {
    return html``;
  }
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  return html`<nav class="hl7-pager" aria-label=${label}>
    <button type="button" class="button button-quiet" ?disabled=${page.page <= 0} @click=${() => onPage(page.page - 1)}>
      ${ctx.t('hl7.pager.previous')}</button>
    <span aria-live="polite">${ctx.t('hl7.pager.position', {
      page: ctx.fmt.number(page.page + 1), pages: ctx.fmt.number(pages), total: ctx.fmt.number(page.total) })}</span>
    <button type="button" class="button button-quiet" ?disabled=${page.page + 1 >= pages} @click=${() => onPage(page.page + 1)}>
      ${ctx.t('hl7.pager.next')}</button>
  </nav>`;
}

/** A wide table that scrolls sideways on narrow screens; focusable so the keyboard can scroll it. */
export function scrollTable(label, table) {
  return html`<div class="table-wrap hl7-scroll" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

/** Whether the signed-in user holds a privilege (the shell puts can() on ctx.caller). */
export function can(ctx, privilege) {
  const caller = ctx.caller || {};
  return typeof caller.can === 'function' ? caller.can(privilege) : (caller.privileges || []).includes(privilege);
}

export function focusSoon(host, selector) {
  requestAnimationFrame(() => {
    const el = host.querySelector(selector);
    if (el) {
      el.focus();
    }
  });
}

/** HL7 segments are separated by CR; shown one per line. */
export function segments(text) {
  return text ? text.replace(/\r\n?/g, '\n') : '';
}

/** Epoch milliseconds as a date and time in the user's locale (empty when absent). */
export function when(ctx, ms) {
  return ms === null || ms === undefined || ms === 0 ? '' : ctx.fmt.dateTime(new Date(ms).toISOString());
}

export class Hl7Page extends HTMLElement {
  connectedCallback() {
    useStyles();
    if (!this.started) {
      this.started = true;
      this.start();
    }
  }
}
