import { useState } from 'preact/hooks';
import { flashNow } from '../lib/nav.js';
import { validateChangePassword } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, NewPassword, Submit } from '../components/Field.jsx';
import { ErrorState } from '../components/States.jsx';

/** "Download my data": GET /me/export saved as a file (a Blob: the API needs the bearer token, a link cannot send it). */
function DownloadData({ api }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const url = URL.createObjectURL(await api.exportData());
      const a = Object.assign(document.createElement('a'), { href: url, download: 'notejam-export.json' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000); // the browser reads it after click() returns
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <h2>Your data</h2>
      <p>Download all your pads and notes as one JSON file.</p>
      {error && <ErrorState error={error} />}
      <p>
        <button type="button" class="button" onClick={download} disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {busy ? 'Preparing download…' : 'Download my data'}
        </button>
      </p>
    </>
  );
}

const EMPTY = { current_password: '', new_password: '', repeat: '' };

export function Settings() {
  useTitle('Account settings');
  const { api, user } = useSession();
  const form = useForm(EMPTY, {
    validate: (v) => validateChangePassword({ current: v.current_password, password: v.new_password, repeat: v.repeat }),
    async action(v, { setValues }) {
      await api.changePassword(v.current_password, v.new_password);
      setValues(EMPTY);
      flashNow('Your password was changed.');
    },
  });
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Account settings</h1>
      <p>Signed in as <strong>{user.email}</strong>.</p>
      <h2>Change password</h2>
      <Form form={form} class="narrow">
        <Field id="current_password" label="Current password" type="password" autoComplete="current-password"
          required {...form.field('current_password')} />
        <NewPassword form={form} name="new_password" />
        <Submit busy={form.busy}>Change password</Submit>
      </Form>
      <DownloadData api={api} />
      <h2>Delete account</h2>
      <p>Deleting your account removes all your pads and notes for good.</p>
      <p><a href="/settings/delete" class="button danger">Delete account…</a></p>
    </section>
  );
}
