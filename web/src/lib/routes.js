// The app's URL map and the pure helpers around it (route matching, sort order, the "next" page after sign-in).

const ROUTES = [
  ['/', 'notes'],
  ['/signin', 'signin', { public: true, guestOnly: true }],
  ['/signup', 'signup', { public: true, guestOnly: true }],
  ['/forgot-password', 'forgot', { public: true, guestOnly: true }],
  ['/reset-password', 'reset', { public: true, guestOnly: true }],
  ['/settings', 'settings'],
  ['/settings/delete', 'deleteAccount'],
  ['/pads/new', 'padNew'],
  ['/pads/:id', 'pad'],
  ['/pads/:id/edit', 'padEdit'],
  ['/pads/:id/delete', 'padDelete'],
  ['/notes/new', 'noteNew'],
  ['/notes/:id', 'note'],
  ['/notes/:id/edit', 'noteEdit'],
  ['/notes/:id/delete', 'noteDelete'],
].map(([pattern, name, flags]) => ({ parts: pattern.split('/').filter(Boolean), name, ...(flags || {}) }));

/**
 * Matches a pathname. Ids must be positive integers (anything else is "Not found", as the API says).
 * @returns {{name: string, params: object, public?: boolean, guestOnly?: boolean}}
 */
export function matchRoute(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of ROUTES) {
    if (route.parts.length !== parts.length) continue;
    const params = {};
    const ok = route.parts.every((p, i) => {
      if (p.startsWith(':')) {
        if (!/^[1-9][0-9]{0,17}$/.test(parts[i])) return false;
        params[p.slice(1)] = parts[i];
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { name: route.name, params, public: !!route.public, guestOnly: !!route.guestOnly };
  }
  return { name: 'notFound', params: {}, public: true };
}

export const ORDERS = ['-updated_at', 'updated_at', 'name', '-name'];
export const DEFAULT_ORDER = '-updated_at';

/** The sort order from a query string; anything unknown falls back to the default. */
export function orderFrom(search) {
  const order = new URLSearchParams(search).get('order');
  return ORDERS.includes(order) ? order : DEFAULT_ORDER;
}

/** The search words from a query string (?q=...), trimmed; '' when there is no search. */
export function searchFrom(search) {
  return (new URLSearchParams(search).get('q') || '').trim();
}

/** A list's URL with its order and search (each left out when not given): "/pads/3?order=name&q=flour". */
export function listUrl(path, { order, q } = {}) {
  const params = new URLSearchParams();
  if (order) params.set('order', order);
  if (q) params.set('q', q);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The order a column header links to: the column's ascending order, or its descending one when the list is
 * already sorted ascending by it. "Last modified" starts newest first, as people expect.
 */
export function nextOrder(current, column) {
  if (column === 'updated_at') return current === '-updated_at' ? 'updated_at' : '-updated_at';
  return current === 'name' ? '-name' : 'name';
}

/** aria-sort value of a column for the current order. */
export function ariaSort(current, column) {
  if (current === column) return 'ascending';
  if (current === `-${column}`) return 'descending';
  return 'none';
}

/** Only same-app paths are followed after sign-in ("/notes/3?x=1"), never "//evil.example" or "https://...". */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  const { name } = matchRoute(next.split(/[?#]/)[0]);
  return name === 'signin' || name === 'signup' ? '/' : next;
}

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInUrl(path) {
  const next = safeNext(path);
  return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
}
