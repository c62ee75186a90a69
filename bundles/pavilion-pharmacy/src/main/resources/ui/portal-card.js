// Portal home card: the medicine the pharmacy gave the patient last, how many in all, and a link to the page.
import { html } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { BASE, useStyles } from './common.js';

class PharmacyPortalCard extends PortalCard {
  constructor() {
    super({
      route: '/portal/medicines', loadingKey: 'pharmacy.loading', noneKey: 'pharmacy.portal.none',
      openKey: 'pharmacy.card.open',
    });
  }

  styles() {
    useStyles();
  }

  async fetchItem() {
    const page = await this.ctx.api.get(`${BASE}/portal/dispenses`, { page: 0, size: 1 });
    this.total = page.total || 0;
    return (page.items || [])[0] || null;
  }

  content(d) {
    const ctx = this.ctx;
    return html`<p>${ctx.t('pharmacy.card.count', { count: ctx.fmt.number(this.total) })}</p>
      <p>${ctx.t('pharmacy.card.latest', { medicine: d.itemName || d.itemCode, when: ctx.fmt.date(d.dispensedAt) })}</p>`;
  }
}

if (!customElements.get('pharmacy-portal-card')) {
  customElements.define('pharmacy-portal-card', PharmacyPortalCard);
}
