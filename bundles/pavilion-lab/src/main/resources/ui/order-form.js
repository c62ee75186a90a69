// The chart tab's "Order tests" form: search the active catalogue (tests and panels), pick, set priority and a
// clinical note, POST /orders for the chart's patient. Ordering a panel orders its member tests (the server does).
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText, formValues } from '/ui/shell/kit.js';
import { BASE, PRIORITIES, priorityLabel, debounce } from './common.js';

export class OrderForm {
  /** host: the tab (ctx, patientId, paint()); placed(order): after the order was stored. */
  constructor(host, placed) {
    this.host = host;
    this.placed = placed;
    this.found = null;
    this.chosen = [];
    this.search = debounce((q) => this.find(q), 250);
    this.asked = 0;
  }

  async find(q) {
    const ctx = this.host.ctx;
    const asked = ++this.asked;
    if (!q) {
      this.found = null;
      this.host.paint();
      return;
    }
    try {
      const page = await ctx.api.get(`${BASE}/tests`, { q, active: true, size: 20 });
      if (asked !== this.asked) return;
      this.found = page.items || [];
      this.error = '';
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  choose(test) {
    if (!this.chosen.some((c) => c.code === test.code)) this.chosen = [...this.chosen, test];
    this.host.paint();
  }

  remove(test) {
    this.chosen = this.chosen.filter((c) => c.code !== test.code);
    this.host.paint();
  }

  async submit(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const form = event.target;
    if (!this.chosen.length) {
      this.error = ctx.t('lab.order.noTests');
      this.host.paint();
      return;
    }
    const v = formValues(form);
    this.saving = true;
    this.host.paint();
    try {
      const order = await ctx.api.post(`${BASE}/orders`, { patientId: this.host.patientId, encounterId: v.encounterId,
        priority: v.priority || 'ROUTINE', clinicalNote: v.clinicalNote, tests: this.chosen.map((c) => c.code) });
      ctx.notify(ctx.t('lab.order.placed', { number: order.orderNumber }), 'success');
      this.chosen = [];
      this.found = null;
      this.error = '';
      form.reset();
      this.placed(order);
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.saving = false;
    this.host.paint();
  }

  view() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const found = this.found || [];
    return html`<form id="lab-order-form" class="form lab-panel" novalidate @submit=${(e) => this.submit(e)}>
      <h3>${t('lab.order.title')}</h3>
      <div class="field"><label for="lab-order-search">${t('lab.order.search')}</label>
        <input id="lab-order-search" type="search" autocomplete="off" aria-describedby="lab-order-search-help"
          @input=${(e) => this.search(e.target.value.trim())}>
        <p id="lab-order-search-help" class="hint">${t('lab.order.searchHelp')}</p></div>
      <p role="status" class="hint">${this.found ? t('lab.order.found', { count: ctx.fmt.number(found.length) }) : ''}</p>
      ${found.length ? html`<ul class="lab-search-results" aria-label=${t('lab.order.results')}>${found.map((c) => html`<li>
        <button type="button" class="button button-quiet" ?disabled=${this.chosen.some((x) => x.code === c.code)}
          @click=${() => this.choose(c)}>${t('lab.order.add', { name: c.name })}${c.kind === 'PANEL'
            ? html` <span class="hint">(${t('lab.kind.PANEL')}: ${(c.members || []).join(', ')})</span>` : nothing}</button></li>`)}</ul>` : nothing}
      <h4 id="lab-order-chosen-title">${t('lab.order.chosen')}</h4>
      ${this.chosen.length ? html`<ul class="lab-chosen" aria-labelledby="lab-order-chosen-title">${this.chosen.map((c) => html`<li>
        ${c.name} <button type="button" class="button button-quiet" aria-label=${t('lab.order.removeFor', { name: c.name })}
          @click=${() => this.remove(c)}>${t('lab.order.remove')}</button></li>`)}</ul>`
        : html`<p class="hint">${t('lab.order.none')}</p>`}
      <div class="field-row">
        <div class="field"><label for="lab-order-priority">${t('lab.col.priority')}</label>
          <select id="lab-order-priority" name="priority">${[...PRIORITIES].reverse().map((p) => html`<option value=${p}>
            ${priorityLabel(ctx, p)}</option>`)}</select></div>
        <div class="field"><label for="lab-order-encounter">${t('lab.order.encounter')}</label>
          <input id="lab-order-encounter" name="encounterId" autocomplete="off"></div>
      </div>
      <div class="field"><label for="lab-order-note">${t('lab.order.note')}</label>
        <textarea id="lab-order-note" name="clinicalNote" rows="2"></textarea></div>
      ${alertRegion(this.error, 'lab-order-error')}
      <button type="submit" class="button" ?disabled=${this.saving}>${t('lab.order.submit')}</button>
    </form>`;
  }
}
