// Tabs other departments add to the chart: manifest pages with navSection "chart". The shell lists them when it
// offers a way (ctx.pages); otherwise the chart reads the manifest itself (the same list the shell reads).

function moduleUrl(page) {
  const m = page.moduleUrl || page.module || '';
  if (m.startsWith('/')) {
    return m;
  }
  const id = page.contribution || page.contributionId;
  return id ? `/ui/c/${encodeURIComponent(id)}/${m}` : null;
}

function toTab(page) {
  return {
    id: `c-${page.element}`,
    element: page.element,
    titleKey: page.titleKey,
    order: page.order || 0,
    moduleUrl: moduleUrl(page),
  };
}

/** The chart tabs the caller may see, ordered; never the EMR's own chart page. */
export async function chartContributions(ctx) {
  let pages;
  if (typeof ctx.pages === 'function') {
    pages = await ctx.pages('chart');
  } else {
    const manifest = await ctx.api.get('/ui/manifest');
    pages = (manifest && (manifest.pages || manifest.items)) || (Array.isArray(manifest) ? manifest : []);
  }
  return (pages || [])
    .filter((p) => p && p.navSection === 'chart' && p.element && p.element !== 'emr-chart')
    .map(toTab)
    .filter((tab) => tab.moduleUrl)
    .sort((a, b) => a.order - b.order);
}
