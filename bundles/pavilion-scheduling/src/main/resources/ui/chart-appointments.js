// Chart tab /chart/appointments: the chart's patient's appointments (ctx.state.patientId), upcoming first.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { BASE, isUpcoming, when, statusLabel, visitLabel, errorText, useStyles } from './common.js';

class SchedulingChartAppointments extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.load();
  }

  async load() {
    const patientId = this._ctx.state && this._ctx.state.patientId;
    if (!patientId) {
      this.error = this._ctx.t('scheduling.chart.noPatient');
      this.paint();
      return;
    }
    try {
      const page = await this._ctx.api.get(`${BASE}/appointments`, { patientId, size: 100 });
      const now = Date.now();
      const items = page.items || [];
      // Still to happen (booked or checked in) soonest first, then the rest latest first
      this.upcoming = items.filter((a) => isUpcoming(a, now)).sort((a, b) => a.start.localeCompare(b.start));
      this.past = items.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.start.localeCompare(a.start));
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.paint();
  }

  table(id, captionKey, items) {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
      <table id=${id}><caption id="${id}-caption">${t(captionKey)}</caption>
        <thead><tr><th scope="col">${t('scheduling.col.when')}</th><th scope="col">${t('scheduling.col.doctor')}</th>
          <th scope="col">${t('scheduling.col.service')}</th><th scope="col">${t('scheduling.col.status')}</th>
          <th scope="col">${t('scheduling.col.reason')}</th></tr></thead>
        <tbody>${items.length ? items.map((a) => html`<tr>
          <td>${when(ctx, a)}</td><td>${a.doctorName || a.doctorId}</td>
          <td>${a.serviceName || a.serviceCode}${a.visitType === 'VIDEO' ? html` (${visitLabel(ctx, 'VIDEO')})` : nothing}</td>
          <td>${statusLabel(ctx, a.status)}${a.late ? html` <span class="scheduling-late">${t('scheduling.late')}</span>` : nothing}</td>
          <td>${a.status === 'CANCELLED' ? a.cancelReason || '' : a.reason || ''}</td></tr>`)
          : html`<tr><td colspan="5">${t('scheduling.none')}</td></tr>`}</tbody></table></div>`;
  }

  paint() {
    const ctx = this._ctx;
    const t = (k, p) => ctx.t(k, p);
    render(html`<h2>${t('scheduling.page.chart')}</h2>
      ${this.error ? html`<p class="alert alert-error" role="alert">${this.error}</p>` : nothing}
      ${this.upcoming ? html`${this.table('chart-appointments-upcoming', 'scheduling.upcoming', this.upcoming)}
        ${this.table('chart-appointments-past', 'scheduling.past', this.past)}` : nothing}
      ${ctx.caller.can('scheduling.appointment.book') ? html`<p><a href="/appointments" @click=${(e) => this.open(e)}>
        ${t('scheduling.chart.book')}</a></p>` : nothing}`, this);
  }

  open(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this._ctx.navigate('/appointments', { patientId: this._ctx.state.patientId });
  }
}

if (!customElements.get('scheduling-chart-appointments')) {
  customElements.define('scheduling-chart-appointments', SchedulingChartAppointments);
}
