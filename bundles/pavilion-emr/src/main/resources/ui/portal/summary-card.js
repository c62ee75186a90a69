// Portal home card: how many allergies are on record and the active problems, with a link to the record.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { PortalPage, errorText } from './common.js';

const PROBLEMS_SHOWN = 3;

class EmrPortalSummary extends PortalPage {
  async load() {
    const ctx = this.ctx;
    // A card is always about the signed-in patient's own record.
    await this.loadFor(ctx.caller && ctx.caller.patientId, async (patient) => {
      const mrn = encodeURIComponent(patient);
      const [allergies, problems] = await Promise.all([
        ctx.api.get(`/emr/records/${mrn}/allergies`),
        ctx.api.get(`/emr/records/${mrn}/problems`, { status: 'ACTIVE' }),
      ]);
      return { allergies, problems };
    });
  }

  draw() {
    const ctx = this.ctx;
    const s = this.state;
    const allergies = (s.allergies || []).filter((a) => !a.status || a.status === 'ACTIVE');
    const problems = s.problems || [];
    render(html`<div class="portal-card-body emr-portal-summary" aria-busy=${s.loading ? 'true' : 'false'}>
      ${s.loading ? html`<p role="status">${ctx.t('emr.portal.loading')}</p>` : nothing}
      ${s.refused ? html`<p role="alert">${ctx.t('emr.portal.refused')}</p>` : nothing}
      ${s.error ? html`<p role="alert">${errorText(ctx, s.error)}</p>` : nothing}
      ${s.allergies ? html`
        <p class="portal-card-figure">${ctx.t(allergies.length === 0 ? 'emr.portal.card.allergies.none'
          : allergies.length === 1 ? 'emr.portal.card.allergies.one' : 'emr.portal.card.allergies.many',
          { count: ctx.fmt.number(allergies.length) })}</p>
        <h3 class="portal-card-subtitle">${ctx.t('emr.portal.card.problems')}</h3>
        ${problems.length === 0 ? html`<p>${ctx.t('emr.portal.record.problems.none')}</p>` : html`
          <ul class="portal-list">${problems.slice(0, PROBLEMS_SHOWN).map((p) => html`<li>${p.title || p.code}</li>`)}
          </ul>
          ${problems.length > PROBLEMS_SHOWN ? html`<p>${ctx.t('emr.portal.card.more',
            { count: ctx.fmt.number(problems.length - PROBLEMS_SHOWN) })}</p>` : nothing}`}
        <a class="portal-card-link" href="/portal/record" @click=${(e) => this.open(e)}>${
          ctx.t('emr.portal.card.open')}</a>` : nothing}
    </div>`, this);
  }

  open(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // a new tab or window loads the page by itself
    }
    event.preventDefault();
    this.ctx.navigate('/portal/record', {});
  }
}

if (!customElements.get('emr-portal-summary')) {
  customElements.define('emr-portal-summary', EmrPortalSummary);
}
