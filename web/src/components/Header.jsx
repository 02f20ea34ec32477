// Top bar: the brand, and either the account links or sign in / sign up.
import { NetworkError } from '../lib/api.js';
import { navigate, flashNext } from '../lib/nav.js';
import { useSession } from '../session.js';

export function Header({ user }) {
  const { api, switchUser } = useSession();
  const signOut = () => switchUser(async () => {
    try {
      await api.signOut();
      flashNext('You are signed out.', 'info');
    } catch (err) {
      // A session the server no longer knows is signed out all the same.
      if (err instanceof NetworkError) flashNext('Signed out here, but Notejam could not be reached.', 'error');
      else flashNext('You are signed out.', 'info');
    }
    navigate('/signin');
  });
  return (
    <header class="top">
      <a href="/" class="brand">Notejam</a>
      <nav aria-label="Account" class="account">
        {user ? (
          <>
            <span class="who">{user.email}</span>
            <a href="/settings">Account settings</a>
            <button type="button" class="link" onClick={signOut}>Sign out</button>
          </>
        ) : (
          <>
            <a href="/signin">Sign in</a>
            <a href="/signup">Sign up</a>
          </>
        )}
      </nav>
    </header>
  );
}
