// The app shell: session start-up (one cookie refresh), route guards, header, "My pads" sidebar, flash, pages.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './lib/api.js';
import { matchRoute, safeNext, signInUrl } from './lib/routes.js';
import { currentFlash, currentPath, flashNext, navigate, subscribe } from './lib/nav.js';
import { Session } from './session.js';
import { Flash } from './components/Flash.jsx';
import { Sidebar } from './components/Sidebar.jsx';
import { ErrorState, Loading, NotFound } from './components/States.jsx';
import { Header } from './components/Header.jsx';
import { PAGES } from './pages/index.js';

function useLocation() {
  const [loc, setLoc] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(() => subscribe(() => setLoc({ path: window.location.pathname, search: window.location.search })), []);
  return loc;
}

function Redirect({ to }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

export function App() {
  const loc = useLocation();
  const [user, setUser] = useState(undefined); // undefined: not known yet; null: signed out
  const [startError, setStartError] = useState(null);
  const [pads, setPads] = useState(null);
  const [padsError, setPadsError] = useState(null);
  const [padsVersion, setPadsVersion] = useState(0);
  const mainRef = useRef(null);
  const first = useRef(true);
  // While sign-in/sign-out/account deletion switch user and page, the guards below wait for the page change.
  const switching = useRef(false);
  async function switchUser(action) {
    switching.current = true;
    try {
      return await action();
    } finally {
      switching.current = false;
    }
  }

  const api = useMemo(() => createApi({
    onSession: (u) => setUser(u),
    onAuthLost: () => flashNext('Your session has ended. Please sign in again.', 'info'),
  }), []);

  // On load the access token is gone (memory only): one refresh through the HttpOnly cookie restores the session.
  function start() {
    setStartError(null);
    api.refresh().catch((err) => setStartError(err));
  }
  useEffect(start, []);

  // The sidebar's pads, reloaded after every change to pads or notes (counts).
  useEffect(() => {
    if (!user) { setPads(null); return undefined; }
    let live = true;
    setPadsError(null);
    api.allPads().then((list) => live && setPads(list), (err) => live && setPadsError(err));
    return () => { live = false; };
  }, [user && user.id, padsVersion]);

  // Keyboard and screen-reader users land on the new page's content after each navigation.
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    if (mainRef.current) mainRef.current.focus({ preventScroll: false });
  }, [loc.path, loc.search]);

  const route = matchRoute(loc.path);
  const query = new URLSearchParams(loc.search);
  const session = { api, user, pads, padsError, switchUser, reloadPads: () => setPadsVersion((n) => n + 1) };

  let content;
  if (startError) content = <ErrorState error={startError} retry={start} />;
  else if (user === undefined) content = <Loading what="Starting Notejam…" />;
  else if (switching.current && ((!route.public && !user) || (route.guestOnly && user))) content = <Loading />;
  else if (!route.public && !user) content = <Redirect to={signInUrl(currentPath())} />;
  else if (route.guestOnly && user) content = <Redirect to={safeNext(query.get('next'))} />;
  else if (route.name === 'notFound') content = <NotFound />;
  else {
    const Page = PAGES[route.name];
    content = <Page key={loc.path} params={route.params} query={query} />;
  }

  return (
    <Session.Provider value={session}>
      <a href="#main" class="skip-link">Skip to content</a>
      <Header user={user} />
      <div class={user ? 'layout with-sidebar' : 'layout'}>
        <main id="main" ref={mainRef} tabindex="-1">
          <Flash flash={currentFlash()} />
          {content}
        </main>
        {user && <Sidebar path={loc.path} />}
      </div>
      <footer class="site-footer"><a href="/api/docs">API reference</a></footer>
    </Session.Provider>
  );
}
