// New note (the pad preselected when started from a pad page: /notes/new?pad=ID) and "Edit note".
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

export function EditNote({ params }) {
  useTitle('Edit note');
  const { api, pads, reloadPads } = useSession();
  const note = useLoad(() => api.getNote(params.id), [params.id]);
  async function save(v) {
    await api.updateNote(params.id, body(v));
    reloadPads();
    flashNext('Note saved.');
    navigate(`/notes/${params.id}`);
  }
  return (
    <Loaded res={note}>
      {(n) => (
        <section aria-labelledby="page-title">
          <h1 id="page-title">Edit note</h1>
          <NoteEditor note={n} pads={pads || (n.pad ? [n.pad] : [])} padId={n.pad_id} onSave={save}
            submitLabel="Save" cancelHref={`/notes/${n.id}`} />
        </section>
      )}
    </Loaded>
  );
}
