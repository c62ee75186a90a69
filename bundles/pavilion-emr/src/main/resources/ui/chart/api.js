// The chart's calls to the EMR's REST API. They go through ctx.api (session expiry, sign-in dialog, retry),
// except after break-the-glass (the reason must travel in a header on every call, which ctx.api does not send) and
// for document uploads (a raw body, which ctx.api does not send): those use fetch on the same origin, the HttpOnly
// cookie goes along (the page never sees a token), and a 401 lets the shell's sign-in run before one retry.

export const BREAK_GLASS_HEADER = 'Pavilion-Break-Glass-Reason';
const BREAK_GLASS_TYPE = 'break-the-glass-required';

/** The error shape ctx.api rejects with, so ctx.problem(error) can localise ours too. */
export class ChartApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
  }
}

/** Whether an API error is the refusal that asks for a break-the-glass reason. */
export function needsBreakGlass(error) {
  const type = error && error.problem && error.problem.type;
  return !!error && error.status === 403 && typeof type === 'string' && type.endsWith(BREAK_GLASS_TYPE);
}

function withQuery(path, query) {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  Object.entries(query).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  });
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export class RecordApi {
  constructor(ctx, mrn) {
    this.ctx = ctx;
    this.mrn = mrn;
    /** Set once the user broke the glass: sent with every later call of this chart. */
    this.reason = null;
  }

  /** Path of a part of this patient's record, e.g. rec('/allergies'). */
  rec(part = '') {
    return `/emr/records/${encodeURIComponent(this.mrn)}${part}`;
  }

  get(path, query) {
    return this.reason ? this.direct('GET', withQuery(path, query)) : this.ctx.api.get(path, query);
  }

  post(path, body) {
    return this.reason ? this.direct('POST', path, body) : this.ctx.api.post(path, body);
  }

  put(path, body) {
    return this.reason ? this.direct('PUT', path, body) : this.ctx.api.put(path, body);
  }

  del(path) {
    return this.reason ? this.direct('DELETE', path) : this.ctx.api.del(path);
  }

  /**
   * Sends a file as the raw request body with its own Content-Type (the documents API takes no multipart: see
   * docs/document-store.md), so this always uses fetch; headers may add e.g. Content-SHA256.
   */
  uploadRaw(path, query, file, contentType, headers = {}) {
    return this.direct('POST', withQuery(path, query), file, false, false, { 'Content-Type': contentType, ...headers });
  }

  blob(path) {
    return this.reason ? this.direct('GET', path, undefined, true) : this.ctx.api.blob(path);
  }

  async direct(method, path, body, asBlob = false, retried = false, extraHeaders = null) {
    const headers = { Accept: asBlob ? '*/*' : 'application/json', 'X-Pavilion-Request': '1' };
    if (this.reason) {
      headers[BREAK_GLASS_HEADER] = this.reason;
    }
    const init = { method, headers, credentials: 'same-origin' };
    if (extraHeaders) {
      Object.assign(headers, extraHeaders);
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`/api/v1${path}`, init);
    if (res.status === 401 && !retried) {
      // Let the shell run its sign-in dialog through a call of its own (a cheap one without patient data: the
      // shell does not do it for /auth/session), then try ours again; what that call answers does not matter.
      await this.ctx.api.get('/emr/icd10', { q: 'a', limit: 1 }).catch(() => null);
      return this.direct(method, path, body, asBlob, true, extraHeaders);
    }
    if (!res.ok) {
      let problem = {};
      try {
        problem = await res.json();
      } catch (e) {
        problem = { status: res.status };
      }
      throw new ChartApiError(res.status, problem);
    }
    if (asBlob) {
      return res.blob();
    }
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }
}
