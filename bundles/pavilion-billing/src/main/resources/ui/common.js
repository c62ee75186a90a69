// Shared by billing's pages: the REST base, labels of the API's codes, amounts (decimal strings, never floats), PDF
// links, the stylesheet.
import { html, nothing } from '/ui/lib/lit-html/lit-html.js';
import { useStyles as kitStyles } from '/ui/shell/kit.js';

export const BASE = '/billing';
export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'VOID'];
export const CLAIM_STATUSES = ['SUBMITTED', 'APPROVED', 'PARTLY_APPROVED', 'DENIED', 'ERROR'];
export const CATEGORIES = ['CONSULTATION', 'PROCEDURE', 'LAB_TEST', 'MEDICINE', 'SUPPLY', 'BED_DAY', 'OTHER'];
/** What a cashier takes at the desk (INSURANCE settles the insurer's share: the claims' business, not the desk's). */
export const DESK_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER'];
/** Methods whose payment needs a reference: the card slip number, the transfer's reference. */
export const NEEDS_REFERENCE = ['CARD', 'BANK_TRANSFER'];

/** Adds the department's small stylesheet once (CSP style-src 'self': a file, never inline styles). */
export function useStyles() {
  kitStyles(new URL('./billing.css', import.meta.url).href);
}

/** The label of an API code (status, category, method...) under billing.<group>.<CODE>. */
export function label(ctx, group, code) {
  return code ? ctx.t(`billing.${group}.${code}`) : '';
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An amount from the API (a decimal string such as "12.50") with its currency, in the user's locale. The string goes
 * to Intl as it is: Intl formats decimal strings exactly, so no float ever stands between the API and the screen.
 */
export function money(ctx, amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '';
  const text = String(amount);
  if (!DECIMAL.test(text)) return `${text} ${currency || ''}`.trim();
  try {
    return ctx.fmt.money(text, currency || 'EUR');
  } catch (e) {
    return `${text} ${currency || ''}`.trim();
  }
}

/** A unit price (up to 4 decimals, as the price list keeps them) with its currency: never cut to the minor unit. */
export function unitMoney(ctx, amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '';
  const text = String(amount);
  if (!DECIMAL.test(text)) return `${text} ${currency || ''}`.trim();
  try {
    return ctx.fmt.number(text, { style: 'currency', currency: currency || 'EUR', minimumFractionDigits: 2,
      maximumFractionDigits: 4 });
  } catch (e) {
    return `${text} ${currency || ''}`.trim();
  }
}

/**
 * An amount as typed ("48,50" in French, "1 250.00" with a space) turned into the API's decimal string ("48.50"),
 * as text: a lone comma is the decimal separator, spaces group digits. Anything else goes as typed, for the API to judge.
 */
export function decimalInput(text) {
  if (!text) return text;
  const compact = String(text).replace(/[\s\u00a0\u202f]/g, '');
  return /^-?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
}

/** Whether a decimal string is zero ("0", "0.00", "-0.00"), read as text. */
export function isZero(amount) {
  return !amount || /^-?0*(\.0*)?$/.test(String(amount));
}

/** Whether a decimal string is above zero, read as text (no arithmetic on amounts in the browser). */
export function isPositive(amount) {
  return !!amount && DECIMAL.test(String(amount)) && !String(amount).startsWith('-') && !isZero(amount);
}

/**
 * The address of a PDF of the API (an invoice, a receipt): a plain link, so the browser opens it with the session
 * cookie like any GET of the API, prints it, or saves it. Only ids travel in it, never patient data.
 */
export function pdfHref(path) {
  return `/api/v1${BASE}${path}`;
}

export function pdfLink(text, path, id, ariaLabel) {
  return html`<a class="button button-quiet bl-pdf" id=${id || nothing} href=${pdfHref(path)} target="_blank"
    rel="noopener" type="application/pdf" aria-label=${ariaLabel || text}>${text}</a>`;
}

/** Small lists answer as a list or as a page: both are read. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : (answer && answer.items) || [];
}

/** Links that the shell's router opens with a state (never in the address); plain clicks only. */
export function go(ctx, route, state) {
  return (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(route, state);
  };
}

/** Today in the user's zone as yyyy-MM-dd (the till's day, a price's default validity). */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A validity (from, to) in words: "from 1 Jan 2026" or "1 Jan 2026 – 31 Dec 2026". */
export function validity(ctx, from, to) {
  if (!to) return ctx.t('billing.price.validFromOnly', { from: ctx.fmt.date(from) });
  return ctx.t('billing.price.validRange', { from: ctx.fmt.date(from), to: ctx.fmt.date(to) });
}

/** A tax rate fraction ("0.0550") as a percent in words ("5.5 %"), by moving the decimal point in the string. */
export function ratePercent(ctx, rate) {
  if (rate === null || rate === undefined || rate === '' || !DECIMAL.test(String(rate))) return '';
  const [whole, frac = ''] = String(rate).split('.');
  const digits = (frac + '00').slice(0, 2);
  const rest = frac.slice(2).replace(/0+$/, '');
  const percent = `${(whole + digits).replace(/^-?0+(?=\d)/, '')}${rest ? '.' + rest : ''}`;
  return ctx.t('billing.percent', { value: ctx.fmt.number(percent) });
}
