// Installed modules (/api/v1/platform/modules) with their REST and SOAP endpoints, and the health checks
// (/api/v1/platform/health, which answers 503 with the same report when something essential is down).
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, errorText, scrollTable } from './common.js';

// Bundle states (ModuleRegistry) and health statuses that have a translation; others are shown as sent.
const KNOWN_STATES = new Set(['UP', 'DOWN', 'INSTALLED', 'RESOLVED', 'STARTING', 'ACTIVE', 'STOPPING', 'UNINSTALLED']);

class PlatformModules extends PlatformPage {
  start() {
    this.modules = null;
    this.health = null;
    this.error = '';
    this.healthError = '';
    this.update();
    this.load();
  }

  async load() {
    const { api } = this.ctx;
    const [modules, health] = await Promise.allSettled([api.get('/platform/modules'), api.get('/platform/health')]);
    if (modules.status === 'fulfilled') {
      this.modules = [...modules.value].sort((a, b) => a.name.localeCompare(b.name));
      this.error = '';
    } else {
      this.error = errorText(this.ctx, modules.reason);
    }
    if (health.status === 'fulfilled') {
      this.health = health.value;
      this.healthError = '';
    } else if (health.reason && health.reason.status === 503 && health.reason.problem
        && health.reason.problem.checks) {
      this.health = health.reason.problem; // DOWN: the body is still the report
      this.healthError = '';
    } else {
      this.healthError = errorText(this.ctx, health.reason);
    }
    this.update();
  }

  status(value) {
    const { t } = this.ctx;
    const text = KNOWN_STATES.has(value) ? t(`platform.modules.status.${value}`) : value;
    return html`<span class="pv-badge">${text}</span>`;
  }

  endpoints(title, list) {
    if (!list || !list.length) {
      return '';
    }
    return html`<h4>${title}</h4><ul>${list.map((e) => html`<li><code>${e}</code></li>`)}</ul>`;
  }

  update() {
    const { t } = this.ctx;
    const h = this.health;
    render(html`<div class="page pv-page">
      <h1>${t('platform.page.modules')}</h1>
      <div class="pv-actions"><button type="button" class="button button-quiet" id="modules-refresh" @click=${() => this.load()}>
        ${t('platform.refresh')}</button></div>
      <section aria-labelledby="health-heading">
        <h2 id="health-heading">${t('platform.modules.health')}</h2>
        ${alertRegion(this.healthError)}
        ${h ? html`<p id="health-status" role=${h.status === 'UP' ? 'status' : 'alert'}
            class=${h.status === 'UP' ? 'alert alert-success' : 'alert alert-error'}>
            ${t(h.status === 'UP' ? 'platform.modules.up' : 'platform.modules.down')}</p>
          ${scrollTable(t('platform.modules.checks'), html`<table id="health-checks">
            <caption>${t('platform.modules.checks')}</caption>
            <thead><tr><th scope="col">${t('platform.modules.check')}</th><th scope="col">${t('platform.modules.state')}</th>
              <th scope="col">${t('platform.modules.detail')}</th></tr></thead>
            <tbody>${Object.entries(h.checks || {}).map(([name, c]) => html`<tr><th scope="row">${name}</th>
              <td>${this.status(c.status)}</td><td>${c.detail || ''}</td></tr>`)}</tbody></table>`)}` : ''}
      </section>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading">${t('platform.modules.installed')}</h2>
        ${alertRegion(this.error)}
        <ul class="card-grid pv-cards" id="module-list">${(this.modules || []).map((m) => html`<li>
          <h3>${m.title || m.name}</h3>
          <dl class="facts pv-facts">
            <dt>${t('platform.modules.name')}</dt><dd><code>${m.name}</code></dd>
            <dt>${t('platform.modules.bundle')}</dt><dd>${m.bundle} ${m.version || ''}</dd>
            <dt>${t('platform.modules.state')}</dt><dd>${this.status(m.state)}</dd>
          </dl>
          ${this.endpoints(t('platform.modules.rest'), m.rest)}
          ${this.endpoints(t('platform.modules.soap'), m.soap)}
          ${m.refused && m.refused.length ? html`<h4>${t('platform.modules.refused')}</h4>
            <ul class="alert alert-error kit-alert">${m.refused.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
        </li>`)}</ul>
      </section>
    </div>`, this);
  }
}

if (!customElements.get('platform-modules')) {
  customElements.define('platform-modules', PlatformModules);
}
