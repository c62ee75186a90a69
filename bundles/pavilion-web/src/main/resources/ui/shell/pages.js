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
