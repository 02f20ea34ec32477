// Browser history for the SPA: navigate(), a subscription for the current location, same-origin link clicks
// turned into history pushes, and flash messages that survive exactly one navigation.

const listeners = new Set();
let flash = null; // shown on the current page
let pendingFlash = null; // shown on the next page

function emit() {
  flash = pendingFlash;
  pendingFlash = null;
  for (const fn of listeners) fn();
}

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const currentPath = () => window.location.pathname + window.location.search;

export function navigate(url, { replace = false } = {}) {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  emit();
}

/** A message for the page the next navigate() shows ("Note saved."). kind: success | error | info */
export function flashNext(text, kind = 'success') {
  pendingFlash = { text, kind, id: Date.now() + Math.random() };
}

/** A message on the current page, without navigating. */
export function flashNow(text, kind = 'success') {
  flash = { text, kind, id: Date.now() + Math.random() };
  for (const fn of listeners) fn();
}

export const currentFlash = () => flash;

export function startNav() {
  window.addEventListener('popstate', emit);
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    // In-page anchors ("Skip to content") keep their native behaviour.
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}
