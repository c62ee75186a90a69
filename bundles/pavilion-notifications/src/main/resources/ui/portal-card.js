// Portal home card: the latest message sent to the patient and a link to "Messages and reminders".
import { html } from '/ui/lib/lit-html/lit-html.js';
import { PortalCard } from '/ui/shell/kit.js';
import { BASE, useStyles, label, listOf, when } from './common.js';

class NotificationsPortalCard extends PortalCard {
  constructor() {
    super({
      route: '/portal/notifications', loadingKey: 'notifications.loading', noneKey: 'notifications.portal.none',
      openKey: 'notifications.card.open',
    });
  }

  styles() {
    useStyles();
  }

  async fetchItem() {
    const items = listOf(await this.ctx.api.get(`${BASE}/portal/messages`, { page: 0, size: 1 }));
    return items[0] || null;
  }

  content(m) {
    const ctx = this.ctx;
    return html`<p>${ctx.t('notifications.card.latest', { what: m.subject || label(ctx, 'event', m.eventType),
      when: when(ctx, m.sentAt, m.sentMs, m.createdAt, m.createdMs) })}</p>`;
  }
}

if (!customElements.get('notifications-portal-card')) {
  customElements.define('notifications-portal-card', NotificationsPortalCard);
}
