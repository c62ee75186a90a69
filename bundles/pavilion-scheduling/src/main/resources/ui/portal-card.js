// Portal home card: the next appointment with its booking code, and a link to the appointments page.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { BASE, isUpcoming, when, errorText, useStyles } from './common.js';

class SchedulingPortalCard extends PortalCard {
  constructor() {
    super({
      route: '/portal/appointments', loadingKey: 'scheduling.loading', noneKey: 'scheduling.card.none',
      openKey: 'scheduling.card.open', className: 'scheduling-card',
    });
  }

  styles() {
    useStyles();
  }

  // the department's own reading of a failure (the problem's text, else the error's message)
  errorText(err) {
    return errorText(this.ctx, err);
  }

  async fetchItem() {
    const page = await this.ctx.api.get(`${BASE}/my/appointments`, { status: 'BOOKED,CHECKED_IN', size: 100 });
    const now = Date.now();
    return (page.items || []).filter((a) => isUpcoming(a, now))
      .sort((a, b) => a.start.localeCompare(b.start))[0] || null;
  }

  content(a) {
    const ctx = this.ctx;
    return html`<p><strong>${when(ctx, a)}</strong></p>
      <p>${a.doctorName || a.doctorId} · ${a.serviceName || a.serviceCode}</p>
      ${a.status === 'BOOKED' ? html`<p>${ctx.t('scheduling.code')}: <span class="scheduling-code">${a.bookingCode}</span></p>` : nothing}`;
  }
}

if (!customElements.get('scheduling-portal-card')) {
  customElements.define('scheduling-portal-card', SchedulingPortalCard);
}
