// Notes tab: clinical notes, newest first, and the form to write one.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, alertRegion, options, can } from '../util.js';

const KINDS = ['PROGRESS', 'ADMISSION', 'DISCHARGE', 'CONSULTATION', 'NURSING', 'OTHER'];

class ChartNotes extends ChartPanel {
  async load() {
    this.items = await this.api.get(this.api.rec('/notes'), { size: 50 });
  }

  submit(e) {
    return this.postForm(e, '/notes', this.ctx.t('emr.chart.note.saved'), { recordChanged: false });
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const items = this.items || [];
    render(html`<h2>${t('emr.chart.tab.notes')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${can(this.ctx, 'emr.record.edit') ? html`<form id="note-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.note.add')}</h3>
        <div class="chart-field"><label for="note-kind">${t('emr.chart.note.kind')}</label>
          <select id="note-kind" name="kind">${options(this.ctx, 'noteKind', KINDS, 'PROGRESS')}</select></div>
        <div class="chart-field"><label for="note-text">${t('emr.chart.note.text')}</label>
          <textarea id="note-text" name="text" required rows="5"></textarea></div>
        ${alertRegion('note-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.save')}</button></div>
      </form>` : nothing}
      ${this.items && !items.length ? html`<p>${t('emr.chart.summary.noneRecorded')}</p>` : nothing}
      <ol class="chart-notes">${items.map((n) => html`<li class="chart-card">
        <h3>${label(this.ctx, 'noteKind', n.kind)}
          <span class="chart-muted">${t('emr.chart.note.by', { author: n.author, when: this.ctx.fmt.dateTime(n.writtenAt) })}</span></h3>
        <p class="chart-note-text">${n.text}</p></li>`)}</ol>`, this);
  }
}

customElements.define('emr-chart-notes', ChartNotes);
