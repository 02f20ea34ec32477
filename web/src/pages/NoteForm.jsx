// New note (the pad preselected when started from a pad page: /notes/new?pad=ID) and "Edit note", which saves
// only over the version it loaded (If-Match) and, when someone saved in between, shows that version and lets the
// user keep theirs or take the newer one.
import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api.js';
import { navigate, flashNext } from '../lib/nav.js';
import { validateNote, LIMITS } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useLoad, useTitle } from '../hooks.js';
import { Field, Form, Submit } from '../components/Field.jsx';
import { Loaded } from '../components/States.jsx';

function NoteEditor({ note, pads, padId, onSave, submitLabel, cancelHref }) {
  const form = useForm(
    { name: note ? note.name : '', text: note ? note.text : '', pad_id: padId ? String(padId) : '' },
    { validate: validateNote, action: onSave },
  );
  const pad = form.field('pad_id');
  const padErrorId = 'pad_id-error';
  return (
    <Form form={form}>
      <Field id="name" label="Name" type="text" required maxLength={LIMITS.nameMax} autoComplete="off"
        {...form.field('name')} />
      <div class="field">
        <label for="pad_id">Pad</label>
        <select id="pad_id" name="pad_id" value={pad.value} onChange={pad.onInput}
          aria-invalid={pad.errors ? 'true' : undefined} aria-describedby={pad.errors ? padErrorId : undefined}>
          <option value="">No pad</option>
          {pads.map((p) => <option key={p.id} value={String(p.id)}>{p.name}</option>)}
        </select>
        {pad.errors && <p id={padErrorId} class="field-error">{pad.errors.join(' ')}</p>}
      </div>
      <Field id="text" label="Text" multiline rows={12} {...form.field('text')} />
      <div class="actions">
        <Submit busy={form.busy}>{submitLabel}</Submit>
        <a href={cancelHref} class="button">Cancel</a>
      </div>
    </Form>
  );
}

const body = (v) => ({ name: v.name.trim(), text: v.text, pad_id: v.pad_id ? Number(v.pad_id) : null });

export function NewNote({ query }) {
  useTitle('New note');
  const { api, pads, padsError, reloadPads } = useSession();
  const wanted = query.get('pad');
  // Preselect only a pad the user has; an unknown ?pad= falls back to "No pad".
  const padId = pads && pads.some((p) => String(p.id) === wanted) ? wanted : '';
  async function save(v) {
    const note = await api.createNote(body(v));
    reloadPads();
    flashNext('Note created.');
    navigate(`/notes/${note.id}`);
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">New note</h1>
      {pads === null && !padsError ? <p role="status">Loading…</p> : (
        <NoteEditor key={padId} pads={pads || []} padId={padId} onSave={save} submitLabel="Create note"
          cancelHref={padId ? `/pads/${padId}` : '/'} />
      )}
    </section>
  );
}

/** Shown when a save was refused (412): the version saved elsewhere, and the two ways out. */
function Conflict({ theirs, busy, error, onKeepMine, onTakeTheirs }) {
  return (
    <div class="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">This note was changed elsewhere</h2>
      <p>A newer version was saved while you were editing. Your changes are not saved yet; they are still below.</p>
      <h3>The newer version</h3>
      <dl class="conflict-version">
        <dt>Name</dt><dd class="conflict-name">{theirs.name}</dd>
        <dt>Pad</dt><dd>{theirs.pad ? theirs.pad.name : 'No pad'}</dd>
        <dt>Text</dt><dd><pre class="conflict-text">{theirs.text}</pre></dd>
      </dl>
      {error && <p class="form-error">{error}</p>}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={onKeepMine}>Keep mine</button>
        <button type="button" class="button" disabled={busy} onClick={onTakeTheirs}>Take the newer one</button>
      </div>
    </div>
  );
}

function EditNoteForm({ id, version }) {
  const { api, pads, reloadPads } = useSession();
  const n = version.data;
  // conflict: { theirs, etag, mine } after a refused save; etag is the version the next save may overwrite.
  const [conflict, setConflict] = useState(null);
  const [resolving, setResolving] = useState({ busy: false, error: null });
  async function saveAt(values, etag) {
    try {
      await api.updateNote(id, body(values), etag);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 412) throw err;
      const now = await api.getNoteTagged(id);
      setConflict({ theirs: now.data, etag: now.etag, mine: values });
      return;
    }
    reloadPads();
    flashNext('Note saved.');
    navigate(`/notes/${id}`);
  }
  async function keepMine() {
    setResolving({ busy: true, error: null });
    try {
      await saveAt(conflict.mine, conflict.etag);
      setResolving({ busy: false, error: null });
    } catch (err) {
      setResolving({ busy: false, error: err.message });
    }
  }
  function takeTheirs() {
    flashNext('Your changes were discarded; this is the newer version.');
    navigate(`/notes/${id}`);
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Edit note</h1>
      {conflict && <Conflict theirs={conflict.theirs} busy={resolving.busy} error={resolving.error}
        onKeepMine={keepMine} onTakeTheirs={takeTheirs} />}
      <NoteEditor note={n} pads={pads || (n.pad ? [n.pad] : [])} padId={n.pad_id}
        onSave={(v) => saveAt(v, conflict ? conflict.etag : version.etag)}
        submitLabel="Save" cancelHref={`/notes/${n.id}`} />
    </section>
  );
}

export function EditNote({ params }) {
  useTitle('Edit note');
  const { api } = useSession();
  const version = useLoad(() => api.getNoteTagged(params.id), [params.id]);
  return <Loaded res={version}>{(v) => <EditNoteForm id={params.id} version={v} />}</Loaded>;
}
