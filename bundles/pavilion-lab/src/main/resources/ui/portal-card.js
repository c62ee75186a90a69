// Portal home card: how many results were released to the patient lately, the newest one, and a link to the page.
import { html } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { BASE, useStyles } from './common.js';

class LabPortalCard extends PortalCard {
  constructor() {
    super({ route: '/portal/results', loadingKey: 'lab.loading', noneKey: 'lab.portal.none', openKey: 'lab.card.open' });
  }

  styles() {
    useStyles();
  }

  async fetchItem() {
    const page = await this.ctx.api.get(`${BASE}/portal/results`, { page: 0, size: 1 });
    this.total = page.total || 0;
    return (page.items || [])[0] || null;
  }

  content(r) {
    const ctx = this.ctx;
    return html`<p>${ctx.t('lab.card.count', { count: ctx.fmt.number(this.total) })}</p>
      <p>${ctx.t('lab.card.latest', { test: r.testName, when: ctx.fmt.date(r.releasedAt || r.observedAt) })}</p>`;
  }
}

if (!customElements.get('lab-portal-card')) {
  customElements.define('lab-portal-card', LabPortalCard);
}
