// Documents tab: the patient's documents (pages of 20), upload (the raw file with its type and SHA-256), view in a new tab through a blob URL
// (the address holds no patient data), and "entered in error" with a reason.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, errorText, alertRegion, options, can } from '../util.js';

const CATEGORIES = ['LAB_REPORT', 'IMAGE', 'DICOM', 'SCANNED_FORM', 'LETTER', 'OTHER'];
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.dcm,application/pdf,image/jpeg,image/png,image/tiff,application/dicom';
const PAGE_SIZE = 20;
const BLOB_URL_LIFETIME_MS = 60000;

const TYPES_BY_EXTENSION = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png',
  tif: 'image/tiff', tiff: 'image/tiff', dcm: 'application/dicom' };
const DIGEST_LIMIT = 64 * 1024 * 1024;

/** The file's media type: the browser's, else from the extension (browsers know no type for .dcm). */
function mediaType(file) {
  if (file.type && Object.values(TYPES_BY_EXTENSION).includes(file.type)) {
    return file.type;
  }
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return TYPES_BY_EXTENSION[ext] || null;
}

/** Hex SHA-256 of the file, so the server refuses a copy damaged on the way; null where the browser cannot. */
async function sha256Hex(file) {
  if (!window.crypto || !window.crypto.subtle || file.size > DIGEST_LIMIT) {
    return null;
  }
  const digest = await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

class ChartDocuments extends ChartPanel {
  constructor() {
    super();
    this.page = 0;
  }

  async load() {
    this.result = await this.api.get('/emr/documents', { mrn: this.api.mrn, page: this.page, size: PAGE_SIZE });
  }

  async goTo(page) {
    this.page = page;
    await this.reload();
  }

  async submit(e) {
    e.preventDefault();
    const form = e.target;
    if (!this.formIsValid(form)) {
      return;
    }
    const file = form.elements.file.files[0];
    const type = mediaType(file);
    if (!type) {
      this.formError = this.ctx.t('emr.chart.doc.badType');
      this.paint();
      form.elements.file.focus();
      return;
    }
    await this.saveEntry(async () => {
      const query = { mrn: this.api.mrn, title: form.elements.title.value.trim(), category: form.elements.category.value };
      const sha = await sha256Hex(file);
      await this.api.uploadRaw('/emr/documents', query, file, type, sha ? { 'Content-SHA256': sha } : {});
      form.reset();
      this.page = 0;
    }, this.ctx.t('emr.chart.doc.saved'), { recordChanged: false });
  }

  async view(doc) {
    // Opened first, filled after the download: a window opened later than the click would be blocked as a popup.
    const win = window.open('', '_blank');
    if (win) {
      win.opener = null; // the new tab gets no handle on the chart
    }
    try {
      const blob = await this.api.blob(`/emr/documents/${encodeURIComponent(doc.id)}/content`);
      const url = URL.createObjectURL(blob);
      if (win) {
        win.location.href = url;
      } else {
        window.open(url, '_blank', 'noopener');
      }
      setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
    } catch (err) {
      if (win) {
        win.close();
      }
      this.error = errorText(this.ctx, err);
      this.paint();
    }
  }

  askRetract(doc) {
    this.retracting = doc.id;
    this.retractError = '';
    this.paint();
    const field = this.querySelector('#retract-reason');
    if (field) {
      field.focus();
    }
  }

  async retract(e, doc) {
    e.preventDefault();
    const reason = e.target.elements.reason.value.trim();
    if (!reason) {
      this.retractError = this.ctx.t('emr.chart.doc.reasonRequired');
      this.paint();
      return;
    }
    try {
      await this.api.del(`/emr/documents/${encodeURIComponent(doc.id)}?reason=${encodeURIComponent(reason)}`);
      this.retracting = null;
      this.ctx.notify(this.ctx.t('emr.chart.doc.retracted', { title: doc.title }), 'success');
      await this.load();
    } catch (err) {
      this.retractError = errorText(this.ctx, err);
    }
    this.paint();
  }

  retractForm(doc) {
    const t = (k, a) => this.ctx.t(k, a);
    return html`<form id="retract-form" class="chart-inline-form" novalidate @submit=${(e) => this.retract(e, doc)}>
      <label for="retract-reason">${t('emr.chart.doc.reason')}</label>
      <input id="retract-reason" name="reason" required maxlength="500">
      ${alertRegion('retract-error', this.retractError)}
      <button type="submit" class="chart-danger">${t('emr.chart.doc.retractYes')}</button>
      <button type="button" @click=${() => { this.retracting = null; this.paint(); }}>${t('emr.chart.cancel')}</button>
    </form>`;
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const r = this.result;
    const items = (r && r.items) || [];
    const canRetract = can(this.ctx, 'emr.document.retract');
    const pages = r ? Math.max(1, Math.ceil(r.total / PAGE_SIZE)) : 1;
    render(html`<h2>${t('emr.chart.tab.documents')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${r && !items.length ? html`<p>${t('emr.chart.summary.noneRecorded')}</p>` : nothing}
      ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table" id="documents-table">
        <caption class="chart-visually-hidden">${t('emr.chart.tab.documents')}</caption>
        <thead><tr><th scope="col">${t('emr.chart.doc.title')}</th><th scope="col">${t('emr.chart.doc.category')}</th>
          <th scope="col">${t('emr.chart.doc.size')}</th><th scope="col">${t('emr.chart.recorded')}</th>
          <th scope="col">${t('emr.chart.actions')}</th></tr></thead>
        <tbody>${items.map((d) => html`<tr>
          <td>${d.title}</td><td>${label(this.ctx, 'docCategory', d.category)}</td>
          <td>${t('emr.chart.doc.kib', { size: fmt.number(Math.max(1, Math.round(d.sizeBytes / 1024))) })}</td>
          <td>${fmt.dateTime(d.createdAt)}<br><span class="chart-muted">${d.createdBy}</span></td>
          <td><button type="button" class="doc-view" @click=${() => this.view(d)}
              aria-label=${t('emr.chart.doc.viewNamed', { title: d.title })}>${t('emr.chart.doc.view')}</button>
            ${canRetract ? (this.retracting === d.id ? this.retractForm(d) : html`<button type="button" class="doc-retract"
              @click=${() => this.askRetract(d)} aria-label=${t('emr.chart.doc.retractNamed', { title: d.title })}>
              ${t('emr.chart.doc.retract')}</button>`) : nothing}</td>
        </tr>`)}</tbody></table></div>` : nothing}
      ${pages > 1 ? html`<nav class="chart-pager" aria-label=${t('emr.chart.doc.pages')}>
        <button type="button" ?disabled=${this.page === 0} @click=${() => this.goTo(this.page - 1)}>${t('emr.chart.previous')}</button>
        <span>${t('emr.chart.pageOf', { page: fmt.number(this.page + 1), pages: fmt.number(pages) })}</span>
        <button type="button" ?disabled=${this.page + 1 >= pages} @click=${() => this.goTo(this.page + 1)}>${t('emr.chart.next')}</button>
      </nav>` : nothing}
      ${can(this.ctx, 'emr.document.attach') ? html`<form id="document-form" class="chart-form" novalidate
          @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.doc.add')}</h3>
        <div class="chart-field"><label for="doc-title">${t('emr.chart.doc.title')}</label>
          <input id="doc-title" name="title" required maxlength="200"></div>
        <div class="chart-field"><label for="doc-category">${t('emr.chart.doc.category')}</label>
          <select id="doc-category" name="category" required>${options(this.ctx, 'docCategory', CATEGORIES, null, 'emr.chart.choose')}</select></div>
        <div class="chart-field"><label for="doc-file">${t('emr.chart.doc.file')}</label>
          <input id="doc-file" name="file" type="file" required accept=${ACCEPT} aria-describedby="doc-file-help">
          <p id="doc-file-help" class="chart-help">${t('emr.chart.doc.fileHelp')}</p></div>
        ${alertRegion('document-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.doc.upload')}</button></div>
      </form>` : nothing}`, this);
  }
}

customElements.define('emr-chart-documents', ChartDocuments);
