import { navigate, flashNext } from '../lib/nav.js';
import { useSession } from '../session.js';
import { useLoad, useTitle } from '../hooks.js';
import { Loaded } from '../components/States.jsx';
import { Confirm } from './Confirm.jsx';

export function NoteDelete({ params }) {
  useTitle('Delete note');
  const { api, reloadPads } = useSession();
  const note = useLoad(() => api.getNote(params.id), [params.id]);
  return (
    <Loaded res={note}>
      {(n) => (
        <Confirm title={`Delete note “${n.name}”?`} confirmLabel="Yes, delete note" cancelHref={`/notes/${n.id}`}
          onConfirm={async () => {
            await api.deleteNote(n.id);
            reloadPads();
            flashNext('Note deleted.');
            navigate(n.pad ? `/pads/${n.pad.id}` : '/', { replace: true });
          }}>
          <p>This cannot be undone.</p>
        </Confirm>
      )}
    </Loaded>
  );
}
