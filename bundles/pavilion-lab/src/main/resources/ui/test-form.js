// The catalogue's editor of one test or panel: its fields, accepted units with their factor, and reference ranges by
// sex and age. Saves with PUT /tests/{code} carrying the version read, so a colleague's edit meanwhile gives a 409.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { alertRegion, errorText } from '/ui/shell/kit.js';
import { BASE } from './common.js';

const KINDS = ['TEST', 'PANEL'];
const TYPES = ['NUMERIC', 'TEXT', 'CODED'];
const RANGE_FIELDS = ['ageMinDays', 'ageMaxDays', 'low', 'high', 'criticalLow', 'criticalHigh'];
const DECIMAL = /^-?\d+(\.\d+)?$/;

const list = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean);
const text = (v) => (v === null || v === undefined ? '' : String(v));
const orNull = (v) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim());

export class TestForm {
  constructor(host, saved) {
    this.host = host;
    this.saved = saved;
    this.draft = null;
  }

  create() {
    this.draft = { kind: 'TEST', resultType: 'NUMERIC', active: true, units: [], ranges: [], members: [],
      codedValues: [], abnormalValues: [] };
    this.isNew = true;
    this.error = '';
    this.host.paint();
  }

  async edit(code) {
    const ctx = this.host.ctx;
    try {
      this.draft = await ctx.api.get(`${BASE}/tests/${encodeURIComponent(code)}`);
      this.draft.units = this.draft.units || [];
      this.draft.ranges = this.draft.ranges || [];
      this.isNew = false;
      this.error = '';
    } catch (err) {
      this.host.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  /** The form's fields back into the draft (before adding a row, and on save); fields not shown keep their value. */
  read(form) {
    const el = (name) => form.elements.namedItem(name);
    const f = (name) => (el(name) ? el(name).value.trim() : undefined);
    const d = this.draft;
    const set = (key, value) => {
      if (value !== undefined) d[key] = value;
    };
    const number = (v) => (v === undefined ? undefined : v === '' ? null : Number(v));
    const or = (v) => (v === undefined ? undefined : orNull(v));
    const many = (v) => (v === undefined ? undefined : list(v));
    if (this.isNew) set('code', f('code'));
    set('name', f('name'));
    set('kind', f('kind'));
    set('loinc', or(f('loinc')));
    set('specimenType', or(f('specimenType')));
    set('resultType', f('resultType'));
    set('unit', or(f('unit')));
    set('decimals', number(f('decimals')));
    set('turnaroundMinutes', number(f('turnaroundMinutes')));
    set('priceReference', or(f('priceReference')));
    set('codedValues', many(f('codedValues')));
    set('abnormalValues', many(f('abnormalValues')));
    set('members', many(f('members')));
    d.active = el('active').checked;
    if (d.units.length && el('unit-0')) d.units = d.units.map((u, i) => ({ unit: f(`unit-${i}`), factor: f(`factor-${i}`) }));
    if (d.ranges.length && el('sex-0')) {
      d.ranges = d.ranges.map((r, i) => {
        const out = { sex: orNull(f(`sex-${i}`)) };
        RANGE_FIELDS.forEach((k) => { out[k] = orNull(f(`${k}-${i}`)); });
        out.ageMinDays = out.ageMinDays === null ? null : Number(out.ageMinDays);
        out.ageMaxDays = out.ageMaxDays === null ? null : Number(out.ageMaxDays);
        return out;
      });
    }
  }

  addRow(form, key, row) {
    this.read(form);
    this.draft[key] = [...this.draft[key], row];
    this.host.paint();
  }

  removeRow(form, key, index) {
    this.read(form);
    this.draft[key] = this.draft[key].filter((x, i) => i !== index);
    this.host.paint();
  }

  /** What the server would refuse anyway, said before the round trip; null when the draft looks right. */
  problem() {
    const t = (k, p) => this.host.ctx.t(k, p);
    const d = this.draft;
    if (!d.code || !d.name) return t('lab.test.required');
    if (d.kind === 'PANEL') return (d.members || []).length ? null : t('lab.test.membersRequired');
    if (d.resultType === 'CODED' && !(d.codedValues || []).length) return t('lab.test.codedRequired');
    if (d.decimals !== null && d.decimals !== undefined && !(Number.isInteger(d.decimals) && d.decimals >= 0)) return t('lab.test.wholeNumber');
    if (d.turnaroundMinutes !== null && d.turnaroundMinutes !== undefined && !(Number.isInteger(d.turnaroundMinutes) && d.turnaroundMinutes > 0)) return t('lab.test.wholeNumber');
    if (d.units.some((u) => !u.unit || !DECIMAL.test(u.factor))) return t('lab.test.unitInvalid');
    for (const r of d.ranges) {
      if (['low', 'high', 'criticalLow', 'criticalHigh'].some((k) => r[k] !== null && !DECIMAL.test(r[k]))) {
        return t('lab.test.rangeNumber');
      }
      if (r.low !== null && r.high !== null && Number(r.low) > Number(r.high)) return t('lab.test.rangeOrder');
      if ([r.ageMinDays, r.ageMaxDays].some((a) => a !== null && !(Number.isInteger(a) && a >= 0))) return t('lab.test.wholeNumber');
      if (r.ageMinDays !== null && r.ageMaxDays !== null && r.ageMinDays > r.ageMaxDays) return t('lab.test.ageOrder');
    }
    return null;
  }

  async submit(event) {
    event.preventDefault();
    const ctx = this.host.ctx;
    this.read(event.target);
    this.error = this.problem();
    if (this.error) {
      this.host.paint();
      return;
    }
    try {
      const saved = await ctx.api.put(`${BASE}/tests/${encodeURIComponent(this.draft.code)}`, this.draft);
      ctx.notify(ctx.t('lab.test.saved', { code: saved.code }), 'success');
      this.draft = null;
      this.saved(saved);
    } catch (err) {
      // 409: the test changed since it was opened; reopen it to see the colleague's version.
      this.error = errorText(ctx, err);
    }
    this.host.paint();
  }

  field(id, name, labelKey, value, attrs = {}) {
    const t = (k, p) => this.host.ctx.t(k, p);
    return html`<div class="field"><label for="${id}">${t(labelKey)}</label>
      <input id="${id}" name=${name} .value=${text(value)} ?required=${attrs.required} ?readonly=${attrs.readonly}
        inputmode=${attrs.inputmode || 'text'} autocomplete="off"></div>`;
  }

  unitRows(form) {
    const t = (k, p) => this.host.ctx.t(k, p);
    return this.draft.units.map((u, i) => html`<div class="field-row">
      <div class="field"><label for="lab-test-unit-${i}">${t('lab.test.altUnit')}</label>
        <input id="lab-test-unit-${i}" name="unit-${i}" .value=${text(u.unit)}></div>
      <div class="field"><label for="lab-test-factor-${i}">${t('lab.test.factor')}</label>
        <input id="lab-test-factor-${i}" name="factor-${i}" inputmode="decimal" .value=${text(u.factor)}></div>
      <button type="button" class="button button-quiet" @click=${() => this.removeRow(form(), 'units', i)}>
        ${t('lab.test.removeUnit', { n: i + 1 })}</button></div>`);
  }

  rangeRows(form) {
    const t = (k, p) => this.host.ctx.t(k, p);
    return this.draft.ranges.map((r, i) => html`<fieldset class="lab-panel"><legend>${t('lab.test.range', { n: i + 1 })}</legend>
      <div class="field-row">
        <div class="field"><label for="lab-test-sex-${i}">${t('lab.test.sex')}</label>
          <select id="lab-test-sex-${i}" name="sex-${i}">
            <option value="" ?selected=${!r.sex}>${t('lab.test.anySex')}</option>
            <option value="F" ?selected=${r.sex === 'F'}>${t('lab.test.female')}</option>
            <option value="M" ?selected=${r.sex === 'M'}>${t('lab.test.male')}</option></select></div>
        ${RANGE_FIELDS.map((k) => html`<div class="field"><label for="lab-test-${k}-${i}">${t(`lab.test.${k}`)}</label>
          <input id="lab-test-${k}-${i}" name="${k}-${i}" inputmode=${k.startsWith('age') ? 'numeric' : 'decimal'}
            .value=${text(r[k])}></div>`)}
      </div>
      <button type="button" class="button button-quiet" @click=${() => this.removeRow(form(), 'ranges', i)}>
        ${t('lab.test.removeRange', { n: i + 1 })}</button></fieldset>`);
  }

  view() {
    if (!this.draft) return nothing;
    const t = (k, p) => this.host.ctx.t(k, p);
    const d = this.draft;
    const form = () => this.host.querySelector('#lab-test-form');
    return html`<form id="lab-test-form" class="form lab-panel card" novalidate @submit=${(e) => this.submit(e)}>
      <h2 id="lab-test-title" tabindex="-1">${this.isNew ? t('lab.test.new') : t('lab.test.editing', { code: d.code })}</h2>
      <div class="field-row">
        ${this.field('lab-test-code', 'code', 'lab.catalogue.code', d.code, { required: true, readonly: !this.isNew })}
        ${this.field('lab-test-name', 'name', 'lab.catalogue.name', d.name, { required: true })}
        <div class="field"><label for="lab-test-kind">${t('lab.catalogue.kind')}</label>
          <select id="lab-test-kind" name="kind" @change=${() => { this.read(form()); this.host.paint(); }}>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${d.kind === k}>${t(`lab.kind.${k}`)}</option>`)}</select></div>
      </div>
      ${d.kind === 'PANEL' ? this.field('lab-test-members', 'members', 'lab.test.members', (d.members || []).join(', '))
        : html`<div class="field-row">
        ${this.field('lab-test-loinc', 'loinc', 'lab.test.loinc', d.loinc)}
        ${this.field('lab-test-specimen', 'specimenType', 'lab.catalogue.specimenType', d.specimenType)}
        <div class="field"><label for="lab-test-type">${t('lab.test.resultType')}</label>
          <select id="lab-test-type" name="resultType" @change=${() => { this.read(form()); this.host.paint(); }}>
            ${TYPES.map((k) => html`<option value=${k} ?selected=${d.resultType === k}>${t(`lab.resultType.${k}`)}</option>`)}</select></div>
      </div>
      <div class="field-row">
        ${this.field('lab-test-unit', 'unit', 'lab.catalogue.unit', d.unit)}
        ${this.field('lab-test-decimals', 'decimals', 'lab.test.decimals', d.decimals, { inputmode: 'numeric' })}
        ${this.field('lab-test-tat', 'turnaroundMinutes', 'lab.test.turnaround', d.turnaroundMinutes, { inputmode: 'numeric' })}
        ${this.field('lab-test-price', 'priceReference', 'lab.test.price', d.priceReference)}
      </div>
      ${d.resultType === 'CODED' ? html`<div class="field-row">
        ${this.field('lab-test-coded', 'codedValues', 'lab.test.codedValues', (d.codedValues || []).join(', '))}
        ${this.field('lab-test-abnormal', 'abnormalValues', 'lab.test.abnormalValues', (d.abnormalValues || []).join(', '))}
      </div>` : nothing}
      <h3>${t('lab.test.units')}</h3>
      <p class="hint">${t('lab.test.unitsHelp')}</p>
      ${this.unitRows(form)}
      <button type="button" class="button button-quiet" @click=${() => this.addRow(form(), 'units', { unit: '', factor: '' })}>
        ${t('lab.test.addUnit')}</button>
      <h3>${t('lab.test.ranges')}</h3>
      ${this.rangeRows(form)}
      <button type="button" class="button button-quiet" @click=${() => this.addRow(form(), 'ranges',
        { sex: null, ageMinDays: null, ageMaxDays: null, low: null, high: null, criticalLow: null, criticalHigh: null })}>
        ${t('lab.test.addRange')}</button>`}
      <div class="field"><input id="lab-test-active" name="active" type="checkbox" .checked=${d.active !== false}>
        <label for="lab-test-active">${t('lab.catalogue.active')}</label></div>
      ${alertRegion(this.error, 'lab-test-error')}
      <div class="lab-actions"><button type="submit" class="button">${t('lab.test.save')}</button>
        <button type="button" class="button button-quiet" @click=${() => { this.draft = null; this.host.paint(); }}>${t('lab.cancel')}</button></div>
    </form>`;
  }
}
