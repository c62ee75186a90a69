// Shared by the EMR's portal pages: whose record a page shows, and the refusal that names nobody.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { errorText as kitErrorText, useStyles as kitUseStyles } from '/ui/shell/kit.js';

/** Adds the portal pages' stylesheet once (a file of this bundle: the CSP allows no inline styles). */
export function useStyles() {
  kitUseStyles(new URL('./portal.css', import.meta.url).href);
}

/**
 * The patient a portal page is about: the one a link named (ctx.state.patientId), else the signed-in account's
 * own. The REST API decides whether the caller may see it; the page never decides that itself.
 */
export function targetPatient(ctx) {
  return (ctx.state && ctx.state.patientId) || (ctx.caller && ctx.caller.patientId) || null;
}

/** True when the API refused or did not find the patient: the page then shows refusedView only. */
export function isRefusal(error) {
  return error && [400, 403, 404, 410].includes(error.status);
}

/**
 * The one message shown for a record the caller may not see or that does not exist: fixed text, so it reveals
 * neither whether the patient exists nor anything about them (not even the id the link carried).
 */
export function refusedView(ctx) {
  return html`<div class="portal-refused" role="alert">
    <p>${ctx.t('emr.portal.refused')}</p>
  </div>`;
}

/** The text of an error that is not a refusal (server down, validation), for an inline role=alert region. */
export function errorText(ctx, error) {
  return kitErrorText(ctx, error, 'emr.portal.error.unexpected');
}

/** A coded value's label (severity, route, sex, ...), or the code itself when the bundle has no text for it. */
export function codeLabel(ctx, group, value) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const key = `emr.portal.${group}.${value}`;
  const text = ctx.t(key);
  return text && text !== key ? text : value;
}

/** Moves focus to the page's heading after it changed state, so screen readers announce the new content. */
export function focusHeading(host) {
  const h1 = host.querySelector('h1');
  if (h1) {
    h1.focus({ preventScroll: false });
  }
}

/**
 * Base of the portal's pages and card: the stylesheet, a loading state drawn at once, then load(). Subclasses define
 * load() and draw(); this.state holds {loading, refused, error, ...what load() read}.
 */
export class PortalPage extends HTMLElement {
  connectedCallback() {
    useStyles();
    this.state = { loading: true };
    this.draw();
    this.load();
  }

  /**
   * Reads a patient's data with read(patient) (an object merged into the state); no patient or a refusal shows only
   * the refusal, any other failure the error.
   */
  async loadFor(patient, read) {
    if (!patient) {
      this.state = { loading: false, refused: true };
      this.draw();
      return;
    }
    try {
      this.state = { loading: false, ...(await read(patient)) };
    } catch (e) {
      this.state = isRefusal(e) ? { loading: false, refused: true } : { loading: false, error: e };
    }
    this.draw();
  }

  /** A page's frame: its root id (a test hook), its h1, the loading status, refusal and error, then the content. */
  frame(id, titleKey, content) {
    const ctx = this.ctx;
    const s = this.state;
    return html`<div id=${id} class="portal-page" aria-busy=${s.loading ? 'true' : 'false'}>
      <h1 tabindex="-1">${ctx.t(titleKey)}</h1>
      ${s.loading ? html`<p role="status">${ctx.t('emr.portal.loading')}</p>` : nothing}
      ${s.refused ? refusedView(ctx) : nothing}
      ${s.error ? html`<p role="alert">${errorText(ctx, s.error)}</p>` : nothing}
      ${content}
    </div>`;
  }
}
