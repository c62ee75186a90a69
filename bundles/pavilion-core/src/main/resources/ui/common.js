// Helpers shared by the platform's pages: the stylesheet, a pager, an error region and a table wrapper.
import { html } from '/ui/lib/lit-html/lit-html.js';

const SHEET = new URL('./platform.css', import.meta.url).href;

/** Adds the contribution's stylesheet once (a <link>, so the CSP needs no inline styles). */
export function useStyles() {
  if (!document.querySelector(`link[rel="stylesheet"][href="${SHEET}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = SHEET;
    document.head.append(link);
  }
}

/** The text of an API error for an inline role=alert region. */
export function errorText(ctx, error) {
  if (error && error.status !== undefined && ctx.problem) {
    return ctx.problem(error);
  }
  return ctx.t('platform.error.unexpected');
}

/** An error region; empty regions stay in the DOM so screen readers announce what appears in them. */
export function alertRegion(message, id) {
  return html`<p class="alert alert-error pv-alert" role="alert" id=${id || ''} ?hidden=${!message}>${message || ''}</p>`;
}

/** Previous / next with "page x of y"; onPage(n) loads page n (zero-based). */
export function pager(ctx, page, total, onPage, label) {
  if (!page) {
    return html``;
  }
  const pages = Math.max(1, Math.ceil(total / page.size));
  return html`<nav class="pv-pager" aria-label=${label}>
    <button type="button" class="button button-quiet" ?disabled=${page.page <= 0} @click=${() => onPage(page.page - 1)}>
      ${ctx.t('platform.pager.previous')}</button>
    <span aria-live="polite">${ctx.t('platform.pager.position', {
      page: ctx.fmt.number(page.page + 1), pages: ctx.fmt.number(pages), total: ctx.fmt.number(total) })}</span>
    <button type="button" class="button button-quiet" ?disabled=${page.page + 1 >= pages} @click=${() => onPage(page.page + 1)}>
      ${ctx.t('platform.pager.next')}</button>
  </nav>`;
}

/** A wide table in a region that scrolls sideways on narrow screens and can take focus to scroll by keyboard. */
export function scrollTable(label, table) {
  return html`<div class="table-wrap pv-scroll" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

/** Whether the signed-in user holds a privilege (the shell puts can() on ctx.caller). */
export function can(ctx, privilege) {
  const caller = ctx.caller || {};
  return typeof caller.can === 'function' ? caller.can(privilege) : (caller.privileges || []).includes(privilege);
}

/** Moves focus to an element after the next render (e.g. the heading of a panel that just opened). */
export function focusSoon(host, selector) {
  requestAnimationFrame(() => {
    const el = host.querySelector(selector);
    if (el) {
      el.focus();
    }
  });
}

/** Reads a form's named fields into an object of trimmed strings (empty fields are left out). */
export function formValues(form) {
  const out = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim() !== '') {
      out[name] = value.trim();
    }
  }
  return out;
}

/** Base class: render() is called after ctx is set and the element is in the document. */
export class PlatformPage extends HTMLElement {
  connectedCallback() {
    useStyles();
    if (!this.started) {
      this.started = true;
      this.start();
    }
  }

  start() {
    this.update();
  }

  update() {
  }
}
