// Messages and formats in the user's language: the shell's own messages plus each contribution's merged messages
// (the server merges a contribution's files over English). Language: the switch's choice kept in localStorage
// ('pavilion.lang', never anything about a patient), else the browser's languages, else English.

export const LANGUAGES = ['en', 'fr'];
const STORE_KEY = 'pavilion.lang';
const FALLBACK = 'en';

let locale = FALLBACK;
let shellMessages = {};
const contributionMessages = new Map(); // "id|lang" -> messages
let dict = {};

export function chooseLanguage() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORE_KEY);
  } catch (e) {
    /* storage refused: use the browser's languages */
  }
  if (LANGUAGES.includes(stored)) return stored;
  for (const l of navigator.languages || [navigator.language || FALLBACK]) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return FALLBACK;
}

export function rememberLanguage(lang) {
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch (e) {
    /* not kept: the choice lasts for this page only */
  }
}

export function currentLocale() {
  return locale;
}

async function json(u) {
  const r = await fetch(u, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`${u}: ${r.status}`);
  return r.json();
}

/** Loads the shell's messages in lang (English under them). */
export async function useLanguage(lang) {
  const en = await json('/ui/shell/i18n/en.json');
  const own = lang === FALLBACK ? {} : await json(`/ui/shell/i18n/${lang}.json`).catch(() => ({}));
  shellMessages = { ...en, ...own };
  locale = lang;
  document.documentElement.lang = lang;
  rebuild();
}

/** Loads the messages of the contributions not loaded yet in the current language. */
export async function loadContributions(contributions) {
  await Promise.all((contributions || []).map(async (c) => {
    const key = c.id + '|' + locale;
    if (contributionMessages.has(key)) return;
    const messages = await json(`${c.base}messages/${locale}.json`).catch(() => ({}));
    contributionMessages.set(key, messages);
  }));
  rebuild();
}

function rebuild() {
  const merged = {};
  for (const [key, messages] of contributionMessages) {
    if (key.endsWith('|' + locale)) Object.assign(merged, messages);
  }
  dict = Object.assign(merged, shellMessages);
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(dict, key);
}

/** The message for key with {name} placeholders filled from params; the key itself when there is none. */
export function t(key, params) {
  const text = has(key) ? dict[key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined || params[name] === null
    ? m : String(params[name])));
}

function toDate(v) {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(y, m - 1, d); // a calendar date (birth date): no time zone shift
  }
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const fmt = {
  date(v) {
    const d = toDate(v);
    return d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d) : '';
  },
  dateTime(v) {
    const d = toDate(v);
    return d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : '';
  },
  time(v) {
    const d = toDate(v);
    return d ? new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d) : '';
  },
  number(n, options) {
    return n === null || n === undefined || n === '' ? '' : new Intl.NumberFormat(locale, options).format(n);
  },
  money(n, currency) {
    if (n === null || n === undefined || n === '') return '';
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'EUR' }).format(n);
  },
};
