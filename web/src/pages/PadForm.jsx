// New pad, and "Pad settings" (rename, with the way to delete it). A rename names the version it loaded
// (If-Match); if the pad was renamed elsewhere meanwhile, the form says to what, and a second Save overwrites it.
import { useRef } from 'preact/hooks';
import { ApiError } from '../lib/api.js';
import { navigate, flashNext } from '../lib/nav.js';
import { validatePad } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useLoad, useTitle } from '../hooks.js';
import { Field, Form, Submit } from '../components/Field.jsx';
import { Loaded } from '../components/States.jsx';

function PadNameForm({ pad, onSave, submitLabel }) {
  const form = useForm({ name: pad ? pad.name : '' }, { validate: validatePad, action: onSave });
  return (
    <Form form={form} class="narrow">
      <Field id="name" label="Name" type="text" required maxLength={100} autoComplete="off" {...form.field('name')} />
      <div class="actions">
        <Submit busy={form.busy}>{submitLabel}</Submit>
        <a href={pad ? `/pads/${pad.id}` : '/'} class="button">Cancel</a>
      </div>
    </Form>
  );
}

export function NewPad() {
  useTitle('New pad');
  const { api, reloadPads } = useSession();
  async function save(v) {
    const pad = await api.createPad(v.name.trim());
    reloadPads();
    flashNext('Pad created.');
    navigate(`/pads/${pad.id}`);
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">New pad</h1>
      <PadNameForm onSave={save} submitLabel="Create pad" />
    </section>
  );
}

export function PadSettings({ params }) {
  useTitle('Pad settings');
  const { api, reloadPads } = useSession();
  const pad = useLoad(() => api.getPadTagged(params.id), [params.id]);
  const seen = useRef(null); // the newer version the user was told about
  async function save(v) {
    try {
      await api.renamePad(params.id, v.name.trim(), seen.current || pad.data.etag);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 412) throw err;
      const now = await api.getPadTagged(params.id);
      seen.current = now.etag;
      throw new Error(`This pad was renamed to “${now.data.name}” elsewhere while you were editing. `
        + 'Save again to use your name instead, or cancel to keep that one.');
    }
    reloadPads();
    flashNext('Pad renamed.');
    navigate(`/pads/${params.id}`);
  }
  return (
    <Loaded res={pad}>
      {({ data: p }) => (
        <section aria-labelledby="page-title">
          <h1 id="page-title">Pad settings</h1>
          <PadNameForm pad={p} onSave={save} submitLabel="Save" />
          <h2>Delete pad</h2>
          <p>Deleting the pad also deletes its {p.notes_count === 1 ? 'note' : `${p.notes_count} notes`}.</p>
          <p><a href={`/pads/${p.id}/delete`} class="button danger">Delete pad…</a></p>
        </section>
      )}
    </Loaded>
  );
}
