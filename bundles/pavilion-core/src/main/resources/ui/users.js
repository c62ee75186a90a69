// User administration (/api/v1/platform/users): a paged list, creating an account, and for one account its roles
// and patient link, disabling/enabling it, unlocking it after failed sign-ins and resetting its password.
import { html, render } from '/ui/lib/lit-html/lit-html.js';
import { PlatformPage, alertRegion, can, errorText, focusSoon, pager, scrollTable } from './common.js';

const SIZE = 20;

/** Role names from checkboxes named `roles`, or from a comma-separated text field of that name. */
function chosenRoles(form) {
  const boxes = [...form.querySelectorAll('input[name="roles"][type="checkbox"]')];
  if (boxes.length) {
    return boxes.filter((b) => b.checked).map((b) => b.value);
  }
  const text = form.elements.roles ? form.elements.roles.value : '';
  return text.split(',').map((r) => r.trim()).filter((r) => r);
}

class PlatformUsers extends PlatformPage {
  start() {
    this.page = null;
    this.roles = null; // known role names, when the caller may list roles
    this.selected = null;
    this.listError = '';
    this.createError = '';
    this.editError = '';
    this.update();
    this.load(0);
    if (can(this.ctx, 'platform.role.manage')) {
      this.ctx.api.get('/platform/roles').then((rs) => {
        this.roles = rs.map((r) => r.name).sort();
        this.update();
      }, () => { /* without the role list the roles are typed as text */ });
    }
  }

  async load(n) {
    try {
      this.page = await this.ctx.api.get('/platform/users', { page: n, size: SIZE });
      this.listError = '';
    } catch (e) {
      this.listError = errorText(this.ctx, e);
    }
    this.update();
  }

  replace(user) {
    if (this.page) {
      this.page = { ...this.page, items: this.page.items.map((u) => (u.username === user.username ? user : u)) };
    }
    if (this.selected && this.selected.username === user.username) {
      this.selected = user;
    }
  }

  select(user) {
    this.selected = user;
    this.editError = '';
    this.update();
    focusSoon(this, '#user-detail-heading');
  }

  async create(event) {
    event.preventDefault();
    const form = event.target;
    const body = {
      username: form.elements.username.value.trim(),
      password: form.elements.password.value,
      roles: chosenRoles(form),
    };
    const patientId = form.elements.patientId.value.trim();
    if (patientId) {
      body.patientId = patientId;
    }
    try {
      const created = await this.ctx.api.post('/platform/users', body);
      form.reset();
      this.createError = '';
      this.ctx.notify(this.ctx.t('platform.users.created', { username: created.username }), 'success');
      await this.load(this.page ? this.page.page : 0);
      this.select(created);
    } catch (e) {
      this.createError = errorText(this.ctx, e);
      this.update();
    }
  }

  async act(work, message) {
    try {
      const user = await work();
      this.replace(user);
      this.editError = '';
      this.ctx.notify(message, 'success');
      this.update();
      return true;
    } catch (e) {
      this.editError = errorText(this.ctx, e);
      this.update();
      focusSoon(this, '#user-detail [role=alert]');
      return false;
    }
  }

  saveRoles(event) {
    event.preventDefault();
    const form = event.target;
    const u = this.selected.username;
    const patientId = form.elements.patientId.value.trim();
    this.act(() => this.ctx.api.put(`/platform/users/${encodeURIComponent(u)}/roles`,
      { roles: chosenRoles(form), patientId: patientId || null }),
    this.ctx.t('platform.users.roles-saved', { username: u }));
  }

  toggle() {
    const u = this.selected;
    const path = `/platform/users/${encodeURIComponent(u.username)}/${u.enabled ? 'disable' : 'enable'}`;
    this.act(() => this.ctx.api.post(path, {}),
      this.ctx.t(u.enabled ? 'platform.users.disabled-done' : 'platform.users.enabled-done', { username: u.username }));
  }

  /** Lifts the lock failed sign-ins put on the account (POST .../unlock); the answer no longer says locked. */
  unlock() {
    const u = this.selected.username;
    this.act(() => this.ctx.api.post(`/platform/users/${encodeURIComponent(u)}/unlock`, {}),
      this.ctx.t('platform.users.unlocked', { username: u }))
      .then((ok) => { if (ok) { focusSoon(this, '#user-toggle'); } });
  }

  async resetPassword(event) {
    event.preventDefault();
    const form = event.target;
    const u = this.selected.username;
    const ok = await this.act(() => this.ctx.api.post(`/platform/users/${encodeURIComponent(u)}/password`,
      { password: form.elements.password.value }), this.ctx.t('platform.users.password-reset', { username: u }));
    if (ok) {
      form.reset();
    }
  }

  rolesField(held, idPrefix) {
    const { t } = this.ctx;
    if (this.roles) {
      return html`<fieldset><legend>${t('platform.users.roles')}</legend>
        ${this.roles.map((r) => html`<label class="pv-check"><input type="checkbox" name="roles" value=${r}
          id=${`${idPrefix}-${r}`} .checked=${held.includes(r)}>${r}</label>`)}
      </fieldset>`;
    }
    return html`<label>${t('platform.users.roles')}
      <input name="roles" .value=${held.join(', ')} required aria-describedby=${`${idPrefix}-hint`}></label>
      <p class="hint pv-muted" id=${`${idPrefix}-hint`}>${t('platform.users.roles-hint')}</p>`;
  }

  state(u) {
    const { t } = this.ctx;
    if (!u.enabled) {
      return t('platform.users.state-disabled');
    }
    return u.locked ? t('platform.users.state-locked') : t('platform.users.state-enabled');
  }

  detail() {
    const u = this.selected;
    if (!u) {
      return html``;
    }
    const { t, fmt } = this.ctx;
    return html`<section id="user-detail" class="pv-panel" aria-labelledby="user-detail-heading">
      <h2 id="user-detail-heading" tabindex="-1">${t('platform.users.detail', { username: u.username })}</h2>
      <dl class="facts pv-facts">
        <dt>${t('platform.users.state')}</dt><dd>${this.state(u)}</dd>
        <dt>${t('platform.users.created-at')}</dt><dd>${fmt.dateTime(u.createdAt)}</dd>
        <dt>${t('platform.users.updated-at')}</dt><dd>${fmt.dateTime(u.updatedAt)}</dd>
      </dl>
      ${alertRegion(this.editError)}
      <form id="user-roles" @submit=${(e) => this.saveRoles(e)}>
        <h3>${t('platform.users.change-roles')}</h3>
        ${this.rolesField([...(u.roles || [])], 'edit-role')}
        <label>${t('platform.users.patient')}
          <input name="patientId" .value=${u.patientId || ''} aria-describedby="edit-patient-hint"></label>
        <p class="hint pv-muted" id="edit-patient-hint">${t('platform.users.patient-hint')}</p>
        <div class="pv-actions"><button type="submit">${t('platform.users.save-roles')}</button></div>
      </form>
      <div class="pv-actions">
        ${u.locked ? html`<button type="button" id="user-unlock" @click=${() => this.unlock()}
          aria-describedby="user-unlock-hint">${t('platform.users.unlock')}</button>` : ''}
        <button type="button" class="button button-quiet" id="user-toggle" @click=${() => this.toggle()}>
          ${u.enabled ? t('platform.users.disable') : t('platform.users.enable')}</button>
      </div>
      ${u.locked ? html`<p class="hint pv-muted" id="user-unlock-hint">${t('platform.users.unlock-hint')}</p>` : ''}
      <form id="user-password" @submit=${(e) => this.resetPassword(e)}>
        <h3>${t('platform.users.reset-password')}</h3>
        <label>${t('platform.users.new-password')}
          <input name="password" type="password" autocomplete="new-password" required></label>
        <div class="pv-actions"><button type="submit">${t('platform.users.reset')}</button></div>
      </form>
      <div class="pv-actions"><button type="button" class="button button-quiet" @click=${() => { this.selected = null; this.update(); focusSoon(this, 'h1'); }}>
        ${t('platform.close')}</button></div>
    </section>`;
  }

  update() {
    const { t } = this.ctx;
    const items = this.page ? this.page.items : [];
    render(html`<div class="page pv-page">
      <h1 tabindex="-1">${t('platform.page.users')}</h1>
      ${alertRegion(this.listError)}
      ${scrollTable(t('platform.users.list'), html`<table>
        <caption>${t('platform.users.list')}</caption>
        <thead><tr><th scope="col">${t('platform.users.username')}</th><th scope="col">${t('platform.users.roles')}</th>
          <th scope="col">${t('platform.users.patient')}</th><th scope="col">${t('platform.users.state')}</th>
          <th scope="col"><span class="visually-hidden">${t('platform.actions')}</span></th></tr></thead>
        <tbody>${items.map((u) => html`<tr>
          <th scope="row">${u.username}</th><td>${[...(u.roles || [])].join(', ')}</td><td>${u.patientId || ''}</td>
          <td>${this.state(u)}</td>
          <td><button type="button" class="button button-quiet" aria-label=${t('platform.users.open', { username: u.username })}
            @click=${() => this.select(u)}>${t('platform.users.manage')}</button></td></tr>`)}
        </tbody></table>`)}
      ${this.page && this.page.total === 0 ? html`<p>${t('platform.users.none')}</p>` : ''}
      ${pager(this.ctx, this.page, (n) => this.load(n), t('platform.users.pages'))}
      ${this.detail()}
      <h2 id="user-create-heading">${t('platform.users.create')}</h2>
      <form id="user-create" aria-labelledby="user-create-heading" @submit=${(e) => this.create(e)}>
        <div class="pv-fields">
          <label>${t('platform.users.username')}
            <input name="username" required autocomplete="off" autocapitalize="none" spellcheck="false"></label>
          <label>${t('platform.users.password')}
            <input name="password" type="password" autocomplete="new-password" required></label>
          <label>${t('platform.users.patient')}
            <input name="patientId" aria-describedby="create-patient-hint"></label>
        </div>
        <p class="hint pv-muted" id="create-patient-hint">${t('platform.users.patient-hint')}</p>
        ${this.rolesField([], 'create-role')}
        ${alertRegion(this.createError)}
        <div class="pv-actions"><button type="submit">${t('platform.users.create-submit')}</button></div>
      </form>
    </div>`, this);
  }
}

if (!customElements.get('platform-users')) {
  customElements.define('platform-users', PlatformUsers);
}
