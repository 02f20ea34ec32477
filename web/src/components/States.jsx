// Loading, error and "Not found" states shared by every page that loads data.
import { ApiError, AuthError, NetworkError } from '../lib/api.js';
import { useTitle } from '../hooks.js';

export function Loading({ what = 'Loading…' }) {
  return <p class="loading" role="status" aria-live="polite">{what}</p>;
}

export function NotFound() {
  useTitle('Not found');
  return (
    <section class="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>There is nothing here. The page may have been deleted, or it was never yours.</p>
      <p><a href="/">Go to all notes</a></p>
    </section>
  );
}

export function ErrorState({ error, retry }) {
  const offline = error instanceof NetworkError;
  const text = offline ? 'Could not reach Notejam. Check your connection.'
    : (error && error.status >= 500) ? 'Notejam is having trouble right now.' : error.message;
  return (
    <div class="error-state" role="alert">
      <p>{text}</p>
      {retry && <button type="button" class="button" onClick={retry}>Try again</button>}
    </div>
  );
}

/**
 * Renders `children(data)` once loaded; otherwise the loading state, "Not found" for a 404, nothing while a
 * lost session redirects to sign-in, or the error with a retry button.
 */
export function Loaded({ res, children, label }) {
  if (res.error instanceof ApiError && res.error.status === 404) return <NotFound />;
  if (res.error instanceof AuthError) return <Loading />;
  if (res.error) return <ErrorState error={res.error} retry={res.reload} />;
  if (res.loading || !res.data) return <Loading what={label} />;
  return children(res.data);
}
