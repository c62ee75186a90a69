// Patient portal: download one's own data (the GDPR export) and ask for it to be erased.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalPage, targetPatient, isRefusal, errorText } from './common.js';
import { zipEntry } from './zip.js';

const NOTE_MAX = 500;

/** Saves `blob` as a file named `filename` through a short-lived blob URL (nothing goes into the address bar). */
function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/**
 * The export ZIP through ctx.api.blob. Stopgap: the shell's api.blob (web-shell, 669f812) asks for JSON only, which
 * the export endpoint answers with 406; then the same public endpoint is fetched with the browser's session cookie
 * and an Accept that names ZIP. Drop the fallback once api.blob accepts any type.
 */
async function exportZip(ctx, path) {
  try {
    return await ctx.api.blob(path);
  } catch (e) {
    if (!e || e.status !== 406) {
      throw e;
    }
  }
  const resp = await fetch(`/api/v1${path}`, {
    credentials: 'same-origin', cache: 'no-store', redirect: 'error',
    headers: { 'X-Pavilion-Request': '1', Accept: 'application/zip, application/problem+json' },
  });
  if (!resp.ok) {
    let problem = null;
    try {
      problem = await resp.json();
    } catch (ignored) {
      // not a problem+json body
    }
    throw Object.assign(new Error(`HTTP ${resp.status}`), { status: resp.status, problem });
  }
  return resp.blob();
}

class EmrPortalPrivacy extends PortalPage {
  async load() {
    const ctx = this.ctx;
    const patient = targetPatient(ctx);
    const own = ctx.caller && ctx.caller.patientId;
    if (!patient || (own && patient !== own)) {
      // The request endpoints act on the account's own record only; another patient's link is refused outright.
      this.state = { loading: false, refused: true };
      this.draw();
      return;
    }
    let request = null;
    let requestError = null;
    if (ctx.caller.can('emr.privacy.request-erasure')) {
      try {
        request = (await ctx.api.get('/emr/portal/erasure-request')).request || null;
      } catch (e) {
        requestError = e;
      }
    }
    this.state = { loading: false, patient, request, requestError: requestError ? errorText(ctx, requestError) : '' };
    this.draw();
  }

  draw() {
    const ctx = this.ctx;
    const s = this.state;
    render(this.frame('portal-privacy', 'emr.portal.privacy.title', html`
      ${s.patient ? this.download() : nothing}
      ${s.patient && ctx.caller.can('emr.privacy.request-erasure') ? this.erasure() : nothing}`), this);
  }

  download() {
    const ctx = this.ctx;
    const s = this.state;
    return html`<section class="portal-section" aria-labelledby="portal-export-h">
      <h2 id="portal-export-h">${ctx.t('emr.portal.privacy.export')}</h2>
      <p>${ctx.t('emr.portal.privacy.export.text')}</p>
      <div class="portal-actions">
        <button type="button" id="portal-export-json" ?disabled=${s.exporting}
          @click=${() => this.exportData(true)}>${ctx.t('emr.portal.privacy.export.json')}</button>
        <button type="button" id="portal-export-zip" class="secondary" ?disabled=${s.exporting}
          @click=${() => this.exportData(false)}>${ctx.t('emr.portal.privacy.export.zip')}</button>
      </div>
      <p role="status">${s.exporting ? ctx.t('emr.portal.privacy.export.preparing')
        : s.exported ? ctx.t('emr.portal.privacy.export.done') : ''}</p>
      <div id="portal-export-error" role="alert">${s.exportError || ''}</div>
    </section>`;
  }

  async exportData(jsonOnly) {
    const ctx = this.ctx;
    this.state = { ...this.state, exporting: true, exported: false, exportError: '' };
    this.draw();
    try {
      const zip = await exportZip(ctx, `/emr/privacy/${encodeURIComponent(this.state.patient)}/export`);
      // File names carry no patient data: they end up in the downloads list and on shared computers.
      if (jsonOnly) {
        const json = await zipEntry(zip, 'patient.json');
        if (!json) {
          throw new Error('patient.json missing');
        }
        saveBlob(new Blob([json], { type: 'application/json' }), ctx.t('emr.portal.privacy.export.jsonFile'));
      } else {
        saveBlob(new Blob([zip], { type: 'application/zip' }), ctx.t('emr.portal.privacy.export.zipFile'));
      }
      this.state = { ...this.state, exporting: false, exported: true };
    } catch (e) {
      this.state = { ...this.state, exporting: false, exportError: isRefusal(e) ? ctx.t('emr.portal.refused')
        : errorText(ctx, e) };
    }
    this.draw();
  }

  erasure() {
    const ctx = this.ctx;
    const s = this.state;
    const r = s.request;
    const open = r && r.status === 'OPEN';
    return html`<section class="portal-section" aria-labelledby="portal-erasure-h">
      <h2 id="portal-erasure-h">${ctx.t('emr.portal.privacy.erasure')}</h2>
      <p>${ctx.t('emr.portal.privacy.erasure.text')}</p>
      ${r ? html`<p id="portal-erasure-status" role="status">${ctx.t(`emr.portal.privacy.erasure.status.${r.status}`, {
        date: ctx.fmt.date(r.requestedAt), closed: r.closedAt ? ctx.fmt.date(r.closedAt) : '' })}
        ${r.closingNote ? html`<br>${ctx.t('emr.portal.privacy.erasure.closingNote', { note: r.closingNote })}`
          : nothing}</p>` : nothing}
      ${open ? nothing : html`<form id="erasure-request" class="portal-form" novalidate
          @submit=${(e) => this.requestErasure(e)}>
        <div class="form-field">
          <label for="portal-erasure-note">${ctx.t('emr.portal.privacy.erasure.note')}</label>
          <textarea id="portal-erasure-note" name="note" rows="3" maxlength=${NOTE_MAX}
            aria-describedby="portal-erasure-note-hint"></textarea>
          <p id="portal-erasure-note-hint" class="portal-hint">${ctx.t('emr.portal.privacy.erasure.noteHint',
            { max: NOTE_MAX })}</p>
        </div>
        <div class="form-field">
          <input id="portal-erasure-confirm" name="confirm" type="checkbox" required>
          <label for="portal-erasure-confirm">${ctx.t('emr.portal.privacy.erasure.confirm')}</label>
        </div>
        <div id="portal-erasure-error" role="alert">${s.requestError || ''}</div>
        <button type="submit" ?disabled=${s.requesting}>${ctx.t('emr.portal.privacy.erasure.submit')}</button>
      </form>`}
    </section>`;
  }

  async requestErasure(event) {
    event.preventDefault();
    const ctx = this.ctx;
    const form = event.target;
    const data = new FormData(form);
    if (!data.get('confirm')) {
      this.state = { ...this.state, requestError: ctx.t('emr.portal.privacy.erasure.confirmNeeded') };
      this.draw();
      form.querySelector('#portal-erasure-confirm').focus();
      return;
    }
    this.state = { ...this.state, requesting: true, requestError: '' };
    this.draw();
    try {
      const request = await ctx.api.post('/emr/portal/erasure-request', { note: (data.get('note') || '').trim() });
      this.state = { ...this.state, requesting: false, request };
      ctx.notify(ctx.t('emr.portal.privacy.erasure.sent'), 'success');
    } catch (e) {
      this.state = { ...this.state, requesting: false, requestError: errorText(ctx, e) };
    }
    this.draw();
    const status = this.querySelector('#portal-erasure-status');
    if (status && !this.state.requestError) {
      status.setAttribute('tabindex', '-1');
      status.focus();
    }
  }
}

if (!customElements.get('emr-portal-privacy')) {
  customElements.define('emr-portal-privacy', EmrPortalPrivacy);
}
