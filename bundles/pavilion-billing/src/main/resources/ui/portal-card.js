// Portal home card: what the patient has left to pay on their bills (the newest unpaid one first), and a link to
// "My bills".
import { html } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { BASE, useStyles, money, isPositive } from './common.js';

const PAYABLE = ['ISSUED', 'PARTIALLY_PAID'];

class BillingPortalCard extends PortalCard {
  constructor() {
    super({
      route: '/portal/bills', loadingKey: 'billing.loading', noneKey: 'billing.portal.none',
      openKey: 'billing.card.open',
    });
  }

  styles() {
    useStyles();
  }

  async fetchItem() {
    const answer = await this.ctx.api.get(`${BASE}/portal/invoices`, { page: 0, size: 20 });
    const items = Array.isArray(answer) ? answer : (answer && answer.items) || [];
    this.unpaid = items.filter((i) => PAYABLE.includes(i.status) && isPositive(i.patientBalance));
    return this.unpaid[0] || items[0] || null;
  }

  content(inv) {
    const ctx = this.ctx;
    if (!this.unpaid.length) {
      return html`<p>${ctx.t('billing.card.allPaid')}</p>`;
    }
    return html`<p>${ctx.t('billing.card.unpaid', { count: ctx.fmt.number(this.unpaid.length) })}</p>
      <p>${ctx.t('billing.card.latest', { number: inv.number, amount: money(ctx, inv.patientBalance, inv.currency) })}</p>`;
  }
}

if (!customElements.get('billing-portal-card')) {
  customElements.define('billing-portal-card', BillingPortalCard);
}
