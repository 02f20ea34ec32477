import { flashNow } from '../lib/nav.js';
import { validateChangePassword } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, NewPassword, Submit } from '../components/Field.jsx';

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
      <h2>Delete account</h2>
      <p>Deleting your account removes all your pads and notes for good.</p>
      <p><a href="/settings/delete" class="button danger">Delete account…</a></p>
    </section>
  );
}
