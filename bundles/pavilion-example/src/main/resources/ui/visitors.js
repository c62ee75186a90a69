// The example department's page (a template for vendors): the visitor log and the front desk's check-in form, over
// GET/POST /api/v1/example/visits. Renders into the light DOM with lit-html; all text through ctx.t.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { pager } from '/ui/shell/kit.js'; // the shell's pager (the shell is always there)

const SIZE = 20;

class VisitorLog extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.page = 0;
    this.filter = (ctx.state && ctx.state.patientId) || '';
    this.result = null;
    this.listError = '';
    this.formError = '';
    this.busy = false;
    this.draw();
    this.load();
  }

  get ctx() {
    return this._ctx;
  }

  async load() {
    const { api, problem } = this._ctx;
    this.listError = '';
    try {
      this.result = await api.get('/example/visits', { patientId: this.filter || undefined, page: this.page, size: SIZE });
    } catch (e) {
      this.result = null;
      this.listError = problem(e);
    }
    this.draw();
  }

  applyFilter(e) {
    e.preventDefault();
    this.filter = String(new FormData(e.target).get('patientId') || '').trim();
    this.page = 0;
    this.load();
  }

  clearFilter() {
    this.filter = '';
    this.page = 0;
    this.querySelector('#visit-filter-patient').value = '';
    this.load();
  }

  go(delta) {
    this.page = Math.max(0, this.page + delta);
    this.load();
  }

  async checkIn(e) {
    e.preventDefault();
    if (this.busy) return;
    const { api, t, notify, problem } = this._ctx;
    const form = e.target;
    const data = new FormData(form);
    const body = {
      badge: String(data.get('badge') || '').trim().toUpperCase(),
      visitorName: String(data.get('visitorName') || '').trim(),
      patientId: String(data.get('patientId') || '').trim(),
      ward: String(data.get('ward') || '').trim(),
    };
    this.busy = true;
    this.formError = '';
    this.draw();
    try {
      const visit = await api.post('/example/visits', body);
      form.reset();
      notify(t('example.checkin.done', { visitor: visit.visitorName, badge: visit.badge }), 'success');
      this.page = 0;
      await this.load();
    } catch (err) {
      this.formError = problem(err);
      this.busy = false;
      this.draw();
      this.querySelector('#visit-check-in-error').focus();
      return;
    }
    this.busy = false;
    this.draw();
  }

  table() {
    const { t, fmt } = this._ctx;
    if (this.listError) return html`<div class="alert alert-error" role="alert">${this.listError}</div>`;
    if (!this.result) return html`<p class="muted" role="status">${t('example.visitors.loading')}</p>`;
    const { items, total } = this.result;
    const pages = Math.max(1, Math.ceil(total / SIZE));
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="visit-list-caption">
        <table id="visit-list">
          <caption id="visit-list-caption">${t('example.visitors.caption', { total: fmt.number(total) })}</caption>
          <thead><tr>
            <th scope="col">${t('example.visitors.col.checked-in')}</th>
            <th scope="col">${t('example.visitors.col.badge')}</th>
            <th scope="col">${t('example.visitors.col.visitor')}</th>
            <th scope="col">${t('example.visitors.col.patient')}</th>
            <th scope="col">${t('example.visitors.col.ward')}</th>
            <th scope="col">${t('example.visitors.col.recorded-by')}</th>
          </tr></thead>
          <tbody>
            ${items.length === 0 ? html`<tr><td colspan="6" class="empty">${t('example.visitors.empty')}</td></tr>` : nothing}
            ${items.map((v) => html`<tr>
              <td>${fmt.dateTime(v.checkedInAt)}</td><td>${v.badge}</td><td>${v.visitorName}</td>
              <td>${v.patientId}</td><td>${v.ward}</td><td>${v.recordedBy}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${pages > 1 ? pager(this._ctx, { page: this.page, size: SIZE, total }, (n) => this.go(n - this.page),
        t('example.visitors.page', { page: this.page + 1, pages })) : nothing}`;
  }

  draw() {
    const { t, caller } = this._ctx;
    render(html`<div class="page">
      <h1>${t('example.page.visitors')}</h1>
      <p>${t('example.visitors.intro')}</p>
      ${caller.can('example.visit.check-in') ? html`
        <section class="card" aria-labelledby="visit-check-in-title">
          <h2 id="visit-check-in-title">${t('example.checkin.title')}</h2>
          <form id="visit-check-in" class="form" @submit=${(e) => this.checkIn(e)}>
            <div class="field-row">
              <div class="field">
                <label for="visit-badge">${t('example.checkin.badge')}</label>
                <input id="visit-badge" name="badge" required maxlength="32" pattern="[A-Za-z0-9\\-]{1,32}"
                  aria-describedby="visit-badge-hint" autocomplete="off">
                <span id="visit-badge-hint" class="hint">${t('example.checkin.badge-hint')}</span>
              </div>
              <div class="field">
                <label for="visit-visitor">${t('example.checkin.visitor')}</label>
                <input id="visit-visitor" name="visitorName" required maxlength="200" autocomplete="off">
              </div>
            </div>
            <div class="field-row">
              <div class="field">
                <label for="visit-patient">${t('example.checkin.patient')}</label>
                <input id="visit-patient" name="patientId" required maxlength="64" autocomplete="off">
              </div>
              <div class="field">
                <label for="visit-ward">${t('example.checkin.ward')}</label>
                <input id="visit-ward" name="ward" required maxlength="64">
              </div>
            </div>
            <div id="visit-check-in-error" class="alert alert-error" role="alert" tabindex="-1" ?hidden=${!this.formError}>${this.formError}</div>
            <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('example.checkin.submit')}</button></div>
          </form>
        </section>` : nothing}
      <section aria-labelledby="visit-list-title">
        <h2 id="visit-list-title" class="visually-hidden">${t('example.page.visitors')}</h2>
        <form id="visit-filter" class="field-row" role="search" @submit=${(e) => this.applyFilter(e)}>
          <div class="field">
            <label for="visit-filter-patient">${t('example.visitors.filter')}</label>
            <input id="visit-filter-patient" name="patientId" type="search" .value=${this.filter}
              aria-describedby="visit-filter-hint" autocomplete="off">
            <span id="visit-filter-hint" class="hint">${t('example.visitors.filter-hint')}</span>
          </div>
          <div class="actions">
            <button type="submit" class="button button-quiet">${t('example.visitors.filter-submit')}</button>
            ${this.filter ? html`<button type="button" class="button button-quiet" @click=${() => this.clearFilter()}>${t('example.visitors.filter-clear')}</button>` : nothing}
          </div>
        </form>
        ${this.table()}
      </section>
    </div>`, this);
  }
}

customElements.define('example-visitor-log', VisitorLog);
