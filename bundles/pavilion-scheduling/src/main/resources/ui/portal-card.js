// Portal home card: the next appointment with its booking code, and a link to the appointments page.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { BASE, isUpcoming, when, errorText, useStyles } from './common.js';

class SchedulingPortalCard extends HTMLElement {
  connectedCallback() {
    if (!this.ctx) return;
    useStyles();
    this.draw();
    this.load();
  }

  async load() {
    try {
      const page = await this.ctx.api.get(`${BASE}/my/appointments`, { status: 'BOOKED,CHECKED_IN', size: 100 });
      const now = Date.now();
      this.next = (page.items || []).filter((a) => isUpcoming(a, now))
        .sort((a, b) => a.start.localeCompare(b.start))[0] || null;
      this.loaded = true;
    } catch (err) {
      this.error = errorText(this.ctx, err);
    }
    this.draw();
  }

  draw() {
    const ctx = this.ctx;
    const t = (k, p) => ctx.t(k, p);
    const a = this.next;
    render(html`<div class="portal-card-body scheduling-card">
      ${!this.loaded && !this.error ? html`<p role="status">${t('scheduling.loading')}</p>` : nothing}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.loaded && !a ? html`<p>${t('scheduling.card.none')}</p>` : nothing}
      ${a ? html`<p><strong>${when(ctx, a)}</strong></p>
        <p>${a.doctorName || a.doctorId} · ${a.serviceName || a.serviceCode}</p>
        ${a.status === 'BOOKED' ? html`<p>${t('scheduling.code')}: <span class="scheduling-code">${a.bookingCode}</span></p>` : nothing}` : nothing}
      <a class="portal-card-link" href="/portal/appointments" @click=${(e) => this.open(e)}>${t('scheduling.card.open')}</a>
    </div>`, this);
  }

  open(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.ctx.navigate('/portal/appointments', {});
  }
}

if (!customElements.get('scheduling-portal-card')) {
  customElements.define('scheduling-portal-card', SchedulingPortalCard);
}
