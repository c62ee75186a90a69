// Portal home card: the medicine the pharmacy gave the patient last, how many in all, and a link to the page.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, go } from './common.js';

class PharmacyPortalCard extends HTMLElement {
  connectedCallback() {
    if (!this.ctx) return;
    useStyles();
    this.draw();
    this.load();
  }

  async load() {
    try {
      const page = await this.ctx.api.get(`${BASE}/portal/dispenses`, { page: 0, size: 1 });
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
    const d = this.latest;
    render(html`<div class="portal-card-body">
      ${!this.loaded && !this.error ? html`<p role="status">${t('pharmacy.loading')}</p>` : nothing}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.loaded && !d ? html`<p>${t('pharmacy.portal.none')}</p>` : nothing}
      ${d ? html`<p>${t('pharmacy.card.count', { count: ctx.fmt.number(this.total) })}</p>
        <p>${t('pharmacy.card.latest', { medicine: d.itemName || d.itemCode, when: ctx.fmt.date(d.dispensedAt) })}</p>` : nothing}
      <a class="portal-card-link" href="/portal/medicines" @click=${go(ctx, '/portal/medicines', {})}>${t('pharmacy.card.open')}</a>
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-portal-card')) {
  customElements.define('pharmacy-portal-card', PharmacyPortalCard);
}
