// Portal home card: how many results were released to the patient lately, the newest one, and a link to the page.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, go } from './common.js';

class LabPortalCard extends HTMLElement {
  connectedCallback() {
    if (!this.ctx) return;
    useStyles();
    this.draw();
    this.load();
  }

  async load() {
    try {
      const page = await this.ctx.api.get(`${BASE}/portal/results`, { page: 0, size: 1 });
      this.latest = (page.items || [])[0] || null;
      this.total = page.total || 0;
      this.loaded = true;
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.draw();
  }

  draw() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const r = this.latest;
    render(html`<div class="portal-card-body">
      ${!this.loaded && !this.error ? html`<p role="status">${t('lab.loading')}</p>` : nothing}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.loaded && !r ? html`<p>${t('lab.portal.none')}</p>` : nothing}
      ${r ? html`<p>${t('lab.card.count', { count: ctx.fmt.number(this.total) })}</p>
        <p>${t('lab.card.latest', { test: r.testName, when: ctx.fmt.date(r.releasedAt || r.observedAt) })}</p>` : nothing}
      <a class="portal-card-link" href="/portal/results" @click=${go(ctx, '/portal/results', {})}>${t('lab.card.open')}</a>
    </div>`, this);
  }
}

if (!customElements.get('lab-portal-card')) {
  customElements.define('lab-portal-card', LabPortalCard);
}
