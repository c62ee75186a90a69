// The portal's home page: a card per contribution card the patient may see (appointments, bills, record...).
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { portalCards, createPage } from '../pages.js';

class ShellPortalHome extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.draw();
  }

  get ctx() {
    return this._ctx;
  }

  draw() {
    const { t } = this._ctx;
    const cards = portalCards();
    render(html`<div class="page">
      <h1>${t('shell.portal.home-title')}</h1>
      ${cards.length === 0 ? html`<p>${t('shell.portal.no-cards')}</p>` : ''}
      <div id="portal-cards" class="card-grid">
        ${cards.map((c, i) => html`<section class="card portal-card" aria-labelledby=${'card-title-' + i}>
          <h2 id=${'card-title-' + i}>${t(c.titleKey)}</h2>
          <div class="card-body" data-card=${i}></div>
        </section>`)}
      </div>
    </div>`, this);
    cards.forEach((card, i) => this.mount(card, this.querySelector(`[data-card="${i}"]`)));
  }

  async mount(card, slot) {
    try {
      const el = await createPage(card, this._ctx);
      slot.replaceChildren(el);
    } catch (e) {
      const p = document.createElement('p');
      p.textContent = this._ctx.t('shell.portal.card-unavailable');
      slot.replaceChildren(p);
    }
  }
}

customElements.define('shell-portal-home', ShellPortalHome);
