// Roles and privileges (/api/v1/platform/roles, /platform/privileges): each role's privileges grouped by module with
// their descriptions, granted and revoked with a checkbox; creating a role.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, errorText, focusSoon } from './common.js';

/** Privileges grouped by module, modules and privileges in name order. */
function byModule(privileges) {
  const groups = new Map();
  for (const p of [...privileges].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = p.module || p.name.split('.')[0];
    if (!groups.has(key)) {
      groups.set(key, []);
    }
    groups.get(key).push(p);
  }
  return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

class PlatformRoles extends PlatformPage {
  start() {
    this.roles = [];
    this.privileges = [];
    this.selected = null;
    this.loadError = '';
    this.grantError = '';
    this.createError = '';
    this.busy = new Set();
    this.update();
    this.load();
  }

  async load() {
    try {
      const [roles, privileges] = await Promise.all([
        this.ctx.api.get('/platform/roles'), this.ctx.api.get('/platform/privileges')]);
      this.roles = roles.sort((a, b) => a.name.localeCompare(b.name));
      this.privileges = privileges;
      this.loadError = '';
      if (this.selected) {
        this.selected = this.roles.find((r) => r.name === this.selected.name) || null;
      }
    } catch (e) {
      this.loadError = errorText(this.ctx, e);
    }
    this.update();
  }

  select(name) {
    this.selected = this.roles.find((r) => r.name === name) || null;
    this.grantError = '';
    this.update();
  }

  async toggle(privilege, checkbox) {
    const role = this.selected.name;
    const grant = checkbox.checked;
    const path = `/platform/roles/${encodeURIComponent(role)}/privileges/${encodeURIComponent(privilege)}`;
    this.busy.add(privilege);
    this.update();
    try {
      const updated = grant ? await this.ctx.api.put(path, {}) : await this.ctx.api.del(path);
      this.roles = this.roles.map((r) => (r.name === updated.name ? updated : r));
      this.selected = updated;
      this.grantError = '';
      this.ctx.notify(this.ctx.t(grant ? 'platform.roles.granted' : 'platform.roles.revoked',
        { privilege, role }), 'success');
    } catch (e) {
      checkbox.checked = !grant;
      this.grantError = errorText(this.ctx, e);
    } finally {
      this.busy.delete(privilege);
      this.update();
    }
  }

  async create(event) {
    event.preventDefault();
    const form = event.target;
    const body = { name: form.elements.name.value.trim() };
    const description = form.elements.description.value.trim();
    if (description) {
      body.description = description;
    }
    try {
      const created = await this.ctx.api.post('/platform/roles', body);
      form.reset();
      this.createError = '';
      this.ctx.notify(this.ctx.t('platform.roles.created', { role: created.name }), 'success');
      await this.load();
      this.select(created.name);
      focusSoon(this, '#role-select');
    } catch (e) {
      this.createError = errorText(this.ctx, e);
      this.update();
    }
  }

  privilegesOf(role) {
    const { t } = this.ctx;
    const held = new Set(role.privileges || []);
    return html`<section id="role-privileges" aria-labelledby="role-privileges-heading">
      <h2 id="role-privileges-heading">${t('platform.roles.privileges-of', { role: role.name })}</h2>
      ${role.description ? html`<p>${role.description}</p>` : ''}
      ${role.seeded ? html`<p class="hint pv-muted">${t('platform.roles.seeded')}</p>` : ''}
      ${alertRegion(this.grantError)}
      ${byModule(this.privileges).map(([module, list]) => html`<fieldset>
        <legend>${t('platform.roles.module', { module })}</legend>
        ${list.map((p) => html`<label class="pv-check">
          <input type="checkbox" name="privilege" value=${p.name} .checked=${held.has(p.name)}
            ?disabled=${this.busy.has(p.name)} aria-describedby=${`priv-${p.name}`}
            @change=${(e) => this.toggle(p.name, e.target)}>
          <span><code>${p.name}</code>
            <span id=${`priv-${p.name}`} class="hint pv-muted"> ${p.description || ''}${p.available ? ''
              : ` (${t('platform.roles.unavailable')})`}</span></span></label>`)}
      </fieldset>`)}
    </section>`;
  }

  update() {
    const { t } = this.ctx;
    render(html`<div class="page pv-page">
      <h1>${t('platform.page.roles')}</h1>
      ${alertRegion(this.loadError)}
      <div class="field pv-block"><label for="role-select">${t('platform.roles.choose')}</label>
        <select id="role-select" @change=${(e) => this.select(e.target.value)}>
          <option value="" ?selected=${!this.selected}>${t('platform.roles.none-chosen')}</option>
          ${this.roles.map((r) => html`<option value=${r.name} ?selected=${this.selected && this.selected.name === r.name}>
            ${t('platform.roles.option', { role: r.name, count: (r.privileges || []).length })}</option>`)}
        </select></div>
      ${this.selected ? this.privilegesOf(this.selected) : ''}
      <h2 id="role-create-heading">${t('platform.roles.create')}</h2>
      <form id="role-create" aria-labelledby="role-create-heading" @submit=${(e) => this.create(e)}>
        <div class="pv-fields">
          <label>${t('platform.roles.name')}<input name="name" required autocomplete="off"></label>
          <label>${t('platform.roles.description')}<input name="description" autocomplete="off"></label>
        </div>
        ${alertRegion(this.createError)}
        <div class="pv-actions"><button type="submit">${t('platform.roles.create-submit')}</button></div>
      </form>
    </div>`, this);
  }
}

if (!customElements.get('platform-roles')) {
  customElements.define('platform-roles', PlatformRoles);
}
