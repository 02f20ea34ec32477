// The /api/v1 client. The access token lives only in this closure (never in storage); the refresh token is the
// HttpOnly cookie the API sets, sent by POST /auth/refresh with an empty JSON body. On a 401 the client refreshes
// once and retries once; concurrent 401s share the single refresh in flight (the API revokes the whole session if
// one refresh token is used twice, beyond a short grace for tabs refreshing at once). The refresh answer has no
// refresh token in its body: the cookie keeps it. Pure apart from the injected `fetch`, so it is unit-tested
// without a browser. A note's writes can name the version the user edited (`If-Match` with the ETag of its read):
// a 412 ApiError then says someone else saved in between.

export class ApiError extends Error {
  /** @param {number} status @param {object|null} problem RFC 9457 body @param {string|null} [retryAfter] */
  constructor(status, problem, retryAfter = null) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.fields = (problem && typeof problem.errors === 'object' && problem.errors) || {};
    this.retryAfter = retryAfter; // seconds, from the Retry-After header of a 429
  }
}

/** The server could not be reached (offline, DNS, connection refused...). */
export class NetworkError extends Error {
  constructor(cause) {
    super('Could not reach Notejam. Check your connection and try again.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The session is gone (refresh failed): the app sends the user to sign in. */
export class AuthError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
    this.name = 'AuthError';
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * @param {{fetch?: typeof fetch, base?: string, onSession?: (user: object|null) => void,
 *          onAuthLost?: () => void}} [opts]
 */
export function createApi(opts = {}) {
  const doFetch = opts.fetch || ((...a) => globalThis.fetch(...a));
  const base = opts.base ?? '/api/v1';
  const onSession = opts.onSession || (() => {});
  const onAuthLost = opts.onAuthLost || (() => {});
  let token = null;
  let refreshing = null; // the one refresh in flight, shared by every caller

  function setSession(data) {
    token = data ? data.access_token : null;
    onSession(data ? data.user : null);
  }

  async function send(method, path, body, auth, extra) {
    const headers = { Accept: 'application/json, application/problem+json', ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && token) headers.Authorization = `Bearer ${token}`;
    try {
      return await doFetch(base + path, {
        method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new NetworkError(e);
    }
  }

  async function parse(res) {
    if (res.status === 204) return null;
    let data = null;
    const type = res.headers.get('content-type') || '';
    if (type.includes('json')) {
      try { data = await res.json(); } catch { data = null; }
    }
    if (!res.ok) throw new ApiError(res.status, data, res.headers.get('retry-after'));
    return data;
  }

  /** Refreshes the session through the cookie. Resolves true (new token), false (no session); throws when the
   * server cannot answer (network, 5xx, 429) so a passing outage does not sign the user out. */
  function refresh() {
    if (!refreshing) {
      refreshing = (async () => {
        try {
          const res = await send('POST', '/auth/refresh', {}, false);
          if (res.ok) {
            setSession(await res.json());
            return true;
          }
          if (res.status >= 500 || res.status === 429) await parse(res); // throws ApiError
          setSession(null);
          return false;
        } finally {
          refreshing = null;
        }
      })();
    }
    return refreshing;
  }

  /** The response of an authenticated call, after at most one refresh and retry. */
  async function exchange(method, path, body, extra) {
    const used = token;
    let res = await send(method, path, body, true, extra);
    if (res.status === 401) {
      // Someone else already refreshed while this request was out: just retry with the newer token.
      const fresh = token && token !== used ? true : await refresh();
      if (!fresh) {
        onAuthLost();
        throw new AuthError();
      }
      res = await send(method, path, body, true, extra);
      if (res.status === 401) {
        setSession(null);
        onAuthLost();
        throw new AuthError();
      }
    }
    return res;
  }

  const request = async (method, path, body, extra) => parse(await exchange(method, path, body, extra));
  /** { data, etag }: the object and the version to send back in If-Match. */
  async function tagged(method, path, body, extra) {
    const res = await exchange(method, path, body, extra);
    return { data: await parse(res), etag: res.headers.get('etag') };
  }
  const ifMatch = (etag) => (etag ? { 'If-Match': etag } : undefined);

  async function authenticate(path, body) {
    const data = await parse(await send('POST', path, body, false));
    setSession(data);
    return data.user;
  }

  return {
    hasToken: () => token !== null,
    refresh,
    signIn: (email, password) => authenticate('/auth/signin', { email: email.trim(), password }),
    signUp: (email, password) => authenticate('/auth/signup', { email: email.trim(), password }),
    async signOut() {
      try {
        await parse(await send('POST', '/auth/signout', {}, true));
      } finally {
        setSession(null); // forget the token even if the server could not be told
      }
    },
    forgotPassword: (email) => send('POST', '/auth/forgot-password', { email: email.trim() }, false).then(parse),
    resetPassword: (resetToken, password) =>
      send('POST', '/auth/reset-password', { token: resetToken, password }, false).then(parse),
    me: () => request('GET', '/me'),
    async changePassword(current, next) {
      const data = await request('PUT', '/me/password', { current_password: current, new_password: next });
      if (data && data.access_token) setSession(data);
      return data;
    },
    async deleteAccount(password) {
      await request('DELETE', '/me', { password });
      setSession(null);
    },
    /** Everything of the user (GET /me/export) as a Blob, for "Download my data". */
    exportData: () => exchange('GET', '/me/export').then((res) => (res.ok ? res.blob() : parse(res))),
    listPads: (params) => request('GET', `/pads${query(params)}`),
    getPad: (id) => request('GET', `/pads/${encodeURIComponent(id)}`),
    /** { data: pad, etag } */
    getPadTagged: (id) => tagged('GET', `/pads/${encodeURIComponent(id)}`),
    createPad: (name) => request('POST', '/pads', { name }),
    /** With etag: only if the pad is still at that version (else ApiError 412). */
    renamePad: (id, name, etag) => request('PATCH', `/pads/${encodeURIComponent(id)}`, { name }, ifMatch(etag)),
    deletePad: (id) => request('DELETE', `/pads/${encodeURIComponent(id)}`),
    listNotes: (params) => request('GET', `/notes${query(params)}`),
    listPadNotes: (id, params) => request('GET', `/pads/${encodeURIComponent(id)}/notes${query(params)}`),
    getNote: (id) => request('GET', `/notes/${encodeURIComponent(id)}`),
    /** { data: note, etag } */
    getNoteTagged: (id) => tagged('GET', `/notes/${encodeURIComponent(id)}`),
    createNote: (note) => request('POST', '/notes', note),
    /** With etag: only if the note is still at that version (else ApiError 412). Resolves { data, etag }. */
    updateNote: (id, note, etag) => tagged('PATCH', `/notes/${encodeURIComponent(id)}`, note, ifMatch(etag)),
    /** With etag: only the version the user saw (else ApiError 412). */
    deleteNote: (id, etag) => request('DELETE', `/notes/${encodeURIComponent(id)}`, undefined, ifMatch(etag)),
    /** Every pad of the user, following next_cursor (the sidebar and the note form need all of them). */
    async allPads() {
      const items = [];
      let cursor = null;
      for (let page = 0; page < 50; page++) {
        const res = await request('GET', `/pads${query({ order: 'name', limit: 100, cursor })}`);
        items.push(...res.items);
        cursor = res.next_cursor;
        if (!cursor) break;
      }
      return items;
    },
  };
}
