// One prescription from the queue: match it to a catalogue item and set the quantity (PUT /prescriptions/{id}), then
// dispense from a store (POST .../dispenses). An allergy match answers 409 allergy-warning: the allergies are shown
// and a pharmacist with the override privilege gives a reason and dispenses again. The batches taken are shown after.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, scrollTable, can, errorText, focusSoon, formValues } from '/ui/shell/kit.js';
import { BASE, statusLabel, qty, dispensingStores, storeOptions, debounce, listOf } from './common.js';

const SEARCH_DELAY_MS = 300;
const DISPENSABLE = ['PENDING', 'PARTIALLY_DISPENSED'];

/** Allergies as the API lists them ({substance, reaction, severity}); a plain text entry is read as the substance. */
function allergies(list) {
  return (Array.isArray(list) ? list : []).map((a) => (typeof a === 'string' ? { substance: a } : a || {}));
}

export class DispensePanel {
  /** host: the page (ctx, paint()); changed(): called after a match or a dispense (the queue reloads). */
  constructor(host, changed) {
    this.host = host;
    this.changed = changed;
    this.rx = null;
    this.search = debounce((q) => this.findItems(q), SEARCH_DELAY_MS);
    this.asked = 0;
  }

  async open(id) {
    const ctx = this.host.ctx;
    Object.assign(this, { rx: null, id, found: null, chosen: null, warning: null, dispensed: null, returning: null,
      error: '', matchError: '', dispenseError: '' });
    this.host.paint();
    try {
      const [rx, stores] = await Promise.all([
        ctx.api.get(`${BASE}/prescriptions/${encodeURIComponent(id)}`),
        this.stores ? Promise.resolve(this.stores) : ctx.api.get(`${BASE}/stores`).then(listOf).catch(() => [])]);
      this.rx = rx;
      this.stores = stores;
      // Warnings the API already knows for this prescription: asked for the reason before the first try.
      const known = allergies(rx.allergyWarnings);
      this.warning = known.length && DISPENSABLE.includes(rx.status) ? known : null;
    } catch (err) {
      this.error = errorText(ctx, err);
    }
    this.host.paint();
    focusSoon(this.host, '#pharmacy-rx-title');
  }

  close() {
    this.rx = null;
    this.id = null;
    this.host.paint();
  }

  async reload() {
    this.rx = await this.host.ctx.api.get(`${BASE}/prescriptions/${encodeURIComponent(this.rx.id)}`);
  }

  left() {
    const rx = this.rx;
    if (!rx || !rx.quantityPrescribed) return '';
    const rest = Number(rx.quantityPrescribed) - Number(rx.quantityDispensed || 0);
    return rest > 0 ? String(rest) : '';
  }

  /** Catalogue search; an older answer arriving late never replaces a newer one. */
  async findItems(q) {
    const ctx = this.host.ctx;
    if (!q) {
      this.found = null;
      this.host.paint();
      return;
    }
    const asked = ++this.asked;
    try {
      const page = await ctx.api.get(`${BASE}/items`, { q, active: true, page: 0, size: 20 });
      if (asked !== this.asked) return;
      this.found = page.items || [];
      this.matchError = '';
    } catch (err) {
      if (asked !== this.asked) return;
      this.matchError = errorText(ctx, err);
    }
    this.host.paint();
  }

  searchSubmitted(event) {
    event.preventDefault();
    this.findItems(formValues(event.target).q || '');
  }

  choose(item) {
    this.chosen = item;
    this.host.paint();
    focusSoon(this.host, '#pharmacy-match-quantity');
  }

  async saveMatch(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const { quantityPrescribed } = formValues(event.target);
    const itemCode = (this.chosen && this.chosen.code) || this.rx.itemCode;
    if (!itemCode || !quantityPrescribed) {
      this.matchError = ctx.t('pharmacy.match.required');
      this.host.paint();
      return;
    }
    try {
      this.rx = await ctx.api.put(`${BASE}/prescriptions/${encodeURIComponent(this.rx.id)}`,
        { itemCode, quantityPrescribed, version: this.rx.version });
      this.chosen = null;
      this.found = null;
      this.matchError = '';
      ctx.notify(ctx.t('pharmacy.match.saved'), 'success');
      this.changed();
    } catch (err) {
      this.matchError = errorText(ctx, err);
    }
    this.host.paint();
  }

  async dispense(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const body = formValues(event.target);
    if (!body.quantity) {
      this.dispenseError = ctx.t('pharmacy.dispense.quantityRequired');
      this.host.paint();
      return;
    }
    if (this.warning && !body.overrideReason) {
      this.dispenseError = ctx.t('pharmacy.allergy.reasonRequired');
      this.host.paint();
      focusSoon(this.host, '#pharmacy-override-reason');
      return;
    }
    this.saving = true;
    this.host.paint();
    try {
      this.dispensed = await ctx.api.post(`${BASE}/prescriptions/${encodeURIComponent(this.rx.id)}/dispenses`, body);
      this.warning = null;
      this.dispenseError = '';
      ctx.notify(ctx.t('pharmacy.dispense.done'), 'success');
      await this.reload();
      this.changed();
      focusSoon(this.host, '#pharmacy-dispensed-title');
    } catch (err) {
      if (err && err.status === 409 && err.type === 'allergy-warning') {
        // Not a failure: the pharmacist decides, with the allergies in front of her.
        this.warning = allergies(err.problem.allergies);
        this.dispenseError = '';
        focusSoon(this.host, '#pharmacy-allergy-title');
      } else {
        this.dispenseError = errorText(ctx, err);
      }
    }
    this.saving = false;
    this.host.paint();
  }

  askReturn(dispense) {
    this.returning = dispense;
    this.returnError = '';
    this.host.paint();
    focusSoon(this.host, '#pharmacy-return-quantity');
  }

  /** Medicine brought back to the pharmacy: a RETURN movement into the batches it came from (the API decides). */
  async takeReturn(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    const body = formValues(event.target);
    if (!body.quantity || !body.reason) {
      this.returnError = ctx.t('pharmacy.return.required');
      this.host.paint();
      return;
    }
    try {
      await ctx.api.post(`${BASE}/dispenses/${encodeURIComponent(this.returning.id)}/returns`, body);
      ctx.notify(ctx.t('pharmacy.return.done'), 'success');
      this.returning = null;
      this.returnError = '';
      await this.reload();
      this.changed();
    } catch (err) {
      this.returnError = errorText(ctx, err);
    }
    this.host.paint();
  }

  returnForm() {
    const d = this.returning;
    if (!d) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<form id="pharmacy-return-form" class="form ph-panel" novalidate @submit=${(e) => this.takeReturn(e)}>
      <h4>${t('pharmacy.return.title', { quantity: qty(ctx, Number(d.quantity) - Number(d.quantityReturned || 0), d.unit) })}</h4>
      <div class="field-row">
        <div class="field"><label for="pharmacy-return-quantity">${t('pharmacy.col.quantity')}</label>
          <input id="pharmacy-return-quantity" name="quantity" inputmode="decimal" autocomplete="off" required></div>
        <div class="field"><label for="pharmacy-return-reason">${t('pharmacy.move.reason')}</label>
          <input id="pharmacy-return-reason" name="reason" autocomplete="off" required></div>
      </div>
      ${alertRegion(this.returnError, 'pharmacy-return-error')}
      <div class="ph-actions"><button type="submit" class="button">${t('pharmacy.return.submit')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.returning = null; this.host.paint(); }}>
          ${t('pharmacy.close')}</button></div>
    </form>`;
  }

  details() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const rx = this.rx;
    const row = (key, value) => (value ? html`<dt>${t(key)}</dt><dd>${value}</dd>` : nothing);
    return html`<dl class="ph-details">
      ${row('pharmacy.col.patient', rx.patientId)}
      ${row('pharmacy.col.drug', rx.drug)}
      ${row('pharmacy.rx.dose', [rx.dose, rx.route, rx.frequency].filter(Boolean).join(' · '))}
      ${row('pharmacy.rx.duration', rx.durationDays ? t('pharmacy.rx.days', { days: ctx.fmt.number(rx.durationDays) }) : '')}
      ${row('pharmacy.rx.instructions', rx.instructions)}
      ${row('pharmacy.rx.prescriber', rx.prescriber)}
      ${row('pharmacy.col.item', rx.itemCode ? `${rx.itemName || ''} (${rx.itemCode})` : t('pharmacy.queue.unmatched'))}
      ${row('pharmacy.col.quantity', rx.quantityPrescribed ? t('pharmacy.queue.progress', {
        dispensed: qty(ctx, rx.quantityDispensed || '0'), prescribed: qty(ctx, rx.quantityPrescribed) }) : '')}
      ${row('pharmacy.col.status', statusLabel(ctx, rx.status))}
    </dl>`;
  }

  matchForms() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const rx = this.rx;
    if (rx.status !== 'PENDING' || !can(ctx, 'pharmacy.dispensing.record')) return nothing;
    const item = this.chosen || (rx.itemCode ? { code: rx.itemCode, name: rx.itemName } : null);
    return html`<section class="ph-panel" aria-labelledby="pharmacy-match-title">
      <h3 id="pharmacy-match-title">${t('pharmacy.match.title')}</h3>
      <form id="pharmacy-item-search" class="form" role="search" @submit=${(e) => this.searchSubmitted(e)}>
        <div class="field"><label for="pharmacy-item-q">${t('pharmacy.match.search')}</label>
          <input id="pharmacy-item-q" name="q" type="search" autocomplete="off" .value=${rx.itemCode ? '' : rx.drug || ''}
            @input=${(e) => this.search(e.target.value.trim())}></div>
        <button type="submit" class="button button-quiet">${t('pharmacy.match.find')}</button>
      </form>
      ${this.found ? html`<ul id="pharmacy-item-results" class="ph-search-results" aria-live="polite">
        ${this.found.length ? this.found.map((i) => html`<li><button type="button" class="button button-quiet"
          aria-pressed=${item && item.code === i.code ? 'true' : 'false'} @click=${() => this.choose(i)}>
          ${i.name} ${i.strength || ''} ${i.form || ''} <span class="hint">${i.code} · ${i.unitOfIssue || ''}</span></button></li>`)
          : html`<li>${t('pharmacy.match.none')}</li>`}</ul>` : nothing}
      <form id="pharmacy-match-form" class="form" novalidate @submit=${(e) => this.saveMatch(e)}>
        <p class="ph-chosen" aria-live="polite">${item ? t('pharmacy.match.chosen', { item: `${item.name || ''} (${item.code})` })
          : t('pharmacy.match.chooseFirst')}</p>
        <div class="field"><label for="pharmacy-match-quantity">${t('pharmacy.match.quantity')}</label>
          <input id="pharmacy-match-quantity" name="quantityPrescribed" inputmode="decimal" autocomplete="off" required
            .value=${rx.quantityPrescribed || ''}></div>
        ${alertRegion(this.matchError, 'pharmacy-match-error')}
        <button type="submit" class="button">${t('pharmacy.match.save')}</button>
      </form>
    </section>`;
  }

  allergyWarning() {
    if (!this.warning) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const mayOverride = can(ctx, 'pharmacy.allergy.override');
    return html`<div class="banner-allergy" id="pharmacy-allergy-warning">
      <h4 id="pharmacy-allergy-title" tabindex="-1">${t('pharmacy.allergy.title')}</h4>
      <ul>${this.warning.map((a) => html`<li>${t('pharmacy.allergy.line', { substance: a.substance || '',
        reaction: a.reaction || t('pharmacy.allergy.noReaction'), severity: a.severity || t('pharmacy.allergy.noSeverity') })}</li>`)}</ul>
      ${mayOverride ? html`<div class="field"><label for="pharmacy-override-reason">${t('pharmacy.allergy.reason')}</label>
          <textarea id="pharmacy-override-reason" name="overrideReason" rows="2" required></textarea></div>`
        : html`<p>${t('pharmacy.allergy.noOverride')}</p>`}
    </div>`;
  }

  dispenseForm() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const rx = this.rx;
    if (!DISPENSABLE.includes(rx.status) || !rx.itemCode || !rx.quantityPrescribed
      || !can(ctx, 'pharmacy.dispensing.record')) return nothing;
    const stores = dispensingStores(this.stores);
    return html`<section class="ph-panel" aria-labelledby="pharmacy-dispense-title">
      <h3 id="pharmacy-dispense-title">${t('pharmacy.dispense.title')}</h3>
      <form id="pharmacy-dispense-form" class="form" novalidate @submit=${(e) => this.dispense(e)}>
        <div class="field-row">
          <div class="field"><label for="pharmacy-dispense-store">${t('pharmacy.col.store')}</label>
            <select id="pharmacy-dispense-store" name="storeCode"><option value="">${t('pharmacy.dispense.defaultStore')}</option>
              ${storeOptions(stores, '')}</select></div>
          <div class="field"><label for="pharmacy-dispense-quantity">${t('pharmacy.col.quantity')}</label>
            <input id="pharmacy-dispense-quantity" name="quantity" inputmode="decimal" autocomplete="off" required
              .value=${this.left()}></div>
          <div class="field"><label for="pharmacy-dispense-batch">${t('pharmacy.dispense.batch')}</label>
            <input id="pharmacy-dispense-batch" name="batchNumber" autocomplete="off" aria-describedby="pharmacy-dispense-batch-hint">
            <span id="pharmacy-dispense-batch-hint" class="hint">${t('pharmacy.dispense.batchHint')}</span></div>
        </div>
        ${this.allergyWarning()}
        ${alertRegion(this.dispenseError, 'pharmacy-dispense-error')}
        <button type="submit" class="button" ?disabled=${this.saving}>${this.warning && can(ctx, 'pharmacy.allergy.override')
          ? t('pharmacy.allergy.dispenseAnyway') : t('pharmacy.dispense.submit')}</button>
      </form>
    </section>`;
  }

  batchesTable(d, id) {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    return scrollTable(t('pharmacy.dispense.batchesCaption'), html`<table id=${id}>
      <caption>${t('pharmacy.dispense.batchesCaption')}</caption>
      <thead><tr><th scope="col">${t('pharmacy.col.batch')}</th><th scope="col">${t('pharmacy.col.expiry')}</th>
        <th scope="col">${t('pharmacy.col.quantity')}</th></tr></thead>
      <tbody>${(d.batches || []).map((b) => html`<tr><td>${b.batchNumber}</td>
        <td>${b.expiryDate ? ctx.fmt.date(b.expiryDate) : ''}</td><td>${qty(ctx, b.quantity, d.unit)}</td></tr>`)}</tbody>
    </table>`);
  }

  dispensedView() {
    const d = this.dispensed;
    if (!d) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    return html`<section class="ph-panel alert alert-success" aria-labelledby="pharmacy-dispensed-title">
      <h3 id="pharmacy-dispensed-title" tabindex="-1">${t('pharmacy.dispense.taken', {
        quantity: qty(ctx, d.quantity, d.unit), item: d.itemName || d.itemCode, store: d.storeCode })}</h3>
      ${d.overrideReason ? html`<p>${t('pharmacy.dispense.overridden', { reason: d.overrideReason })}</p>` : nothing}
      ${this.batchesTable(d, 'pharmacy-dispense-batches')}
    </section>`;
  }

  history() {
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const list = this.rx.dispenses || [];
    if (!list.length) return nothing;
    const returns = can(ctx, 'pharmacy.dispensing.record');
    return html`<section class="ph-panel" aria-labelledby="pharmacy-history-title">
      <h3 id="pharmacy-history-title">${t('pharmacy.dispense.history')}</h3>
      ${scrollTable(t('pharmacy.dispense.history'), html`<table id="pharmacy-rx-dispenses">
        <caption class="visually-hidden">${t('pharmacy.dispense.history')}</caption>
        <thead><tr><th scope="col">${t('pharmacy.col.when')}</th><th scope="col">${t('pharmacy.col.store')}</th>
          <th scope="col">${t('pharmacy.col.quantity')}</th><th scope="col">${t('pharmacy.col.batches')}</th>
          <th scope="col">${t('pharmacy.col.by')}</th>${returns ? html`<th scope="col">${t('pharmacy.col.actions')}</th>` : nothing}</tr></thead>
        <tbody>${list.map((d) => html`<tr><td>${ctx.fmt.dateTime(d.dispensedAt)}</td><td>${d.storeCode}</td>
          <td>${qty(ctx, d.quantity, d.unit)}${Number(d.quantityReturned || 0) > 0
            ? html` <span class="hint">${t('pharmacy.dispense.returned', { quantity: qty(ctx, d.quantityReturned) })}</span>` : nothing}</td>
          <td><ul class="ph-batches">${(d.batches || []).map((b) => html`<li>${b.batchNumber} · ${qty(ctx, b.quantity)}</li>`)}</ul></td>
          <td>${d.dispensedBy}</td>${returns ? html`<td>${Number(d.quantity) > Number(d.quantityReturned || 0)
            ? html`<button type="button" class="button button-quiet" aria-label=${t('pharmacy.return.openFor', {
              quantity: qty(ctx, d.quantity, d.unit), when: ctx.fmt.dateTime(d.dispensedAt) })}
              @click=${() => this.askReturn(d)}>${t('pharmacy.return.open')}</button>` : nothing}</td>` : nothing}</tr>`)}</tbody>
      </table>`)}
      ${this.returnForm()}
    </section>`;
  }

  view() {
    if (!this.id) return nothing;
    const ctx = this.host.ctx;
    const t = (k, p) => ctx.t(k, p);
    const rx = this.rx;
    return html`<section id="pharmacy-rx" class="ph-panel card" aria-labelledby="pharmacy-rx-title">
      <h2 id="pharmacy-rx-title" tabindex="-1">${rx ? t('pharmacy.rx.title', { drug: rx.drug, patient: rx.patientId })
        : t(this.error ? 'pharmacy.rx.notLoaded' : 'pharmacy.loading')}</h2>
      ${alertRegion(this.error, 'pharmacy-rx-error')}
      ${rx ? html`${this.details()}${this.dispensedView()}${this.matchForms()}${this.dispenseForm()}${this.history()}` : nothing}
      <div class="ph-actions ph-panel"><button type="button" class="button button-quiet" @click=${() => this.close()}>
        ${t('pharmacy.close')}</button></div>
    </section>`;
  }
}
