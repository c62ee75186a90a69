// The demographics form shared by registration and edit: a plain model object in the shape the EMR's REST API
// takes (PatientDemographics), its fields, client-side checks mirroring the server's, and the body to send.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { field, selectField, SEXES, RELATIONSHIPS, HOLDERS, MAX_REPEAT, today, serverFieldError } from './common.js';

/** An empty model, or one filled from a Patient answer (output-only fields left out). */
export function modelOf(p = {}) {
    return {
        givenName: p.givenName || '', familyName: p.familyName || '', sex: p.sex || '', birthDate: p.birthDate || '',
        nationalId: p.nationalId || '', email: p.email || '', preferredLanguage: p.preferredLanguage || '',
        phones: p.phones && p.phones.length ? [...p.phones] : [''],
        address: { line: '', city: '', postalCode: '', country: '', ...(p.address || {}) },
        nextOfKin: (p.nextOfKin || []).map(k => ({ name: k.name || '', relationship: k.relationship || '',
            phone: k.phone || '', email: k.email || '' })),
        insurance: (p.insurance || []).map(i => ({ insurer: i.insurer || '', policyNumber: i.policyNumber || '',
            plan: i.plan || '', holderRelationship: i.holderRelationship || '', validFrom: i.validFrom || '',
            validTo: i.validTo || '' })),
    };
}

const blank = v => (v == null || String(v).trim() === '' ? null : String(v).trim());

/** The JSON body: blanks become null or are dropped, so the server's "optional" means what it says. */
export function bodyOf(m) {
    const addr = {
        line: blank(m.address.line), city: blank(m.address.city), postalCode: blank(m.address.postalCode),
        country: blank(m.address.country) && m.address.country.trim().toUpperCase(),
    };
    return {
        givenName: blank(m.givenName), familyName: blank(m.familyName), sex: blank(m.sex), birthDate: blank(m.birthDate),
        nationalId: blank(m.nationalId), email: blank(m.email), preferredLanguage: blank(m.preferredLanguage),
        phones: m.phones.map(blank).filter(Boolean),
        address: Object.values(addr).some(Boolean) ? addr : null,
        nextOfKin: m.nextOfKin.map(k => ({ name: blank(k.name), relationship: blank(k.relationship),
            phone: blank(k.phone), email: blank(k.email) })),
        insurance: m.insurance.map(i => ({ insurer: blank(i.insurer), policyNumber: blank(i.policyNumber),
            plan: blank(i.plan), holderRelationship: blank(i.holderRelationship), validFrom: blank(i.validFrom),
            validTo: blank(i.validTo) })),
    };
}

const PHONE = /^\+?[0-9 ()./-]{6,32}$/;
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/;
const POLICY = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

/** The same checks the server makes, as {fieldName: message key}, so most mistakes never leave the browser. */
export function check(m) {
    const e = {};
    if (!blank(m.givenName)) e.givenName = 'emr.patients.error.required';
    if (!blank(m.familyName)) e.familyName = 'emr.patients.error.required';
    if (!blank(m.sex)) e.sex = 'emr.patients.error.required';
    const bd = blank(m.birthDate);
    if (!bd) e.birthDate = 'emr.patients.error.required';
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(bd)) e.birthDate = 'emr.patients.error.date';
    else if (bd > today()) e.birthDate = 'emr.patients.error.future';
    else if (Number(bd.slice(0, 4)) < new Date().getFullYear() - 150) e.birthDate = 'emr.patients.error.too-old';
    const nid = blank(m.nationalId);
    if (nid && !/^[A-Z0-9]{3,32}$/.test(nid.toUpperCase().replace(/[\s./-]/g, ''))) {
        e.nationalId = 'emr.patients.error.national-id';
    }
    m.phones.forEach((p, i) => {
        const v = blank(p);
        if (v && (!PHONE.test(v) || v.replace(/\D/g, '').length < 6)) e[`phones[${i}]`] = 'emr.patients.error.phone';
    });
    if (blank(m.email) && !EMAIL.test(m.email.trim())) e.email = 'emr.patients.error.email';
    const country = blank(m.address.country);
    if (country && !/^[A-Za-z]{2}$/.test(country)) e['address.country'] = 'emr.patients.error.country';
    const lang = blank(m.preferredLanguage);
    if (lang && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(lang)) e.preferredLanguage = 'emr.patients.error.language';
    m.nextOfKin.forEach((k, i) => {
        const at = `nextOfKin[${i}]`;
        if (!blank(k.name)) e[`${at}.name`] = 'emr.patients.error.required';
        if (!blank(k.relationship)) e[`${at}.relationship`] = 'emr.patients.error.required';
        if (!blank(k.phone) && !blank(k.email)) e[`${at}.phone`] = 'emr.patients.error.phone-or-email';
        if (blank(k.phone) && !PHONE.test(k.phone.trim())) e[`${at}.phone`] = 'emr.patients.error.phone';
        if (blank(k.email) && !EMAIL.test(k.email.trim())) e[`${at}.email`] = 'emr.patients.error.email';
    });
    m.insurance.forEach((p, i) => {
        const at = `insurance[${i}]`;
        if (!blank(p.insurer)) e[`${at}.insurer`] = 'emr.patients.error.required';
        if (!blank(p.policyNumber)) e[`${at}.policyNumber`] = 'emr.patients.error.required';
        else if (!POLICY.test(p.policyNumber.trim())) e[`${at}.policyNumber`] = 'emr.patients.error.policy-number';
        if (!blank(p.holderRelationship)) e[`${at}.holderRelationship`] = 'emr.patients.error.required';
        if (blank(p.validFrom) && blank(p.validTo) && p.validTo < p.validFrom) e[`${at}.validTo`] = 'emr.patients.error.valid-to';
    });
    return e;
}

/**
 * The form's fields. `errors` maps field names to a message key (client check) or {server: detail};
 * `update()` re-renders after a change of the model.
 */
export function demographicsFields(ctx, m, errors, update) {
    const t = ctx.t;
    const err = name => {
        const v = errors[name];
        if (!v) return null;
        return typeof v === 'string' ? t(v) : serverFieldError(ctx, v.server);
    };
    const bind = (obj, key) => ev => { obj[key] = ev.target.value; update(); };
    const text = (name, obj, key, label, extra = {}) => field(ctx, {
        name, label: t(label), value: obj[key], error: err(name), onInput: bind(obj, key), ...extra,
    });
    const sexLabel = v => t(`emr.patients.sex.${v}`);
    return html`
    <fieldset class="emr-fieldset">
        <legend>${t('emr.patients.section.identity')}</legend>
        <div class="emr-grid">
            ${text('familyName', m, 'familyName', 'emr.patients.field.familyName',
                { required: true, autocomplete: 'off', maxlength: 100 })}
            ${text('givenName', m, 'givenName', 'emr.patients.field.givenName',
                { required: true, autocomplete: 'off', maxlength: 100 })}
            ${selectField(ctx, { name: 'sex', label: t('emr.patients.field.sex'), value: m.sex, values: SEXES,
                labelOf: sexLabel, required: true, error: err('sex'), onInput: bind(m, 'sex') })}
            ${text('birthDate', m, 'birthDate', 'emr.patients.field.birthDate',
                { required: true, type: 'date', max: today() })}
            ${text('nationalId', m, 'nationalId', 'emr.patients.field.nationalId',
                { hint: t('emr.patients.hint.nationalId'), maxlength: 64 })}
            ${text('preferredLanguage', m, 'preferredLanguage', 'emr.patients.field.preferredLanguage',
                { hint: t('emr.patients.hint.preferredLanguage'), maxlength: 35 })}
        </div>
    </fieldset>
    <fieldset class="emr-fieldset">
        <legend>${t('emr.patients.section.contact')}</legend>
        <div class="emr-grid">
            ${m.phones.map((p, i) => html`<div class="emr-repeat-inline">
                ${field(ctx, { name: `phones[${i}]`, id: `f-phones-${i}`, type: 'tel', inputmode: 'tel',
                    label: t('emr.patients.field.phone', { n: i + 1 }), value: p, error: err(`phones[${i}]`),
                    onInput: ev => { m.phones[i] = ev.target.value; update(); } })}
                ${m.phones.length > 1 ? html`<button type="button" class="emr-link-button"
                    aria-label=${t('emr.patients.action.remove-phone', { n: i + 1 })}
                    @click=${() => { m.phones.splice(i, 1); update(); }}>${t('emr.patients.action.remove')}</button>`
                    : nothing}
            </div>`)}
            ${text('email', m, 'email', 'emr.patients.field.email', { type: 'email', maxlength: 254 })}
        </div>
        ${m.phones.length < MAX_REPEAT ? html`<button type="button" class="emr-secondary"
            @click=${() => { m.phones.push(''); update(`f-phones-${m.phones.length - 1}`); }}>
            ${t('emr.patients.action.add-phone')}</button>` : nothing}
    </fieldset>
    <fieldset class="emr-fieldset">
        <legend>${t('emr.patients.section.address')}</legend>
        <div class="emr-grid">
            ${text('address.line', m.address, 'line', 'emr.patients.field.address.line', { maxlength: 200 })}
            ${text('address.city', m.address, 'city', 'emr.patients.field.address.city', { maxlength: 100 })}
            ${text('address.postalCode', m.address, 'postalCode', 'emr.patients.field.address.postalCode',
                { maxlength: 20 })}
            ${text('address.country', m.address, 'country', 'emr.patients.field.address.country',
                { hint: t('emr.patients.hint.country'), maxlength: 2 })}
        </div>
    </fieldset>
    <fieldset class="emr-fieldset">
        <legend>${t('emr.patients.section.nextOfKin')}</legend>
        ${m.nextOfKin.length === 0 ? html`<p class="emr-muted">${t('emr.patients.none-yet')}</p>` : nothing}
        ${m.nextOfKin.map((k, i) => html`<div class="emr-repeat" role="group"
                aria-labelledby="nok-${i}-title">
            <h2 id="nok-${i}-title" class="emr-repeat-title">${t('emr.patients.nextOfKin.n', { n: i + 1 })}</h2>
            <div class="emr-grid">
                ${text(`nextOfKin[${i}].name`, k, 'name', 'emr.patients.field.nok.name',
                    { required: true, id: `f-nok-${i}-name`, maxlength: 200 })}
                ${selectField(ctx, { name: `nextOfKin[${i}].relationship`, id: `f-nok-${i}-relationship`,
                    label: t('emr.patients.field.nok.relationship'), value: k.relationship, values: RELATIONSHIPS,
                    labelOf: v => t(`emr.patients.relationship.${v}`), required: true,
                    error: err(`nextOfKin[${i}].relationship`), onInput: bind(k, 'relationship') })}
                ${text(`nextOfKin[${i}].phone`, k, 'phone', 'emr.patients.field.nok.phone',
                    { id: `f-nok-${i}-phone`, type: 'tel', inputmode: 'tel',
                      hint: t('emr.patients.hint.phone-or-email') })}
                ${text(`nextOfKin[${i}].email`, k, 'email', 'emr.patients.field.nok.email',
                    { id: `f-nok-${i}-email`, type: 'email' })}
            </div>
            <button type="button" class="emr-link-button" @click=${() => { m.nextOfKin.splice(i, 1); update(); }}
                aria-label=${t('emr.patients.action.remove-nok', { n: i + 1 })}>${t('emr.patients.action.remove')}</button>
        </div>`)}
        ${m.nextOfKin.length < MAX_REPEAT ? html`<button type="button" class="emr-secondary" @click=${() => {
            m.nextOfKin.push({ name: '', relationship: '', phone: '', email: '' });
            update(`f-nok-${m.nextOfKin.length - 1}-name`);
        }}>${t('emr.patients.action.add-nok')}</button>` : nothing}
    </fieldset>
    <fieldset class="emr-fieldset">
        <legend>${t('emr.patients.section.insurance')}</legend>
        ${m.insurance.length === 0 ? html`<p class="emr-muted">${t('emr.patients.none-yet')}</p>` : nothing}
        ${m.insurance.map((p, i) => html`<div class="emr-repeat" role="group" aria-labelledby="ins-${i}-title">
            <h2 id="ins-${i}-title" class="emr-repeat-title">${i === 0 ? t('emr.patients.insurance.primary')
                : t('emr.patients.insurance.n', { n: i + 1 })}</h2>
            <div class="emr-grid">
                ${text(`insurance[${i}].insurer`, p, 'insurer', 'emr.patients.field.ins.insurer',
                    { required: true, id: `f-ins-${i}-insurer`, maxlength: 100 })}
                ${text(`insurance[${i}].policyNumber`, p, 'policyNumber', 'emr.patients.field.ins.policyNumber',
                    { required: true, id: `f-ins-${i}-policyNumber`, maxlength: 40 })}
                ${text(`insurance[${i}].plan`, p, 'plan', 'emr.patients.field.ins.plan',
                    { id: `f-ins-${i}-plan`, maxlength: 100 })}
                ${selectField(ctx, { name: `insurance[${i}].holderRelationship`, id: `f-ins-${i}-holder`,
                    label: t('emr.patients.field.ins.holderRelationship'), value: p.holderRelationship,
                    values: HOLDERS, labelOf: v => t(`emr.patients.holder.${v}`), required: true,
                    error: err(`insurance[${i}].holderRelationship`), onInput: bind(p, 'holderRelationship') })}
                ${text(`insurance[${i}].validFrom`, p, 'validFrom', 'emr.patients.field.ins.validFrom',
                    { id: `f-ins-${i}-validFrom`, type: 'date' })}
                ${text(`insurance[${i}].validTo`, p, 'validTo', 'emr.patients.field.ins.validTo',
                    { id: `f-ins-${i}-validTo`, type: 'date' })}
            </div>
            <button type="button" class="emr-link-button" @click=${() => { m.insurance.splice(i, 1); update(); }}
                aria-label=${t('emr.patients.action.remove-ins', { n: i + 1 })}>${t('emr.patients.action.remove')}</button>
        </div>`)}
        ${m.insurance.length < MAX_REPEAT ? html`<button type="button" class="emr-secondary" @click=${() => {
            m.insurance.push({ insurer: '', policyNumber: '', plan: '', holderRelationship: '', validFrom: '',
                validTo: '' });
            update(`f-ins-${m.insurance.length - 1}-insurer`);
        }}>${t('emr.patients.action.add-ins')}</button>` : nothing}
    </fieldset>`;
}

/** An error summary (role=alert) listing what to fix, each a link to its field. */
export function errorSummary(ctx, errors, general, root) {
    const names = Object.keys(errors);
    if (!names.length && !general.length) return html`<div role="alert" class="emr-alert-slot"></div>`;
    const jump = name => ev => {
        ev.preventDefault();
        const el = root.querySelector(`[name="${CSS.escape(name)}"]`);
        if (el) el.focus();
    };
    return html`<div role="alert" class="emr-alert emr-alert--error" id="form-errors" tabindex="-1">
        <p class="emr-alert-title">${ctx.t('emr.patients.error.summary', { n: names.length + general.length })}</p>
        <ul>
            ${names.map(n => html`<li><a href="#" @click=${jump(n)}>${fieldLabel(ctx, n)}</a></li>`)}
            ${general.map(g => html`<li>${g}</li>`)}
        </ul>
    </div>`;
}

/** A readable name of a field path such as "nextOfKin[1].phone" for the summary. */
export function fieldLabel(ctx, name) {
    const t = ctx.t;
    let m = /^phones\[(\d+)\]$/.exec(name);
    if (m) return t('emr.patients.field.phone', { n: Number(m[1]) + 1 });
    m = /^nextOfKin\[(\d+)\]\.(\w+)$/.exec(name);
    if (m) return `${t('emr.patients.nextOfKin.n', { n: Number(m[1]) + 1 })}: ${t(`emr.patients.field.nok.${m[2]}`)}`;
    m = /^insurance\[(\d+)\]\.(\w+)$/.exec(name);
    if (m) return `${t('emr.patients.insurance.n', { n: Number(m[1]) + 1 })}: ${t(`emr.patients.field.ins.${m[2]}`)}`;
    return t(`emr.patients.field.${name}`);
}
