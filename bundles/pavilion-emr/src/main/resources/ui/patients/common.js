// Shared by the staff patient pages: REST paths, field templates with accessible errors, the mapping of the EMR's
// validation problems onto form fields, and the search-term reading used by the search and merge pages.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { useStyles as kitUseStyles } from '/ui/shell/kit.js';

export const PATIENTS = '/emr/patients';
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'];
export const RELATIONSHIPS = ['SPOUSE', 'PARTNER', 'PARENT', 'CHILD', 'SIBLING', 'GUARDIAN', 'FRIEND', 'OTHER'];
export const HOLDERS = ['SELF', 'SPOUSE', 'PARENT', 'OTHER'];
export const MAX_REPEAT = 5; // phones, next of kin and policies: the API takes at most five of each

/** Adds the pages' stylesheet once (CSP style-src 'self': a file, never inline styles). */
export function useStyles() {
    kitUseStyles(new URL('./patients.css', import.meta.url).href);
}

/** Moves focus to the page's heading after a page-level change, so screen readers announce where they are. */
export function focusHeading(root) {
    const h1 = root.querySelector('h1');
    if (h1) {
        h1.tabIndex = -1;
        h1.focus();
    }
}

/** A MRN has 10 to 18 digits and MOD 97-10 check digits (as the EMR's Mrn class checks). */
export function isMrn(s) {
    if (!/^[0-9]{10,18}$/.test(s)) return false;
    let mod = 0;
    for (const c of s) mod = (mod * 10 + (c.charCodeAt(0) - 48)) % 97;
    return mod === 1;
}

/**
 * Reads what a clerk types in one search box into the API's criteria: an MRN, a birth date (yyyy-mm-dd or
 * dd/mm/yyyy), a phone (6+ digits, optional +), a national id (letters and digits mixed), the rest is the name.
 * Returns null when nothing is worth sending yet.
 */
export function readSearchTerms(text) {
    const q = {};
    const words = [];
    const whole = (text || '').trim();
    // A phone typed with spaces ("+34 600 123 456") is one criterion, not several words
    if (/^\+?[0-9][0-9 ().-]{4,40}$/.test(whole) && whole.replace(/\D/g, '').length >= 6 && !isMrn(whole)
            && !/^\d{4}-\d{2}-\d{2}$/.test(whole) && /[ ().+-]/.test(whole)) {
        return { phone: whole };
    }
    for (const token of (text || '').trim().split(/\s+/).filter(Boolean)) {
        let m;
        if (isMrn(token) && !q.mrn) {
            q.mrn = token;
        } else if (/^\d{4}-\d{2}-\d{2}$/.test(token) && !q.birthDate) {
            q.birthDate = token;
        } else if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(token)) && !q.birthDate) {
            q.birthDate = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
        } else if (/^\+?[0-9().-]{6,32}$/.test(token) && token.replace(/\D/g, '').length >= 6 && !q.phone) {
            q.phone = token;
        } else if (/[0-9]/.test(token) && /[A-Za-z]/.test(token) && /^[A-Za-z0-9./-]{3,40}$/.test(token)
                && !q.nationalId) {
            q.nationalId = token;
        } else {
            words.push(token);
        }
    }
    const name = words.join(' ');
    if (name.replace(/[^\p{L}]/gu, '').length >= 2) {
        q.name = name;
    } else if (name) {
        return Object.keys(q).length ? q : null; // one stray letter beside other criteria: leave it out
    }
    return Object.keys(q).length ? q : null;
}

/** Whole years between an ISO birth date and today. */
export function ageYears(birthDate, today = new Date()) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate || '');
    if (!m) return null;
    let age = today.getFullYear() - Number(m[1]);
    const month = today.getMonth() + 1;
    if (month < Number(m[2]) || (month === Number(m[2]) && today.getDate() < Number(m[3]))) age--;
    return age;
}

export function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function displayName(p) {
    return [p.familyName, p.givenName].filter(Boolean).join(', ');
}

export function sexLabel(ctx, sex) {
    return sex ? ctx.t(`emr.patients.sex.${sex}`) : '';
}

/** Ids of the hint and error paragraphs a field's input is described by. */
function describedBy(id, hint, error) {
    return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || nothing;
}

/**
 * One labelled input. `f` = {id, name, label, value, type, required, error, hint, autocomplete, onInput, inputmode,
 * maxlength, min, max}. The error paragraph is tied to the input by aria-describedby and marks it aria-invalid.
 */
export function field(ctx, f) {
    const id = f.id || `f-${f.name.replace(/[^A-Za-z0-9]/g, '-')}`;
    return html`<div class="emr-field ${f.error ? 'emr-field--invalid' : ''}">
        <label for=${id}>${f.label}${f.required
            ? html`<span class="emr-required" aria-hidden="true"> *</span>` : nothing}</label>
        ${f.hint ? html`<p class="emr-hint" id="${id}-hint">${f.hint}</p>` : nothing}
        <input id=${id} name=${f.name} type=${f.type || 'text'} .value=${f.value ?? ''}
            ?required=${f.required} aria-required=${f.required ? 'true' : 'false'}
            aria-invalid=${f.error ? 'true' : 'false'} aria-describedby=${describedBy(id, f.hint, f.error)}
            autocomplete=${f.autocomplete || 'off'} inputmode=${f.inputmode || nothing}
            maxlength=${f.maxlength || nothing} min=${f.min ?? nothing} max=${f.max ?? nothing}
            @input=${f.onInput}>
        ${f.error ? html`<p class="emr-error" id="${id}-error">${f.error}</p>` : nothing}
    </div>`;
}

/** A labelled select whose options are `values` with labels from `labelOf`. */
export function selectField(ctx, f) {
    const id = f.id || `f-${f.name.replace(/[^A-Za-z0-9]/g, '-')}`;
    return html`<div class="emr-field ${f.error ? 'emr-field--invalid' : ''}">
        <label for=${id}>${f.label}${f.required
            ? html`<span class="emr-required" aria-hidden="true"> *</span>` : nothing}</label>
        <select id=${id} name=${f.name} ?required=${f.required} aria-required=${f.required ? 'true' : 'false'}
            aria-invalid=${f.error ? 'true' : 'false'} aria-describedby=${describedBy(id, null, f.error)}
            @change=${f.onInput}>
            <option value="" ?selected=${!f.value}>${ctx.t('emr.patients.choose')}</option>
            ${f.values.map(v => html`<option value=${v} ?selected=${f.value === v}>${f.labelOf(v)}</option>`)}
        </select>
        ${f.error ? html`<p class="emr-error" id="${id}-error">${f.error}</p>` : nothing}
    </div>`;
}

/**
 * Maps the EMR's 400 validation problem (every problem of the body in `detail`, joined by "; ", each starting with
 * the JSON path it is about) onto form field names. `phones` are matched by the value the message quotes.
 * Returns {fields: {name: detail}, general: [detail]}.
 */
export function problemFields(problem, phones = []) {
    const out = { fields: {}, general: [] };
    if (!problem || problem.status !== 400 || !problem.detail) return out;
    for (const part of String(problem.detail).split('; ')) {
        let m = /^phone '([^']*)'/.exec(part);
        if (m) {
            const i = phones.findIndex(p => (p || '').trim() === m[1].trim());
            out.fields[`phones[${i < 0 ? 0 : i}]`] = part;
            continue;
        }
        m = /^((?:nextOfKin|insurance)\[\d+\](?:\.[a-zA-Z]+)?|address\.[a-zA-Z]+|[a-zA-Z]+)(?=[\s.]|$)/.exec(part);
        const path = m ? m[1] : null;
        const known = path && (/^(nextOfKin|insurance)\[\d+\]/.test(path) || /^address\./.test(path)
            || ['givenName', 'familyName', 'sex', 'birthDate', 'nationalId', 'email', 'preferredLanguage',
                'approximateAgeYears', 'arrivalNote', 'reason'].includes(path));
        if (known) {
            // "nextOfKin[0] needs a phone or an email" is about the person, shown at their phone
            const key = /^nextOfKin\[\d+\]$/.test(path) ? `${path}.phone` : path;
            out.fields[key] = out.fields[key] ? `${out.fields[key]}; ${part}` : part;
        } else {
            out.general.push(part);
        }
    }
    return out;
}

/** The text of a server-side field error: a localised lead and the server's own words (English, marked so). */
export function serverFieldError(ctx, detail) {
    return html`${ctx.t('emr.patients.error.refused')} <span lang="en">${detail}</span>`;
}

/** Whether an aborted fetch (a stale search) rejected, which is not an error to show. */
export function isAbort(e) {
    return e && (e.name === 'AbortError' || e.cause?.name === 'AbortError');
}

/** Focuses the first invalid control of a form after an error render. */
export function focusFirstInvalid(form) {
    const bad = form && form.querySelector('[aria-invalid="true"]');
    if (bad) bad.focus();
    return !!bad;
}

/**
 * Shows the client-side check's errors on a form page (page.errors, page.general, update(), focus on the first bad
 * field). Returns true when there were errors, so the caller does not send.
 */
export function showCheckErrors(page, errors) {
    page.errors = errors;
    page.general = [];
    if (!Object.keys(errors).length) return false;
    page.update();
    page.querySelector('[aria-invalid="true"]')?.focus();
    return true;
}

/**
 * Shows a refused save on a form page: a 400's messages at their fields (problemFields), the rest in the form's
 * error list, the problem's text when nothing else applies; then focus on the first bad field or the error list.
 */
export function showServerErrors(page, e, phones) {
    const problem = e && e.problem;
    page.errors = {};
    page.general = [];
    if (e && e.status === 400 && problem) {
        const mapped = problemFields(problem, phones);
        page.errors = Object.fromEntries(Object.entries(mapped.fields).map(([k, v]) => [k, { server: v }]));
        page.general = mapped.general;
    }
    if (!Object.keys(page.errors).length && !page.general.length) page.general = [page.ctx.problem(e)];
    page.update();
    (page.querySelector('[aria-invalid="true"]') || page.querySelector('#form-errors'))?.focus();
}
