// The audit trail (/api/v1/platform/audit): search by its filters, a paged table, and verifying the hash chain.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, errorText, pager, scrollTable } from './common.js';

const SIZE = 50;
const TEXT_FILTERS = ['actor', 'patientId', 'action', 'resourceType'];

/** A datetime-local value (the user's local time) as the ISO instant the API takes. */
function instant(value) {
  if (!value) {
    return undefined;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

class PlatformAudit extends PlatformPage {
  start() {
    this.query = {};
    this.page = null;
    this.error = '';
    this.verification = null;
    this.verifyError = '';
    this.verifying = false;
    this.update();
    this.load(0);
  }

  async load(n) {
    try {
      this.page = await this.ctx.api.get('/platform/audit', { ...this.query, page: n, size: SIZE });
      this.error = '';
    } catch (e) {
      this.error = errorText(this.ctx, e);
    }
    this.update();
  }

  search(event) {
    event.preventDefault();
    const f = event.target.elements;
    const q = {};
    for (const name of TEXT_FILTERS) {
      if (f[name].value.trim()) {
        q[name] = f[name].value.trim();
      }
    }
    if (f.outcome.value) {
      q.outcome = f.outcome.value;
    }
    if (f.emergency.value) {
      q.emergency = f.emergency.value;
    }
    const from = instant(f.from.value);
    const to = instant(f.to.value);
    if (from) {
      q.from = from;
    }
    if (to) {
      q.to = to;
    }
    this.query = q;
    this.load(0);
  }

  async verify() {
    this.verifying = true;
    this.verification = null;
    this.verifyError = '';
    this.update();
    try {
      this.verification = await this.ctx.api.get('/platform/audit/verify');
    } catch (e) {
      this.verifyError = errorText(this.ctx, e);
    }
    this.verifying = false;
    this.update();
  }

  verificationView() {
    const { t, fmt } = this.ctx;
    const v = this.verification;
    if (this.verifying) {
      return html`<p role="status">${t('platform.audit.verifying')}</p>`;
    }
    if (!v) {
      return html`<p role="status"></p>`;
    }
    if (v.intact) {
      return html`<p role="status" class="alert alert-success" id="chain-result">${t('platform.audit.intact',
        { count: fmt.number(v.recordsChecked) })}</p>`;
    }
    return html`<p role="alert" class="alert alert-error pv-alert" id="chain-result">${t('platform.audit.broken', {
      count: fmt.number(v.recordsChecked), seq: v.firstBrokenSeq, problem: v.problem || '' })}</p>`;
  }

  update() {
    const { t, fmt } = this.ctx;
    const items = this.page ? this.page.items : [];
    render(html`<div class="page pv-page">
      <h1>${t('platform.page.audit')}</h1>
      <section aria-labelledby="chain-heading" class="pv-panel">
        <h2 id="chain-heading">${t('platform.audit.chain')}</h2>
        <div class="pv-actions"><button type="button" class="button button-quiet" id="verify-chain" ?disabled=${this.verifying}
          @click=${() => this.verify()}>${t('platform.audit.verify')}</button></div>
        ${this.verificationView()}
        ${alertRegion(this.verifyError)}
      </section>
      <h2 id="audit-search-heading">${t('platform.audit.search')}</h2>
      <form id="audit-search" aria-labelledby="audit-search-heading" @submit=${(e) => this.search(e)}>
        <div class="pv-fields">
          <label>${t('platform.audit.actor')}<input name="actor" autocomplete="off"></label>
          <label>${t('platform.audit.patient')}<input name="patientId" autocomplete="off"></label>
          <label>${t('platform.audit.action')}<input name="action" autocomplete="off"></label>
          <label>${t('platform.audit.resource-type')}<input name="resourceType" autocomplete="off"></label>
          <label>${t('platform.audit.outcome')}<select name="outcome">
            <option value="">${t('platform.any')}</option>
            <option value="SUCCESS">${t('platform.audit.outcome.SUCCESS')}</option>
            <option value="DENIED">${t('platform.audit.outcome.DENIED')}</option>
            <option value="FAILED">${t('platform.audit.outcome.FAILED')}</option></select></label>
          <label>${t('platform.audit.emergency')}<select name="emergency">
            <option value="">${t('platform.any')}</option>
            <option value="true">${t('platform.yes')}</option>
            <option value="false">${t('platform.no')}</option></select></label>
          <label>${t('platform.audit.from')}<input name="from" type="datetime-local"></label>
          <label>${t('platform.audit.to')}<input name="to" type="datetime-local"></label>
        </div>
        <div class="pv-actions"><button type="submit">${t('platform.audit.search-submit')}</button></div>
      </form>
      ${alertRegion(this.error)}
      ${scrollTable(t('platform.audit.results'), html`<table id="audit-results">
        <caption>${t('platform.audit.results-count', { total: fmt.number(this.page ? this.page.total : 0) })}</caption>
        <thead><tr>
          <th scope="col">${t('platform.audit.seq')}</th><th scope="col">${t('platform.audit.time')}</th>
          <th scope="col">${t('platform.audit.actor')}</th><th scope="col">${t('platform.audit.action')}</th>
          <th scope="col">${t('platform.audit.resource')}</th><th scope="col">${t('platform.audit.patient')}</th>
          <th scope="col">${t('platform.audit.outcome')}</th><th scope="col">${t('platform.audit.emergency')}</th>
          <th scope="col">${t('platform.audit.client')}</th><th scope="col">${t('platform.audit.detail')}</th>
        </tr></thead>
        <tbody>${items.map((r) => html`<tr>
          <td>${r.seq}</td><td>${fmt.dateTime(r.occurredAt)}</td>
          <td>${r.actor}${r.actorRoles ? html`<br><span class="hint pv-muted">${r.actorRoles}</span>` : ''}</td>
          <td>${r.action}</td><td>${r.resourceType}${r.resourceId ? html`<br><code>${r.resourceId}</code>` : ''}</td>
          <td>${r.patientId || ''}</td><td>${t(`platform.audit.outcome.${r.outcome}`)}</td>
          <td>${r.emergency ? t('platform.yes') : ''}</td><td>${r.clientAddress || ''}</td><td>${r.detail || ''}</td>
        </tr>`)}</tbody></table>`)}
      ${pager(this.ctx, this.page, (n) => this.load(n), t('platform.audit.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('platform-audit')) {
  customElements.define('platform-audit', PlatformAudit);
}
