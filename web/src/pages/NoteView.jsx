import { useSession } from '../session.js';
import { useLoad, useTitle } from '../hooks.js';
import { Loaded } from '../components/States.jsx';
import { SmartDate } from '../components/SmartDate.jsx';

export function NoteView({ params }) {
  const { api } = useSession();
  const note = useLoad(() => api.getNote(params.id), [params.id]);
  useTitle(note.data ? note.data.name : null);
  return (
    <Loaded res={note}>
      {(n) => (
        <article aria-labelledby="page-title" class="note">
          <h1 id="page-title">{n.name}</h1>
          <p class="meta">
            {n.pad ? <>In <a href={`/pads/${n.pad.id}`}>{n.pad.name}</a></> : 'No pad'}
            {' · '}Last edited <SmartDate value={n.updated_at} />
          </p>
          <div class="note-text">{n.text}</div>
          <div class="actions">
            <a href={`/notes/${n.id}/edit`} class="button primary">Edit</a>
            <a href={`/notes/${n.id}/delete`} class="button danger">Delete</a>
          </div>
        </article>
      )}
    </Loaded>
  );
}
