// emr-chart: the patient chart at /chart for ctx.state.patientId (the MRN). Header, allergy banner, tabs
// (WAI-ARIA tabs pattern) with the EMR's own panels and those other departments contribute (navSection "chart"),
// the break-the-glass dialog for restricted records, and restricting a record or lifting its restriction (lifting
// asks for the reason in a dialog: the server audits it as emergency access and refuses it without one).
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { RecordApi, needsBreakGlass } from './api.js';
import { age, label, errorText, isNoKnownAllergy, alertRegion, can } from './util.js';
import { chartContributions } from './contributions.js';
import './tabs/summary.js';
import './tabs/allergies.js';
import './tabs/problems.js';
import './tabs/vitals.js';
import './tabs/notes.js';
import './tabs/prescriptions.js';
import './tabs/documents.js';
import './tabs/encounters.js';

const OWN_TABS = [
  { id: 'summary', element: 'emr-chart-summary' },
  { id: 'allergies', element: 'emr-chart-allergies' },
  { id: 'problems', element: 'emr-chart-problems' },
  { id: 'vitals', element: 'emr-chart-vitals' },
  { id: 'notes', element: 'emr-chart-notes' },
  { id: 'prescriptions', element: 'emr-chart-prescriptions' },
  { id: 'documents', element: 'emr-chart-documents' },
  { id: 'encounters', element: 'emr-chart-encounters' },
];

const MIN_REASON = 10;

class EmrChart extends HTMLElement {
  constructor() {
    super();
    this.record = null;
    this.status = 'loading'; // loading | ready | break-glass | refused | no-patient
    this.error = '';
    this.activeTab = 'summary';
    this.contributed = [];
    this.reasonError = '';
    this.liftError = '';
  }

  connectedCallback() {
    if (!this.stylesAdded) {
      this.stylesAdded = true;
      for (const href of [new URL('./chart.css', import.meta.url).href, '/ui/lib/uplot/uPlot.min.css']) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        this.prepend(link);
      }
    }
    const mrn = this.ctx && this.ctx.state && this.ctx.state.patientId;
    if (!mrn) {
      this.status = 'no-patient';
      this.paint();
      return;
    }
    if (!this.api) {
      this.api = new RecordApi(this.ctx, mrn);
      this.loadContributions();
      this.loadRecord();
    }
  }

  async loadContributions() {
    try {
      this.contributed = await chartContributions(this.ctx);
    } catch (e) {
      this.contributed = []; // other departments' tabs are extras: the chart works without them
    }
    this.paint();
  }

  async loadRecord() {
    try {
      this.record = await this.api.get(this.api.rec(), { encounters: 10 });
      this.status = 'ready';
      this.error = '';
    } catch (e) {
      if (needsBreakGlass(e) && !this.api.reason) {
        this.status = 'break-glass';
        this.paint();
        this.openBreakGlass();
        return;
      }
      this.status = this.record ? 'ready' : 'refused';
      this.error = errorText(this.ctx, e);
    }
    this.paint();
  }

  /** Called by the panels after a change: the header, banner and summary show the new state. */
  recordChanged() {
    this.loadRecord().then(() => {
      const summary = this.querySelector('emr-chart-summary');
      if (summary && summary.loaded) {
        summary.reload();
      }
    });
  }

  openBreakGlass() {
    const dialog = this.querySelector('#break-glass-dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      const reason = dialog.querySelector('[name=reason]');
      if (reason) {
        reason.focus();
      }
    }
  }

  async submitBreakGlass(e) {
    e.preventDefault();
    const form = e.target;
    const reason = form.elements.reason.value.trim();
    if (reason.length < MIN_REASON) {
      this.reasonError = this.ctx.t('emr.chart.breakGlass.tooShort', { min: MIN_REASON });
      this.paint();
      form.elements.reason.focus();
      return;
    }
    this.reasonError = '';
    this.api.reason = reason;
    this.status = 'loading'; // before close(): the close event must not read this as a cancel
    this.querySelector('#break-glass-dialog').close();
    form.reset();
    this.paint();
    await this.loadRecord();
    if (this.status !== 'ready') {
      this.api.reason = null; // refused anyway (e.g. no break-the-glass privilege): nothing was opened
    }
    const heading = this.querySelector('h1');
    if (heading) {
      heading.focus();
    }
  }

  cancelBreakGlass() {
    this.querySelector('#break-glass-dialog').close();
  }

  onDialogClose() {
    if (this.status === 'break-glass') {
      this.status = 'refused';
      this.error = this.ctx.t('emr.chart.breakGlass.cancelled');
      this.paint();
    }
  }

  /**
   * Restricts the record (no reason needed). Clinical access then needs the glass broken, so the chart asks for a
   * reason to go on, as for any restricted record.
   */
  async restrictRecord() {
    try {
      await this.ctx.api.put(this.api.rec('/restriction'), { restricted: true });
      this.ctx.notify(this.ctx.t('emr.chart.restriction.restricted'), 'success');
      this.recordChanged();
    } catch (e) {
      this.error = errorText(this.ctx, e);
      this.paint();
    }
  }

  openLiftDialog() {
    this.liftError = '';
    this.paint();
    const dialog = this.querySelector('#lift-restriction-dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('[name=reason]').focus();
    }
  }

  /**
   * Lifts the restriction with the reason typed in the dialog, sent in the body through ctx.api (never the
   * chart's break-the-glass header, which the server would take instead): the server decides whether the reason
   * is enough and its refusal is shown in the dialog.
   */
  async submitLift(e) {
    e.preventDefault();
    const form = e.target;
    try {
      await this.ctx.api.put(this.api.rec('/restriction'), { restricted: false, reason: form.elements.reason.value.trim() });
    } catch (err) {
      this.liftError = errorText(this.ctx, err);
      this.paint();
      form.elements.reason.focus();
      return;
    }
    this.liftError = '';
    this.querySelector('#lift-restriction-dialog').close();
    form.reset();
    this.api.reason = null; // the record is open now: later calls are ordinary, not emergency access
    this.ctx.notify(this.ctx.t('emr.chart.restriction.lifted'), 'success');
    this.recordChanged();
    const heading = this.querySelector('h1');
    if (heading) {
      heading.focus();
    }
  }

  liftDialog() {
    const t = (k, a) => this.ctx.t(k, a);
    return html`<dialog id="lift-restriction-dialog" aria-labelledby="lift-restriction-title"
        aria-describedby="lift-restriction-help">
      <form id="lift-restriction-form" method="dialog" novalidate @submit=${(e) => this.submitLift(e)}>
        <h2 id="lift-restriction-title">${t('emr.chart.restriction.liftTitle')}</h2>
        <p id="lift-restriction-help">${t('emr.chart.restriction.liftHelp', { min: MIN_REASON })}</p>
        <label for="lift-restriction-reason">${t('emr.chart.restriction.reason')}</label>
        <textarea id="lift-restriction-reason" name="reason" required aria-required="true" rows="3"
          aria-describedby="lift-restriction-help lift-restriction-error"
          aria-invalid=${this.liftError ? 'true' : 'false'}></textarea>
        ${alertRegion('lift-restriction-error', this.liftError)}
        <div class="chart-actions">
          <button type="submit" class="chart-danger">${t('emr.chart.restriction.lift')}</button>
          <button type="button" @click=${() => this.querySelector('#lift-restriction-dialog').close()}>
            ${t('emr.chart.cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  restrictionAction(p) {
    const t = (k, a) => this.ctx.t(k, a);
    if (!can(this.ctx, 'emr.record.restrict')) {
      return nothing;
    }
    return html`<div class="chart-actions chart-restriction">${p.restricted
      ? html`<button type="button" id="lift-restriction" @click=${() => this.openLiftDialog()}
          aria-haspopup="dialog">${t('emr.chart.restriction.lift')}</button>`
      : html`<button type="button" id="restrict-record" @click=${() => this.restrictRecord()}>
          ${t('emr.chart.restriction.restrict')}</button>`}</div>`;
  }

  tabs() {
    const t = (k, a) => this.ctx.t(k, a);
    const own = OWN_TABS.map((tab) => ({ ...tab, title: t(`emr.chart.tab.${tab.id}`) }));
    const more = this.contributed.map((c) => ({ id: c.id, title: t(c.titleKey), contribution: c }));
    return own.concat(more);
  }

  selectTab(id, focus) {
    this.activeTab = id;
    this.paint();
    if (focus) {
      const tab = this.querySelector(`#tab-${CSS.escape(id)}`);
      if (tab) {
        tab.focus();
      }
    }
  }

  onTabKey(e, tabs) {
    const from = e.target && e.target.getAttribute('role') === 'tab' ? e.target.id.slice('tab-'.length) : this.activeTab;
    const i = tabs.findIndex((tab) => tab.id === from);
    let next = null;
    switch (e.key) {
      case 'ArrowRight': next = (i + 1) % tabs.length; break;
      case 'ArrowLeft': next = (i - 1 + tabs.length) % tabs.length; break;
      case 'Home': next = 0; break;
      case 'End': next = tabs.length - 1; break;
      default: return;
    }
    e.preventDefault();
    this.selectTab(tabs[next].id, true);
  }

  goToPatients(e) {
    e.preventDefault();
    this.ctx.navigate('/patients');
  }

  header() {
    const t = (k, a) => this.ctx.t(k, a);
    const fmt = this.ctx.fmt;
    const p = this.record.patient;
    const a = age(p.birthDate);
    const ageText = a ? t(`emr.chart.age.${a.unit}`, { n: a.n }) : '';
    return html`<header id="chart-header" class="chart-header">
      <h1 tabindex="-1">${p.familyName}, ${p.givenName}</h1>
      <dl class="chart-header-facts">
        <div><dt>${t('emr.chart.header.mrn')}</dt><dd class="chart-mrn">${p.mrn}</dd></div>
        <div><dt>${t('emr.chart.header.age')}</dt>
          <dd>${p.birthDateEstimated ? t('emr.chart.header.estimated', { age: ageText }) : ageText}
            <span class="chart-muted">(${fmt.date(p.birthDate)})</span></dd></div>
        <div><dt>${t('emr.chart.header.sex')}</dt><dd>${label(this.ctx, 'sex', p.sex)}</dd></div>
      </dl>
      <ul class="chart-flags">
        ${p.restricted ? html`<li class="chart-flag chart-flag-restricted">${t('emr.chart.header.restricted')}</li>` : nothing}
        ${p.unidentified ? html`<li class="chart-flag">${t('emr.chart.header.unidentified')}</li>` : nothing}
        ${this.api.reason ? html`<li class="chart-flag chart-flag-emergency" id="emergency-access">
          ${t('emr.chart.header.emergencyAccess')}</li>` : nothing}
      </ul>
      ${this.restrictionAction(p)}
    </header>`;
  }

  banner() {
    const t = (k, a) => this.ctx.t(k, a);
    const all = this.record.allergies || [];
    const real = all.filter((a) => !isNoKnownAllergy(a));
    if (real.length) {
      return html`<section id="allergy-banner" class="allergy-banner" aria-labelledby="allergy-banner-title">
        <h2 id="allergy-banner-title">${t('emr.chart.banner.title', { count: real.length })}</h2>
        <ul>${real.map((a) => html`<li><strong>${a.substance}</strong>
          ${a.severity ? html` — ${label(this.ctx, 'severity', a.severity)}` : nothing}
          ${a.reaction ? html` <span>(${a.reaction})</span>` : nothing}</li>`)}</ul>
      </section>`;
    }
    if (all.length) {
      return html`<p class="allergy-none" id="no-known-allergies">${t('emr.chart.banner.none')}</p>`;
    }
    return html`<p class="allergy-unknown">${t('emr.chart.banner.notRecorded')}</p>`;
  }

  panel(tab) {
    const active = tab.id === this.activeTab;
    const body = tab.contribution
      ? html`<div class="chart-contribution" data-contribution=${tab.id}></div>`
      : this.ownPanel(tab, active);
    return html`<div role="tabpanel" id=${`panel-${tab.id}`} aria-labelledby=${`tab-${tab.id}`}
        tabindex="0" ?hidden=${!active}>${body}</div>`;
  }

  ownPanel(tab, active) {
    const changed = () => this.recordChanged();
    const rec = this.record;
    switch (tab.element) {
      case 'emr-chart-summary':
        return html`<emr-chart-summary .ctx=${this.ctx} .api=${this.api} .record=${rec}
          .onRecordChange=${changed} .active=${active}></emr-chart-summary>`;
      case 'emr-chart-allergies':
        return html`<emr-chart-allergies .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-allergies>`;
      case 'emr-chart-problems':
        return html`<emr-chart-problems .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-problems>`;
      case 'emr-chart-vitals':
        return html`<emr-chart-vitals .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-vitals>`;
      case 'emr-chart-notes':
        return html`<emr-chart-notes .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-notes>`;
      case 'emr-chart-prescriptions':
        return html`<emr-chart-prescriptions .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-prescriptions>`;
      case 'emr-chart-documents':
        return html`<emr-chart-documents .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-documents>`;
      default:
        return html`<emr-chart-encounters .ctx=${this.ctx} .api=${this.api} .onRecordChange=${changed}
          .active=${active}></emr-chart-encounters>`;
    }
  }

  /** Creates a contributed tab's element the first time its tab is shown (its module is loaded then). */
  async mountContribution() {
    const tab = this.contributed.find((c) => c.id === this.activeTab);
    if (!tab) {
      return;
    }
    const host = this.querySelector(`[data-contribution="${CSS.escape(tab.id)}"]`);
    if (!host || host.dataset.mounted) {
      return;
    }
    host.dataset.mounted = 'true';
    try {
      await import(tab.moduleUrl);
      const el = document.createElement(tab.element);
      el.ctx = { ...this.ctx, state: { ...(this.ctx.state || {}), patientId: this.record.patient.mrn } };
      host.append(el);
    } catch (e) {
      delete host.dataset.mounted;
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = this.ctx.t('emr.chart.error.contribution');
      host.append(p);
    }
  }

  breakGlassDialog() {
    const t = (k, a) => this.ctx.t(k, a);
    return html`<dialog id="break-glass-dialog" aria-labelledby="break-glass-title" @close=${() => this.onDialogClose()}>
      <form id="break-glass-form" method="dialog" novalidate @submit=${(e) => this.submitBreakGlass(e)}>
        <h2 id="break-glass-title">${t('emr.chart.breakGlass.title')}</h2>
        <p id="break-glass-help">${t('emr.chart.breakGlass.help')}</p>
        <label for="break-glass-reason">${t('emr.chart.breakGlass.reason')}</label>
        <textarea id="break-glass-reason" name="reason" required minlength=${MIN_REASON} rows="3"
          aria-describedby="break-glass-help break-glass-error"></textarea>
        ${alertRegion('break-glass-error', this.reasonError)}
        <div class="chart-actions">
          <button type="submit" class="chart-danger">${t('emr.chart.breakGlass.open')}</button>
          <button type="button" @click=${() => this.cancelBreakGlass()}>${t('emr.chart.cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  body() {
    const t = (k, a) => this.ctx.t(k, a);
    if (this.status === 'no-patient') {
      return html`<h1>${t('emr.chart.title')}</h1>
        <p role="alert">${t('emr.chart.noPatient')}</p>
        <p><a href="/patients" @click=${(e) => this.goToPatients(e)}>${t('emr.chart.findPatient')}</a></p>`;
    }
    if (this.status === 'loading' || this.status === 'break-glass') {
      return html`<h1>${t('emr.chart.title')}</h1><p aria-live="polite">${t('emr.chart.loading')}</p>`;
    }
    if (this.status === 'refused' || !this.record) {
      return html`<h1>${t('emr.chart.title')}</h1><p role="alert">${this.error}</p>
        <div class="chart-actions">
          ${this.status === 'refused' && this.error === t('emr.chart.breakGlass.cancelled')
            ? html`<button type="button" @click=${() => { this.status = 'break-glass'; this.paint(); this.openBreakGlass(); }}>
                ${t('emr.chart.breakGlass.again')}</button>` : nothing}
          <a href="/patients" @click=${(e) => this.goToPatients(e)}>${t('emr.chart.findPatient')}</a>
        </div>`;
    }
    const tabs = this.tabs();
    if (!tabs.some((tab) => tab.id === this.activeTab)) {
      this.activeTab = 'summary';
    }
    return html`${this.header()}${this.banner()}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      <div role="tablist" class="chart-tabs" aria-label=${t('emr.chart.tabs')}
          @keydown=${(e) => this.onTabKey(e, tabs)}>
        ${tabs.map((tab) => html`<button type="button" role="tab" id=${`tab-${tab.id}`}
          aria-controls=${`panel-${tab.id}`} aria-selected=${tab.id === this.activeTab ? 'true' : 'false'}
          tabindex=${tab.id === this.activeTab ? '0' : '-1'} @click=${() => this.selectTab(tab.id, false)}>
          ${tab.title}</button>`)}
      </div>
      ${tabs.map((tab) => this.panel(tab))}`;
  }

  paint() {
    if (!this.ctx) {
      return;
    }
    if (!this.root) {
      this.root = document.createElement('div');
      this.root.className = 'emr-chart';
      this.append(this.root);
    }
    render(html`${this.body()}${this.status === 'no-patient' ? nothing : this.breakGlassDialog()}
      ${this.record ? this.liftDialog() : nothing}`, this.root);
    if (this.status === 'ready') {
      this.mountContribution();
    }
  }
}

if (!customElements.get('emr-chart')) {
  customElements.define('emr-chart', EmrChart);
}
