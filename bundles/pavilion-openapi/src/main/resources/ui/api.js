// Administration > REST API: where the OpenAPI document of the installed departments and Swagger UI are.
import { html, render } from '/ui/lib/lit-html/lit-html.js';

class OpenApiPage extends HTMLElement {
  set ctx(ctx) {
    this._ctx = ctx;
    this.update();
  }

  get ctx() {
    return this._ctx;
  }

  update() {
    const { t } = this._ctx;
    render(html`
      <h1 tabindex="-1">${t('openapi.page.api')}</h1>
      <p>${t('openapi.intro')}</p>
      <ul>
        <li><a href="/api-docs/">${t('openapi.link.swagger')}</a></li>
        <li><a href="/api/v1/platform/openapi.json" download="openapi.json">${t('openapi.link.json')}</a></li>
        <li><a href="/api/v1/platform/openapi.yaml" download="openapi.yaml">${t('openapi.link.yaml')}</a></li>
      </ul>`, this);
  }
}

customElements.define('openapi-api', OpenApiPage);
