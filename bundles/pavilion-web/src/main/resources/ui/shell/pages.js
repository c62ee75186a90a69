// The manifest as the shell last loaded it, and helpers for pages that embed other pages: the chart lists its tabs
// with chartTabs() and mounts one with createPage(). Everything here is already filtered by the caller's privileges.

let manifest = { contributions: [], pages: [], cards: [] };

export function setManifest(m) {
  manifest = {
    contributions: Array.isArray(m && m.contributions) ? m.contributions : [],
    pages: Array.isArray(m && m.pages) ? m.pages : [],
    cards: Array.isArray(m && m.cards) ? m.cards : [],
  };
}

export function currentManifest() {
  return manifest;
}

const byOrder = (a, b) => (a.order - b.order) || a.route.localeCompare(b.route);

/** Pages of a navigation section (e.g. "patients", "chart"), in their order. */
export function pagesIn(section) {
  return manifest.pages.filter((p) => p.navSection === section).sort(byOrder);
}

const SECTIONS = ['patients', 'clinical', 'admin', 'integration', 'portal'];

/**
 * The navigation of the staff workspace or the portal: [section, pages] pairs, known sections first in their fixed
 * order, pages by order. Chart tabs and pages without a section are not in the navigation.
 */
export function navGroups(portal) {
  const groups = new Map();
  for (const p of manifest.pages) {
    if ((p.portal === true) !== portal || !p.navSection || p.navSection === 'chart') continue;
    if (!groups.has(p.navSection)) groups.set(p.navSection, []);
    groups.get(p.navSection).push(p);
  }
  const rank = (s) => (SECTIONS.includes(s) ? SECTIONS.indexOf(s) : SECTIONS.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
    .map(([section, pages]) => [section, pages.sort(byOrder)]);
}

/** The chart's tabs: pages with navSection "chart", each {route, module, element, titleKey, order, contribution}. */
export function chartTabs() {
  return pagesIn('chart');
}

/** The portal home's cards, in their order. */
export function portalCards() {
  return [...manifest.cards].sort((a, b) => a.order - b.order);
}

/** The page (or card) element with its ctx; state replaces ctx.state (e.g. {patientId} for a chart tab). */
export async function createPage(page, ctx, state) {
  await import(page.module);
  await Promise.race([
    customElements.whenDefined(page.element),
    new Promise((resolve, reject) => setTimeout(() => reject(new Error(`${page.module} defines no <${page.element}>`)), 5000)),
  ]);
  const el = document.createElement(page.element);
  el.ctx = state === undefined ? ctx : { ...ctx, state: Object.freeze({ ...state }) };
  return el;
}
