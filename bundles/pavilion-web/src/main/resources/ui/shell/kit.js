// The shell's kit: small helpers every contribution's pages may import from /ui/shell/kit.js (the shell is always
// there, so a department that uses the kit still needs nothing but the shell). Styles come from /ui/shell/base.css.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';

/** Adds a stylesheet once (a <link>, so the CSP needs no inline styles); href is usually new URL('x.css', import.meta.url). */
export function useStyles(href) {
  const url = new URL(href, document.baseURI).href;
  if (!document.querySelector(`link[rel="stylesheet"][href="${url}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    document.head.append(link);
  }
}

/** The text of an API error for a role=alert region: the problem's own text, else the contribution's fallback key. */
export function errorText(ctx, error, fallbackKey) {
  if (error && error.status !== undefined && ctx.problem) {
    return ctx.problem(error);
  }
  return ctx.t(fallbackKey || 'kit.error.unexpected');
}

/** An error region; it stays in the DOM while empty so screen readers announce what appears in it. */
export function alertRegion(message, id) {
  return html`<p class="alert alert-error kit-alert" role="alert" id=${id || ''} ?hidden=${!message}>${message || ''}</p>`;
}

/** Previous / next with "page x of y"; page is {page (zero-based), size, total}; onPage(n) loads page n. */
export function pager(ctx, page, onPage, label) {
  if (!page) {
    return html``;
  }
  const total = page.total || 0;
  const pages = Math.max(1, Math.ceil(total / page.size));
  return html`<nav class="kit-pager" aria-label=${label}>
    <button type="button" class="button button-quiet" ?disabled=${page.page <= 0} @click=${() => onPage(page.page - 1)}>
      ${ctx.t('kit.pager.previous')}</button>
    <span aria-live="polite">${ctx.t('kit.pager.position', {
      page: ctx.fmt.number(page.page + 1), pages: ctx.fmt.number(pages), total: ctx.fmt.number(total) })}</span>
    <button type="button" class="button button-quiet" ?disabled=${page.page + 1 >= pages} @click=${() => onPage(page.page + 1)}>
      ${ctx.t('kit.pager.next')}</button>
  </nav>`;
}

/** A wide table in a region that scrolls sideways on narrow screens and takes focus so the keyboard can scroll it. */
export function scrollTable(label, table) {
  return html`<div class="table-wrap kit-scroll" role="region" aria-label=${label} tabindex="0">${table}</div>`;
}

/** Whether the signed-in user holds a privilege (the shell puts can() on ctx.caller). */
export function can(ctx, privilege) {
  const caller = ctx.caller || {};
  return typeof caller.can === 'function' ? caller.can(privilege) : (caller.privileges || []).includes(privilege);
}

/** Moves focus to an element of host after the next render (e.g. the heading of a panel that just opened). */
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

/**
 * Base class of a page element: adds the stylesheets given to the constructor when connected, then calls start() once
 * (the shell sets ctx before it connects the element).
 */
export class KitPage extends HTMLElement {
  constructor(...sheets) {
    super();
    this.sheets = sheets;
  }

  connectedCallback() {
    this.sheets.forEach(useStyles);
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

/**
 * Base class of a portal home card: a loading line, the error, the "nothing yet" line or the department's content,
 * and a link to its page. The subclass passes {route, loadingKey, noneKey, openKey, className} to the constructor and
 * gives fetchItem() (what to show, or null) and content(item); styles() adds its stylesheets, errorText(err) may
 * override how a failure reads.
 */
export class PortalCard extends HTMLElement {
  constructor(options) {
    super();
    this.options = options;
  }

  connectedCallback() {
    if (!this.ctx) return;
    this.styles();
    this.draw();
    this.load();
  }

  styles() {
  }

  async load() {
    try {
      this.item = await this.fetchItem();
      this.loaded = true;
    } catch (err) {
      this.error = this.errorText(err);
    }
    this.draw();
  }

  errorText(err) {
    return errorText(this.ctx, err);
  }

  draw() {
    const { route, loadingKey, noneKey, openKey, className } = this.options;
    const t = (k, p) => this.ctx.t(k, p);
    const item = this.item;
    render(html`<div class=${className ? `portal-card-body ${className}` : 'portal-card-body'}>
      ${!this.loaded && !this.error ? html`<p role="status">${t(loadingKey)}</p>` : nothing}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.loaded && !item ? html`<p>${t(noneKey)}</p>` : nothing}
      ${item ? this.content(item) : nothing}
      <a class="portal-card-link" href=${route} @click=${(e) => this.open(e)}>${t(openKey)}</a>
    </div>`, this);
  }

  /** A plain left click navigates inside the shell; other clicks keep the browser's (new tab, new window). */
  open(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.ctx.navigate(this.options.route, {});
  }
}
