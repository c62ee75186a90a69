// The pharmacy's medicine catalogue for the prescription form, when the pharmacy module runs. The EMR works without
// it: every failure here (module absent or stopped, no privilege, network) means "no catalogue", and the drug is
// typed as free text as before.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { can } from './util.js';

const MODULE = 'pharmacy';
const CATALOGUE_PRIVILEGE = 'pharmacy.catalogue.view';
const MAX_OPTIONS = 20;

/** Whether the caller can pick drugs from the pharmacy's catalogue: the module is ACTIVE and the caller may see it. */
export async function pharmacyCatalogueAvailable(ctx) {
  if (!can(ctx, CATALOGUE_PRIVILEGE)) {
    return false;
  }
  try {
    const modules = await ctx.api.get('/platform/modules');
    return Array.isArray(modules) && modules.some((m) => m && m.name === MODULE && m.state === 'ACTIVE');
  } catch (e) {
    return false;
  }
}

/** What the drug field shows for an item, e.g. "Amoxicillin 500 mg capsule"; the strength once only. */
export function itemLabel(item) {
  const parts = [item.name];
  if (item.strength && !item.name.includes(item.strength)) {
    parts.push(item.strength);
  }
  if (item.form && !item.name.toLowerCase().includes(item.form.toLowerCase())) {
    parts.push(item.form);
  }
  return parts.join(' ').slice(0, 200);
}

/** Active medicines matching what was typed (code, name, generic name); [] when the catalogue cannot be asked. */
export async function searchMedicines(ctx, q) {
  try {
    const page = await ctx.api.get('/pharmacy/items', { q, kind: 'MEDICINE', active: true, size: MAX_OPTIONS });
    return ((page && page.items) || []).filter((i) => i && i.code && i.name);
  } catch (e) {
    return [];
  }
}

/** "dispensed 20 tablet on ..." under a prescription the pharmacy dispensed against; nothing otherwise. */
export function dispensedText(ctx, rx) {
  if (!rx.lastDispensedAt || rx.dispensedQuantity === null || rx.dispensedQuantity === undefined) {
    return nothing;
  }
  const args = { quantity: ctx.fmt.number(Number(rx.dispensedQuantity)), unit: rx.dispensedUnit || '',
    when: ctx.fmt.dateTime(rx.lastDispensedAt) };
  return html`<span class="chart-muted rx-dispensed">${ctx.t(rx.fullyDispensed ? 'emr.chart.rx.dispensedAll'
    : 'emr.chart.rx.dispensed', args)}</span>`;
}
