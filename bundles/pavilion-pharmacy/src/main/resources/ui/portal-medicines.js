// /portal/medicines: the medicines the pharmacy gave the signed-in patient (GET /portal/dispenses), newest first, in
// plain words; on a phone one card per medicine.
import { html, render, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, pager, errorText } from '/ui/shell/kit.js';
import { BASE, useStyles, qty } from './common.js';

const SIZE = 20;

class PharmacyPortalMedicines extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    useStyles();
    this.paint();
    this.load(0);
  }

  async load(page) {
    try {
      this.page = await this._ctx.api.get(`${BASE}/portal/dispenses`, { page, size: SIZE });
      this.error = '';
    } catch (err) {
      this.error = errorText(this._ctx, err);
    }
    this.loaded = true;
    this.paint();
  }

  paint() {
    const ctx = this._ctx;
    if (!ctx) return;
    const t = (k, p) => ctx.t(k, p);
    const items = (this.page && this.page.items) || [];
    const cols = [t('pharmacy.portal.medicine'), t('pharmacy.portal.given'), t('pharmacy.col.quantity')];
    render(html`<div class="page">
      <h1>${t('pharmacy.page.portal')}</h1>
      <p>${t('pharmacy.portal.intro')}</p>
      ${alertRegion(this.error, 'pharmacy-portal-error')}
      ${!this.loaded ? html`<p role="status">${t('pharmacy.loading')}</p>` : nothing}
      ${this.loaded && !items.length && !this.error ? html`<p>${t('pharmacy.portal.none')}</p>` : nothing}
      ${items.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="pharmacy-portal-caption">
        <table id="pharmacy-portal-table" class="ph-stack" role="table">
          <caption id="pharmacy-portal-caption">${t('pharmacy.portal.caption')}</caption>
          <thead role="rowgroup"><tr role="row">${cols.map((c) => html`<th scope="col" role="columnheader">${c}</th>`)}</tr></thead>
          <tbody role="rowgroup">${items.map((d) => html`<tr role="row">
            <td role="cell" data-label=${cols[0]}>${d.itemName || d.itemCode}</td>
            <td role="cell" data-label=${cols[1]}>${ctx.fmt.date(d.dispensedAt)}</td>
            <td role="cell" data-label=${cols[2]}>${qty(ctx, d.quantity, d.unit)}${Number(d.quantityReturned || 0) > 0
              ? html` ${t('pharmacy.portal.returned', { quantity: qty(ctx, d.quantityReturned, d.unit) })}` : nothing}</td>
          </tr>`)}</tbody></table></div>` : nothing}
      ${pager(ctx, this.page, (n) => this.load(n), t('pharmacy.portal.pages'))}
    </div>`, this);
  }
}

if (!customElements.get('pharmacy-portal-medicines')) {
  customElements.define('pharmacy-portal-medicines', PharmacyPortalMedicines);
}
