// "My pads": every pad of the user with its note count, plus "New pad".
import { useSession } from '../session.js';

export function Sidebar({ path }) {
  const { pads, padsError, reloadPads } = useSession();
  const current = (href) => (path === href ? 'page' : undefined);
  return (
    <nav class="sidebar" aria-labelledby="my-pads">
      <p><a href="/" aria-current={current('/')}>All notes</a></p>
      <h2 id="my-pads">My pads</h2>
      {padsError && (
        <p class="muted" role="alert">
          Pads could not be loaded. <button type="button" class="link" onClick={reloadPads}>Retry</button>
        </p>
      )}
      {pads && pads.length === 0 && <p class="muted">No pads yet.</p>}
      {pads && pads.length > 0 && (
        <ul class="pads">
          {pads.map((pad) => (
            <li key={pad.id}>
              <a href={`/pads/${pad.id}`} aria-current={current(`/pads/${pad.id}`)}>{pad.name}</a>
              <span class="count" aria-label={`${pad.notes_count} notes`}>{pad.notes_count}</span>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/pads/new" class="button">New pad</a></p>
    </nav>
  );
}
