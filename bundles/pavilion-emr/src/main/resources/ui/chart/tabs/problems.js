// Problems tab: the coded problem list (ICD-10), resolve / reactivate, and the form to record a diagnosis with a
// code picker that searches the EMR's ICD-10 list as you type (WAI-ARIA combobox with a listbox popup).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { ChartPanel, label, errorText, alertRegion, options, todayIso, can, listStatus } from '../util.js';

const SEARCH_DELAY_MS = 200;
const SUGGESTIONS = 10;

class ChartProblems extends ChartPanel {
  constructor() {
    super();
    this.suggestions = [];
    this.activeIndex = -1;
    this.expanded = false;
    this.query = '';
    this.searchSeq = 0;
  }

  async load() {
    this.items = await this.api.get(this.api.rec('/problems'));
  }

  onCodeInput(e) {
    const q = e.target.value.trim();
    this.query = q;
    clearTimeout(this.timer);
    if (q.length < 1) {
      this.suggestions = [];
      this.expanded = false;
      this.paint();
      return;
    }
    this.timer = setTimeout(() => this.search(q), SEARCH_DELAY_MS);
  }

  async search(q) {
    const seq = ++this.searchSeq;
    try {
      const res = await this.api.get('/emr/icd10', { q, limit: SUGGESTIONS });
      if (seq !== this.searchSeq) {
        return; // an older answer arriving after a newer one
      }
      this.suggestions = (res && res.items) || [];
      this.activeIndex = -1;
      this.expanded = true;
      this.searchError = '';
    } catch (err) {
      this.suggestions = [];
      this.expanded = false;
      this.searchError = errorText(this.ctx, err);
    }
    this.paint();
  }

  onCodeKey(e) {
    const n = this.suggestions.length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      this.expanded = true;
      this.activeIndex = (this.activeIndex + 1) % n;
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      this.expanded = true;
      this.activeIndex = (this.activeIndex - 1 + n) % n;
    } else if (e.key === 'Enter' && this.expanded && this.activeIndex >= 0) {
      e.preventDefault();
      this.choose(this.suggestions[this.activeIndex]);
      return;
    } else if (e.key === 'Escape' && this.expanded) {
      e.preventDefault();
      this.expanded = false;
    } else {
      return;
    }
    this.paint();
  }

  choose(item) {
    const input = this.querySelector('#problem-code');
    input.value = item.code;
    this.chosen = item;
    this.expanded = false;
    this.activeIndex = -1;
    this.paint();
    input.focus();
  }

  submit(e) {
    return this.postForm(e, '/problems', this.ctx.t('emr.chart.problem.saved'), {
      cleared: () => {
        this.chosen = null;
        this.suggestions = [];
      },
    });
  }

  async setStatus(problem, status) {
    await this.rowAction(() => this.api.put(this.api.rec(`/problems/${encodeURIComponent(problem.id)}/status`), { status }),
      this.ctx.t('emr.chart.problem.statusChanged'));
  }

  combobox() {
    const t = (k, a) => this.ctx.t(k, a);
    const open = this.expanded && this.suggestions.length > 0;
    return html`<div class="chart-field chart-combobox">
      <label for="problem-code">${t('emr.chart.problem.code')}</label>
      <input id="problem-code" name="code" required maxlength="10" autocomplete="off" role="combobox"
        aria-autocomplete="list" aria-expanded=${open ? 'true' : 'false'} aria-controls="problem-code-list"
        aria-describedby="problem-code-help" aria-activedescendant=${open && this.activeIndex >= 0
          ? `problem-code-opt-${this.activeIndex}` : ''}
        @input=${(e) => this.onCodeInput(e)} @keydown=${(e) => this.onCodeKey(e)}
        @blur=${() => setTimeout(() => { if (this.expanded) { this.expanded = false; this.paint(); } }, 150)}>
      <p id="problem-code-help" class="chart-help">${this.chosen
        ? t('emr.chart.problem.chosen', { code: this.chosen.code, title: this.chosen.title })
        : t('emr.chart.problem.codeHelp')}</p>
      <ul id="problem-code-list" role="listbox" aria-label=${t('emr.chart.problem.suggestions')} ?hidden=${!open}>
        ${this.suggestions.map((s, i) => html`<li role="option" id=${`problem-code-opt-${i}`}
          aria-selected=${i === this.activeIndex ? 'true' : 'false'}
          @mousedown=${(e) => { e.preventDefault(); this.choose(s); }}>
          <span class="chart-code">${s.code}</span> ${s.title}</li>`)}
      </ul>
      <p class="chart-visually-hidden" aria-live="polite">${this.expanded
        ? t('emr.chart.problem.found', { count: this.suggestions.length }) : ''}</p>
      ${alertRegion('problem-code-error', this.searchError)}
    </div>`;
  }

  paint() {
    const t = (k, a) => this.ctx.t(k, a);
    const items = this.items || [];
    const canRecord = can(this.ctx, 'emr.problem.record');
    render(html`<h2>${t('emr.chart.tab.problems')}</h2>
      ${listStatus(this.ctx, this.error, this.items)}
      ${items.length ? html`<div class="chart-table-wrap"><table class="chart-table">
        <caption class="chart-visually-hidden">${t('emr.chart.tab.problems')}</caption>
        <thead><tr><th scope="col">${t('emr.chart.problem.code')}</th><th scope="col">${t('emr.chart.problem.title')}</th>
          <th scope="col">${t('emr.chart.status')}</th><th scope="col">${t('emr.chart.problem.onset')}</th>
          <th scope="col">${t('emr.chart.recorded')}</th>${canRecord ? html`<th scope="col">${t('emr.chart.actions')}</th>` : nothing}</tr></thead>
        <tbody>${items.map((d) => html`<tr>
          <td class="chart-code">${d.code}</td><td>${d.title}${d.note ? html`<br><span class="chart-muted">${d.note}</span>` : nothing}</td>
          <td>${label(this.ctx, 'problemStatus', d.status)}</td>
          <td>${d.onsetDate ? this.ctx.fmt.date(d.onsetDate) : ''}</td>
          <td>${this.ctx.fmt.dateTime(d.recordedAt)}<br><span class="chart-muted">${d.recordedBy}</span></td>
          ${canRecord ? html`<td><button type="button" @click=${() => this.setStatus(d, d.status === 'ACTIVE' ? 'RESOLVED' : 'ACTIVE')}
            aria-label=${t(d.status === 'ACTIVE' ? 'emr.chart.problem.resolveNamed' : 'emr.chart.problem.reactivateNamed', { title: d.title })}>
            ${t(d.status === 'ACTIVE' ? 'emr.chart.problem.resolve' : 'emr.chart.problem.reactivate')}</button></td>` : nothing}
        </tr>`)}</tbody></table></div>` : nothing}
      ${canRecord ? html`<form id="problem-form" class="chart-form" novalidate @submit=${(e) => this.submit(e)}>
        <h3>${t('emr.chart.problem.add')}</h3>
        ${this.combobox()}
        <div class="chart-field"><label for="problem-onset">${t('emr.chart.problem.onset')}</label>
          <input id="problem-onset" name="onsetDate" type="date" max=${todayIso()}></div>
        <div class="chart-field"><label for="problem-status">${t('emr.chart.status')}</label>
          <select id="problem-status" name="status">${options(this.ctx, 'problemStatus', ['ACTIVE', 'RESOLVED'], 'ACTIVE')}</select></div>
        <div class="chart-field"><label for="problem-note">${t('emr.chart.problem.note')}</label>
          <textarea id="problem-note" name="note" rows="2" maxlength="2000"></textarea></div>
        ${alertRegion('problem-error', this.formError)}
        <div class="chart-actions"><button type="submit" ?disabled=${this.saving}>${t('emr.chart.save')}</button></div>
      </form>` : nothing}`, this);
    const opt = this.querySelector(`#problem-code-opt-${this.activeIndex}`);
    if (opt) {
      opt.scrollIntoView({ block: 'nearest' });
    }
  }
}

customElements.define('emr-chart-problems', ChartProblems);
