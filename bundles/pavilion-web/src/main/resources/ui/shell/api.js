// The REST API under /api/v1 as pages use it (ctx.api): same-origin cookie session, JSON in and out, problem+json
// errors as ApiError. An expired session asks the session handler (the sign-in dialog) and retries the call.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem type without its urn prefix, e.g. "session-expired", "forbidden". */
  get type() {
    const t = this.problem.type || '';
    return t.startsWith('urn:pavilion:problem:') ? t.substring('urn:pavilion:problem:'.length) : t;
  }
}

let expiredHandler = null;
let activityHandler = null;

/** fn(): called after each answer the server gave while signed in (the session's idle clock restarted). */
export function onActivity(fn) {
  activityHandler = fn;
}

/** fn(apiError) -> Promise<boolean>: true when the user signed in again and the call should be retried. */
export function onSessionExpired(fn) {
  expiredHandler = fn;
}

function url(path, query) {
  if (!path.startsWith('/')) throw new Error('API paths start with /: ' + path);
  let u = '/api/v1' + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => params.append(k, x));
      else params.append(k, String(v));
    }
    const s = params.toString();
    if (s) u += (u.includes('?') ? '&' : '?') + s;
  }
  return u;
}

async function problemOf(resp) {
  const type = resp.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await resp.json();
    } catch (e) {
      /* empty or broken body: fall through */
    }
  }
  return { status: resp.status, title: resp.statusText };
}

async function request(method, path, { query, body, form, blob, options = {} } = {}) {
  for (;;) {
    const headers = {
      ...(options.headers || {}),
      'X-Pavilion-Request': '1',
      Accept: blob ? '*/*' : 'application/json, application/problem+json',
    };
    let payload;
    if (form instanceof Blob) {
      // A raw upload (a document): the file's own type, no multipart envelope.
      headers['Content-Type'] = options.contentType || form.type || 'application/octet-stream';
      payload = form;
    } else if (form) {
      payload = form;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let resp;
    try {
      resp = await fetch(url(path, query), {
        method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal: options.signal,
      });
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new ApiError(0, { type: 'urn:pavilion:problem:network', title: 'Network error' });
    }
    if (resp.status === 401 && expiredHandler && !path.startsWith('/auth/session')) {
      const error = new ApiError(401, await problemOf(resp));
      if (await expiredHandler(error)) continue;
      throw error;
    }
    if (resp.status !== 401 && activityHandler) activityHandler();
    if (!resp.ok) throw new ApiError(resp.status, await problemOf(resp));
    if (blob) return resp.blob();
    if (resp.status === 204) return null;
    const type = resp.headers.get('Content-Type') || '';
    if (type.includes('json')) return resp.json();
    return resp.text();
  }
}

// The last argument of each call, `options`, may carry extra `headers` (If-Match, a break-the-glass reason), an
// AbortController `signal`, and for upload of a File or Blob its `contentType`.
export const api = {
  get: (path, query, options) => request('GET', path, { query, options }),
  post: (path, body, query, options) => request('POST', path, { body, query, options }),
  put: (path, body, query, options) => request('PUT', path, { body, query, options }),
  patch: (path, body, query, options) => request('PATCH', path, { body, query, options }),
  del: (path, query, options) => request('DELETE', path, { query, options }),
  upload: (path, formDataOrFile, query, options) => request('POST', path, { form: formDataOrFile, query, options }),
  blob: (path, query, options) => request('GET', path, { query, blob: true, options }),
};
