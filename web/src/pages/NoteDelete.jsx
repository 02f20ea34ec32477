import { ApiError } from '../lib/api.js';
import { navigate, flashNext } from '../lib/nav.js';
import { useSession } from '../session.js';
import { useLoad, useTitle } from '../hooks.js';
import { Loaded } from '../components/States.jsx';
import { Confirm } from './Confirm.jsx';

export function NoteDelete({ params }) {
  useTitle('Delete note');
  const { api, reloadPads } = useSession();
  const note = useLoad(() => api.getNoteTagged(params.id), [params.id]);
  return (
    <Loaded res={note}>
      {({ data: n, etag }) => (
        <Confirm title={`Delete note “${n.name}”?`} confirmLabel="Yes, delete note" cancelHref={`/notes/${n.id}`}
          onConfirm={async () => {
            try {
              await api.deleteNote(n.id, etag); // only the version shown here
            } catch (err) {
              if (err instanceof ApiError && err.status === 412) {
                throw new Error('This note was changed since you opened this page. Open it again before deleting.');
              }
              throw err;
            }
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
