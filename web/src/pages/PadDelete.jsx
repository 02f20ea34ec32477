import { navigate, flashNext } from '../lib/nav.js';
import { useSession } from '../session.js';
import { useLoad, useTitle } from '../hooks.js';
import { Loaded } from '../components/States.jsx';
import { Confirm } from './Confirm.jsx';

export function PadDelete({ params }) {
  useTitle('Delete pad');
  const { api, reloadPads } = useSession();
  const pad = useLoad(() => api.getPad(params.id), [params.id]);
  async function confirm() {
    await api.deletePad(params.id);
    reloadPads();
    flashNext('Pad deleted.');
    navigate('/', { replace: true });
  }
  return (
    <Loaded res={pad}>
      {(p) => (
        <Confirm title={`Delete pad “${p.name}”?`} confirmLabel="Yes, delete pad" cancelHref={`/pads/${p.id}/edit`}
          onConfirm={confirm}>
          <p>
            {p.notes_count > 0
              ? `Its ${p.notes_count === 1 ? 'note is' : `${p.notes_count} notes are`} deleted too. `
              : 'The pad is empty. '}
            This cannot be undone.
          </p>
        </Confirm>
      )}
    </Loaded>
  );
}
