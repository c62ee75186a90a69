// Portal home card: the next video consultation (today's first), and the way into its waiting room.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { MY, errorText, useStyles } from './common.js';

export const OPEN = ['IN_CALL', 'WAITING', 'SCHEDULED'];

/** The consultation to show first: one in call, else one waiting, else the next scheduled. */
export function nextConsultation(list) {
  return (list || []).filter((c) => OPEN.includes(c.state))
    .sort((a, b) => OPEN.indexOf(a.state) - OPEN.indexOf(b.state)
      || String(a.scheduledStart).localeCompare(String(b.scheduledStart)))[0] || null;
}

class TelemedicinePortalCard extends PortalCard {
  constructor() {
    super({ route: '/portal/video', loadingKey: 'telemedicine.loading', noneKey: 'telemedicine.card.none',
      openKey: 'telemedicine.card.open', className: 'tele-card' });
  }

  styles() {
    useStyles();
  }

  errorText(err) {
    return errorText(this.ctx, err);
  }

  async fetchItem() {
    return nextConsultation(await this.ctx.api.get(MY));
  }

  content(c) {
    const t = (k, p) => this.ctx.t(k, p);
    return html`<p><strong>${this.ctx.fmt.dateTime(c.scheduledStart)}</strong></p>
      <p>${c.doctorName || ''}${c.serviceName ? html` · ${c.serviceName}` : nothing}</p>
      <p>${t(`telemedicine.state.${c.state}`)}</p>`;
  }
}

if (!customElements.get('telemedicine-portal-card')) {
  customElements.define('telemedicine-portal-card', TelemedicinePortalCard);
}
