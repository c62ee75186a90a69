// The staff workspace's home page: a greeting and the pages the user may open, by section.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { navGroups } from '../pages.js';

class ShellHome extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.draw();
  }

  get ctx() {
    return this._ctx;
  }

  draw() {
    const { t, caller } = this._ctx;
    const groups = navGroups(false);
    render(html`<div class="page">
      <h1>${t('shell.home.title', { name: caller.username })}</h1>
      ${groups.length === 0 ? html`<p>${t('shell.home.empty')}</p>` : html`<div class="card-grid">
        ${groups.map(([s, pages]) => html`<section class="card" aria-labelledby=${'home-' + s}>
          <h2 id=${'home-' + s}>${t('shell.nav.' + s)}</h2>
          <ul class="link-list">${pages.map((p) => html`<li><a href=${p.route}>${t(p.titleKey)}</a></li>`)}</ul>
        </section>`)}
      </div>`}
    </div>`, this);
  }
}

customElements.define('shell-home', ShellHome);
